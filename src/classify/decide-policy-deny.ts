import { judgeCachedPolicy } from './judge-cached-policy.js';
import { judgeFreshPolicy } from './judge-fresh-policy.js';
import type { Signals } from './read-signals.js';
import type { Rule } from './rule.js';

/** How sure the log is that the request was refused: a refusal line, a bare 403, or nothing. */
export type Refusal = 'refused' | 'status' | 'none';

/**
 * The authorizer refused: `The client is not authorized to perform this operation.` (or the client-visible
 * `User is not authorized to access this resource…`). Note that `Successfully completed authorizer execution`
 * precedes refusals too: it says the Lambda answered, not that it allowed. The policy is re-evaluated to tell
 * an explicit deny, an implicit deny and a cached policy apart.
 */
export const decideAuthorizerRefusal: Rule = {
  name: 'authorizer-refusal',
  decide(ctx) {
    const { s } = ctx;
    if (s.trace.executionStarted || refusalOf(s) !== 'refused') return null;
    if (s.trace.authorizer === null && !s.clientDenied) return null;
    return s.cacheHit ? judgeCachedPolicy(ctx, 'refused') : judgeFreshPolicy(s, 'refused');
  },
};

/**
 * No refusal line, but an authorizer answered and the request did not reach the integration (a bare 403, or the
 * trace ends): the policy itself says whether it refused, with less confidence.
 */
export const decidePolicyInferred: Rule = {
  name: 'policy-inferred',
  decide(ctx) {
    const { s } = ctx;
    if (s.trace.executionStarted || s.trace.authorizer === null) return null;
    const refusal = refusalOf(s);
    if (refusal === 'refused') return null;
    return s.cacheHit ? judgeCachedPolicy(ctx, refusal) : judgeFreshPolicy(s, refusal);
  },
};

function refusalOf(s: Signals): Refusal {
  if (s.clientDenied || s.told === 'explicit-deny' || s.told === 'implicit-deny') return 'refused';
  if (s.trace.gatewayResponse?.type === 'ACCESS_DENIED') return 'refused';
  return s.status === 403 ? 'status' : 'none';
}
