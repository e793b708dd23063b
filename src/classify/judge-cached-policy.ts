import { evaluatePolicy, type PolicyEvaluation } from '../policy/index.js';
import type { Confidence } from '../types.js';
import type { Refusal } from './decide-policy-deny.js';
import { capitalise, describeAuthorizer, describeRequest, isoTime } from './describe.js';
import { firstMiss } from './judge-fresh-policy.js';
import { lower, viewPolicy, type RuleContext } from './rule.js';
import type { Verdict } from './types.js';
import type { Signals } from './read-signals.js';
import { fixCacheKey, fixFlushCache, fixTtlZero, fixWidenResource } from './write-fixes.js';

/**
 * The verdict on a cache hit: the authorizer decided without invoking its Lambda, so the policy that decided
 * is the one returned to an earlier request (`origin`), re-evaluated here on this request's ARN. Without the
 * origin the cause is still the cached policy, with medium confidence. Null when there is no refusal to explain.
 */
export function judgeCachedPolicy(ctx: RuleContext, refusal: Refusal): Verdict | null {
  const { s, origin } = ctx;
  const request = describeRequest(s);
  const evidence: Verdict['evidence'] = ['authorizerStart', 'incomingIdentity', 'authorizerPrincipal', 'authorizerCompleted', 'clientNotAuthorized', 'gatewayResponseBody', 'methodCompleted'];
  const lead = `${capitalise(describeAuthorizer(s))} answered ${request} from its cache, without invoking the Lambda`;
  if (origin === null) {
    if (refusal === 'none') return null;
    return {
      cause: 'AUTHORIZER_CACHED_POLICY_DENY',
      confidence: 'medium',
      alternatives: [],
      reason: `${lead}, and refused it; the request whose policy was cached is not in the input`,
      fix: cacheFixes(s, s.methodArn),
      evidence,
    };
  }
  const document = origin.policy.policyDocument;
  const evaluation: PolicyEvaluation | null = document && s.methodArn !== null ? evaluatePolicy(document, s.methodArn) : null;
  const from = `request ${origin.requestId}${origin.time === null ? '' : ` (${isoTime(origin.time)})`}`;
  const forArn = origin.methodArn === null ? '' : ` for ${origin.methodArn}`;
  if (evaluation?.decision === 'ALLOW') {
    if (refusal === 'none') return null;
    // This origin cannot be the one: its policy allows the ARN. The cached answer came from elsewhere.
    return {
      cause: 'AUTHORIZER_CACHED_POLICY_DENY',
      confidence: 'low',
      alternatives: ['AUTHORIZER_IMPLICIT_DENY', 'RESOURCE_POLICY_IMPLICIT_DENY'],
      reason: `${lead}, and refused it, though the policy ${from} returned${forArn} would allow it: the cached policy probably came from a request not in the input`,
      fix: cacheFixes(s, s.methodArn),
      evidence,
    };
  }
  let confidence: Confidence = evaluation === null ? 'medium' : 'high';
  if (evaluation?.uncertain) confidence = lower(confidence);
  if (origin.policy.truncated && evaluation?.decision === 'IMPLICIT_DENY') confidence = lower(confidence);
  if (origin.time === null || s.trace.startTime === null) confidence = lower(confidence); // TTL window unchecked
  if (refusal !== 'refused') confidence = lower(confidence);
  if (evaluation?.decision === 'EXPLICIT_DENY') {
    // The cached policy denies this ARN outright: the authorizer's own Deny decided, not a policy written for
    // another path, so flushing the cache would not help. Named as the explicit deny it is, from the cache.
    const matched = evaluation.matched;
    const resource = matched?.resource.find((r) => r !== '') ?? 'its NotResource';
    return {
      cause: 'AUTHORIZER_EXPLICIT_DENY',
      confidence,
      alternatives: ['AUTHORIZER_CACHED_POLICY_DENY'],
      reason: `${lead}: the policy it reused, returned to ${from}${forArn}, explicitly denies ${s.methodArn}: statement ${matched?.index} (Deny) covers it through Resource ${resource}`,
      fix: [
        `Statement ${matched?.index} (Deny) of the cached policy matched ${s.methodArn} through Resource ${resource}: if this caller should pass, stop returning that Deny for it, or narrow its Resource`,
        fixFlushCache(s),
      ],
      evidence,
      policy: viewPolicy(origin.policy, evaluation),
      origin,
    };
  }
  const verdictOnArn = evaluation === null
    ? 'this request\'s method ARN is not in the log to re-evaluate it'
    : `it does not cover ${s.methodArn}${firstMiss(evaluation)}`;
  return {
    cause: 'AUTHORIZER_CACHED_POLICY_DENY',
    confidence,
    alternatives: refusal === 'none' ? ['INCOMPLETE'] : [],
    reason: `${lead}: it reused the policy returned to ${from}${forArn}, and ${verdictOnArn}`,
    fix: cacheFixes(s, origin.methodArn ?? s.methodArn),
    evidence,
    policy: viewPolicy(origin.policy, evaluation),
    origin,
  };
}

function cacheFixes(s: Signals, methodArn: string | null): string[] {
  return [fixFlushCache(s), fixWidenResource(s, methodArn), fixTtlZero(s), fixCacheKey(s)];
}
