import { describeAuthorizer, describeRequest, forPrincipal } from './describe.js';
import type { Rule } from './rule.js';
import type { Signals } from './read-signals.js';

/**
 * `Starting execution for request` was logged: authorization passed, whatever happened next. A 500 or 502 after
 * it is the integration's, not the authorizer's, even when its text is the same (`Invalid permissions on Lambda
 * function`).
 */
export const decideAllowedAfterExecution: Rule = {
  name: 'allowed-after-execution',
  decide({ s }) {
    if (!s.trace.executionStarted) return null;
    return {
      cause: 'ALLOWED',
      confidence: 'high',
      alternatives: [],
      reason: `${whoAllowed(s)} let ${describeRequest(s)} through; ${outcome(s)}`,
      fix: fixesAfterAuthorization(s),
      evidence: ['authorizerPrincipal', 'authorizerCompleted', 'executionStart', 'integrationError', 'methodCompleted'],
    };
  },
};

/**
 * No `Starting execution` line, but a success status and no refusal: allowed, though the log misses the line that
 * would prove it.
 */
export const decideAllowedByStatus: Rule = {
  name: 'allowed-by-status',
  decide({ s }) {
    if (s.status === null || s.status >= 400) return null;
    return {
      cause: 'ALLOWED',
      confidence: 'medium',
      alternatives: [],
      reason: `${describeRequest(s)} completed with status ${s.status} and no refusal was logged, though \`Starting execution\` is missing`,
      fix: [],
      evidence: ['authorizerPrincipal', 'authorizerCompleted', 'methodCompleted'],
    };
  },
};

function whoAllowed(s: Signals): string {
  const authorizer = s.trace.authorizer;
  if (authorizer === null) return 'No authorizer or resource policy refused it: API Gateway';
  const principal = forPrincipal(authorizer.principal);
  return s.cacheHit
    ? `The cached policy of ${describeAuthorizer(s)}${principal}`
    : `The policy of ${describeAuthorizer(s)}${principal}`;
}

function outcome(s: Signals): string {
  if (s.status === null) return 'it reached the integration (no final status logged)';
  if (s.status < 400) return `it completed with status ${s.status}`;
  const why = s.integrationError === null ? '' : ` (${s.integrationError})`;
  return `it then failed after authorization with status ${s.status}${why}`;
}

function fixesAfterAuthorization(s: Signals): string[] {
  const fixes: string[] = [];
  if (s.status !== null && s.status >= 400) {
    fixes.push(`Authorization is not the problem: the status ${s.status} came from the integration or a later check, after the authorizer allowed the request`);
  }
  if (s.integrationError?.includes('Invalid permissions on Lambda function')) {
    fixes.push('Allow API Gateway to invoke the integration\'s Lambda function: aws lambda add-permission --function-name <integration-function> --action lambda:InvokeFunction --principal apigateway.amazonaws.com --statement-id apigateway-invoke');
  }
  // An object or array in the authorizer context passes the authorizer and breaks the integration's mapping.
  for (const warning of s.freshCheck?.warnings ?? []) {
    fixes.push(`Return only strings, numbers and booleans in the authorizer context: ${warning}`);
  }
  return fixes;
}
