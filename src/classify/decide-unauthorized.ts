import { capitalise, describeAuthorizer, describeRequest, functionName } from './describe.js';
import type { Signals } from './read-signals.js';
import type { Rule } from './rule.js';
import { fixLambdaLogs, fixShowAuthorizer } from './write-fixes.js';

/**
 * A 401. The invocation lines decide who said it: present, the Lambda ran and answered `Unauthorized`
 * (AUTHORIZER_UNAUTHORIZED); absent, API Gateway refused before invoking it because an identity source was
 * missing, empty or failed the validation expression (IDENTITY_SOURCE_MISSING).
 */
export const decideUnauthorized: Rule = {
  name: 'unauthorized',
  decide({ s }) {
    if (!s.unauthorized || s.trace.executionStarted) return null;
    const authorizer = s.trace.authorizer;
    if (s.invoked) {
      const fn = functionName(authorizer?.lambdaArn ?? null);
      return {
        cause: 'AUTHORIZER_UNAUTHORIZED',
        confidence: 'high',
        alternatives: [],
        reason: `The authorizer Lambda${fn === null ? '' : ` ${fn}`} ran for ${describeRequest(s)} and answered Unauthorized (401)`,
        fix: [
          'The Lambda rejected the token itself (it threw or returned "Unauthorized"): check that the caller sends a valid, unexpired token and that the Lambda verifies it with the right issuer, audience and keys',
          fixLambdaLogs(authorizer?.lambdaArn ?? null),
        ],
        evidence: ['authorizerStart', 'incomingIdentity', 'authorizerSend', 'unauthorized', 'gatewayResponseType', 'methodCompleted'],
      };
    }
    const identity = authorizer?.identity ?? null;
    const missing = describeMissingSource(s, identity);
    return {
      cause: 'IDENTITY_SOURCE_MISSING',
      // An identity that was logged existed: then it failed the validation expression, or a cached Unauthorized
      // answered (the log cannot tell the two apart).
      confidence: identity === null || missing.empty.length > 0 ? 'high' : 'medium',
      alternatives: identity === null || missing.empty.length > 0 ? [] : ['AUTHORIZER_UNAUTHORIZED'],
      reason: `${capitalise(describeAuthorizer(s))} was not invoked for ${describeRequest(s)}: ${missing.sentence} (401)`,
      fix: [missing.fix, fixShowAuthorizer(s)],
      evidence: ['extendedRequestId', 'authorizerStart', 'incomingIdentity', 'unauthorized', 'gatewayResponseType', 'methodCompleted'],
    };
  },
};

/** Which identity source was missing, as far as the log shows it. */
function describeMissingSource(s: Signals, identity: string | null): { sentence: string; fix: string; empty: string[] } {
  const type = s.trace.authorizer?.type ?? null;
  if (identity !== null && identity.startsWith('{')) {
    const empty = emptySources(identity);
    if (empty.length > 0) {
      return {
        sentence: `identity source ${empty.join(', ')} was empty`,
        fix: `Send ${empty.join(', ')}: a REQUEST authorizer is not invoked unless every identity source is present and non-empty`,
        empty,
      };
    }
  }
  if (identity !== null) {
    return {
      sentence: 'the identity was present, so it probably failed the authorizer\'s identity validation expression (or a cached Unauthorized answered)',
      fix: 'Compare the token the caller sends with the identityValidationExpression (a regex the token must match before the Lambda is invoked)',
      empty: [],
    };
  }
  if (type === 'REQUEST') {
    return {
      sentence: 'an identity source (header, query string or stage variable) was missing or empty',
      fix: 'Send every identity source of the REQUEST authorizer: it is not invoked when one is missing or empty',
      empty: [],
    };
  }
  return {
    sentence: 'the token source (usually the Authorization header) was missing, empty, or failed the validation expression',
    fix: 'Send the token in the header the authorizer reads (its identitySource, usually method.request.header.Authorization), non-empty and matching its identityValidationExpression',
    empty: [],
  };
}

/**
 * The sources of a REQUEST identity map `{method.request.header.X=v, …}` whose value is empty or `null`.
 * Split on ', ' with indexOf: the map comes from the log and may be long.
 */
function emptySources(identity: string): string[] {
  const inner = identity.slice(1, identity.endsWith('}') ? -1 : undefined);
  const empty: string[] = [];
  let from = 0;
  while (from <= inner.length) {
    let to = inner.indexOf(', ', from);
    if (to < 0) to = inner.length;
    const pair = inner.slice(from, to);
    const eq = pair.indexOf('=');
    if (eq > 0) {
      const value = pair.slice(eq + 1).trim();
      if (value === '' || value === 'null') empty.push(pair.slice(0, eq));
    }
    from = to + 2;
  }
  return empty;
}
