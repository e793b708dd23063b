import { describeRequest } from './describe.js';
import type { Rule } from './rule.js';

/**
 * The last row: no rule could decide. Says which lines were needed, so the user knows what to export or which
 * logging level to turn on.
 */
export const decideIncomplete: Rule = {
  name: 'incomplete',
  decide({ s }) {
    const { trace } = s;
    const missing: string[] = [];
    if (trace.status === null && trace.gatewayResponse === null) {
      missing.push('a final status (`Method completed with status: <code>`) or gateway response line');
    }
    if (!trace.executionStarted && trace.marks.clientNotAuthorized === undefined && trace.marks.unauthorized === undefined) {
      missing.push('the decision line (`The client is not authorized to perform this operation.`, `Unauthorized request: <id>` or `Starting execution for request: <id>`)');
    }
    if (trace.authorizer !== null && trace.authorizer.invoked && trace.authorizer.resultBody === null) {
      missing.push('the authorizer\'s answer (`Authorizer result body before parsing: …`)');
    }
    if (trace.authorizer !== null && trace.methodArn === null) {
      missing.push('the method ARN (the authorizer request body, or `HTTP Method: …, Resource Path: …`)');
    }
    if (s.cacheHit) missing.push('the earlier request whose policy the authorizer cached (not in the input, or beyond the TTL)');
    if (missing.length === 0) missing.push('a line that says who decided');
    const ended = trace.closedBy === 'end-of-input' || trace.closedBy === 'capacity' ? ` (the trace was closed by ${trace.closedBy})` : '';
    // A policy that allows the request hints it passed, but without the line that shows it we do not say so.
    const allows = s.freshEvaluation?.decision === 'ALLOW';
    return {
      cause: 'INCOMPLETE',
      confidence: allows ? 'medium' : 'high',
      alternatives: allows ? ['ALLOWED'] : [],
      reason: `The log of ${describeRequest(s)} lacks the lines needed to decide${ended}`,
      fix: ['Export the whole time range of the request, with execution logging at INFO level and full request/response data'],
      evidence: ['authorizerStart', 'authorizerPrincipal', 'authorizerCompleted', 'methodCompleted'],
      missing,
    };
  },
};
