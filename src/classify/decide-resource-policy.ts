import type { Cause, Confidence } from '../types.js';
import { describeRequest } from './describe.js';
import type { Signals } from './read-signals.js';
import { lower, type Rule } from './rule.js';
import { fixRedeploy, fixShowResourcePolicy } from './write-fixes.js';

/**
 * The API's resource policy refused the caller: the `ExplicitDenyException User: … with an explicit deny` /
 * `User: … is not authorized to perform: execute-api:Invoke` line, or the same text in the response body.
 *
 * With a Lambda authorizer the resource policy is evaluated in two phases (LOG-FORMATS §5): its explicit denies
 * first, before the authorizer runs (no authorizer line precedes the deny); then combined with the authorizer's
 * policy, where, in one account, a Deny on either side refuses, an Allow on either side suffices, and both
 * silent is an implicit deny. Cross-account IAM callers need an Allow on both sides.
 */
export const decideResourcePolicy: Rule = {
  name: 'resource-policy',
  decide({ s }) {
    const line = s.trace.resourcePolicyDeny;
    if (line === null && s.told !== 'resource-policy' && s.told !== 'resource-policy-explicit') return null;
    const explicit = line?.explicit ?? s.told === 'resource-policy-explicit';
    const caller = line?.caller ?? null;
    const preAuthorizer = explicit && !authorizerRanBefore(s);
    const who = caller === null ? 'the caller' : `caller ${caller}`;
    const arn = s.methodArn ?? arnIn(line?.text ?? s.trace.gatewayResponse?.body ?? '') ?? describeRequest(s);
    const alternatives: Cause[] = [];
    // From the log line itself we are sure; from the response body alone a little less.
    let confidence: Confidence = line === null ? 'medium' : 'high';
    if (caller !== null && caller.startsWith('arn:')) {
      // An IAM caller's own identity policy produces the same words.
      confidence = lower(confidence);
      alternatives.push('OTHER_ACCESS_DENIAL');
    }
    const authorizerSays = s.freshEvaluation?.decision ?? null;
    let reason: string;
    const fix: string[] = [];
    if (explicit && preAuthorizer) {
      reason = `The API's resource policy explicitly denies ${who} on ${arn}, in its first phase, before any authorizer ran`;
      fix.push(`Phase 1 denied it: the resource policy's explicit Deny statements are evaluated before the authorizer, so the authorizer was never invoked; find the Deny that covers ${arn} for ${who} (a source IP, VPC endpoint or principal condition)`);
    } else {
      reason = explicit
        ? `The API's resource policy explicitly denies ${who} on ${arn}, in the evaluation combined with the authorizer's policy`
        : `Neither the API's resource policy nor any other policy allows ${who} to invoke ${arn}`;
      fix.push('Phase 2 denied it: the resource policy was evaluated together with the authorizer\'s policy; in one account a Deny on either side refuses, an Allow on either side suffices, both silent is an implicit deny; a cross-account IAM caller needs an Allow on both sides');
      if (explicit && authorizerSays === 'EXPLICIT_DENY') {
        confidence = lower(confidence);
        alternatives.push('AUTHORIZER_EXPLICIT_DENY');
      }
      if (!explicit && authorizerSays === 'IMPLICIT_DENY') {
        confidence = lower(confidence);
        alternatives.push('AUTHORIZER_IMPLICIT_DENY');
        fix.push(`The authorizer's policy is silent about ${arn} too: an Allow on either side would let it through`);
      }
      if (!explicit && authorizerSays === 'ALLOW') {
        fix.push('The authorizer allowed it, which suffices in one account: the caller is probably in another account (an Allow is then needed in the resource policy too)');
      }
    }
    if (!explicit) fix.push(`Add a statement allowing execute-api:Invoke on ${arn} for ${who} to the resource policy`);
    fix.push(fixShowResourcePolicy(s), fixRedeploy(s));
    return {
      cause: explicit ? 'RESOURCE_POLICY_EXPLICIT_DENY' : 'RESOURCE_POLICY_IMPLICIT_DENY',
      confidence,
      alternatives,
      reason,
      fix,
      evidence: ['extendedRequestId', 'authorizerStart', 'authorizerCompleted', 'resourcePolicyDeny', 'gatewayResponseBody', 'methodCompleted'],
      resourcePolicy: explicit ? 'explicit-deny' : 'implicit-deny',
    };
  },
};

/** True when an authorizer line comes before the resource-policy refusal: the combined phase. */
function authorizerRanBefore(s: Signals): boolean {
  const { marks } = s.trace;
  const deny = marks.resourcePolicyDeny;
  const first = [marks.authorizerStart, marks.authorizerPrincipal, marks.authorizerCompleted, marks.authorizerResult]
    .filter((at): at is number => at !== undefined);
  if (first.length === 0) return false;
  return deny === undefined || Math.min(...first) < deny;
}

const ON_RESOURCE = ' on resource: ';

/**
 * The ARN the refusal names (`… execute-api:Invoke on resource: <arn> with an explicit deny`): the request's
 * method ARN, which the trace lacks when no authorizer request body was logged (the extractor keeps it only for
 * api and stage). Read up to the next space or quote, by indexOf: the text is log input.
 */
function arnIn(text: string): string | null {
  const at = text.indexOf(ON_RESOURCE);
  if (at < 0) return null;
  const start = at + ON_RESOURCE.length;
  let end = start;
  while (end < text.length && text[end] !== ' ' && text[end] !== '"') end++;
  const arn = text.slice(start, end);
  return arn.startsWith('arn:') ? arn : null;
}
