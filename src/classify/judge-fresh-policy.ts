import type { PolicyEvaluation } from '../policy/index.js';
import { isObject } from '../policy/is-object.js';
import type { Cause, Confidence } from '../types.js';
import type { Refusal } from './decide-policy-deny.js';
import { capitalise, describeAuthorizer, describeRequest, forPrincipal } from './describe.js';
import type { Signals } from './read-signals.js';
import { lower } from './rule.js';
import type { Verdict } from './types.js';
import { fixAllowArn } from './write-fixes.js';

/**
 * The verdict on a policy the Lambda returned for this very request: explicit deny (a Deny statement matched;
 * truncation cannot weaken it), implicit deny (nothing covers the ARN; weaker when statements were lost to the
 * cut or could not be evaluated), or a contradiction (the policy allows yet the request was refused). Null when
 * there is no refusal to explain.
 */
export function judgeFreshPolicy(s: Signals, refusal: Refusal): Verdict | null {
  const policy = s.fresh;
  const evaluation = s.freshEvaluation;
  const who = `The policy ${describeAuthorizer(s)} returned${forPrincipal(s.trace.authorizer?.principal ?? null)}`;
  const request = describeRequest(s);
  if (policy === null || evaluation === null) {
    if (refusal === 'none') return null;
    // Which flavour of deny, without a policy to re-evaluate: what the client was told, else the policy's shape.
    const hasDeny = policy?.policyDocument?.Statement.some((st) => isObject(st) && st['Effect'] === 'Deny') ?? false;
    const explicit = s.told === 'explicit-deny' || (s.told === null && (policy === null || hasDeny));
    const cause: Cause = explicit ? 'AUTHORIZER_EXPLICIT_DENY' : 'AUTHORIZER_IMPLICIT_DENY';
    const lacking = policy === null ? 'its result body is not in the log' : 'the request\'s method ARN is not in the log';
    return {
      cause,
      confidence: s.told !== null && refusal === 'refused' ? 'medium' : 'low',
      alternatives: [explicit ? 'AUTHORIZER_IMPLICIT_DENY' : 'AUTHORIZER_EXPLICIT_DENY'],
      reason: `${capitalise(describeAuthorizer(s))} refused ${request}, but ${lacking}, so its policy could not be re-evaluated`,
      fix: [
        policy === null
          ? 'Log the authorizer\'s answer to see the policy: set the stage\'s logging level to INFO with full request and response data'
          : 'The method ARN is logged in the authorizer request body: keep full request logging on',
        fixAllowArn(s, s.methodArn),
      ],
      evidence: ['authorizerStart', 'authorizerResult', 'authorizerPrincipal', 'authorizerCompleted', 'clientNotAuthorized', 'gatewayResponseBody', 'methodCompleted'],
    };
  }

  // The authorizer block of the record shows this policy and its evaluation (see buildRecord).
  const base = {
    evidence: ['authorizerStart', 'authorizerRequestBody', 'authorizerResult', 'authorizerPrincipal', 'authorizerCompleted', 'clientNotAuthorized', 'gatewayResponseBody', 'methodCompleted'] as Verdict['evidence'],
  };
  const arn = s.methodArn ?? request;
  if (evaluation.decision === 'EXPLICIT_DENY') {
    const matched = evaluation.matched;
    // A Deny among the statements that survived a cut still wins: truncation does not weaken it.
    let confidence: Confidence = matched?.uncertain ? 'medium' : 'high';
    const alternatives: Cause[] = [];
    if (s.told === 'implicit-deny') {
      confidence = lower(confidence);
      alternatives.push('AUTHORIZER_IMPLICIT_DENY');
    }
    if (refusal !== 'refused') confidence = lower(confidence);
    const resource = matched?.resource.find((r) => r !== '') ?? 'its NotResource';
    return {
      ...base,
      cause: 'AUTHORIZER_EXPLICIT_DENY',
      confidence,
      alternatives,
      reason: `${who} explicitly denies ${request}: statement ${matched?.index} (Deny) covers ${arn} through Resource ${resource}`,
      fix: [
        `Statement ${matched?.index} (Deny) matched ${arn} through Resource ${resource}: if this caller should pass, stop returning that Deny for it, or narrow its Resource`,
        ...allowMisses(evaluation),
      ],
    };
  }
  if (evaluation.decision === 'IMPLICIT_DENY') {
    let confidence: Confidence = 'high';
    let cause: Cause = 'AUTHORIZER_IMPLICIT_DENY';
    const alternatives: Cause[] = [];
    if (s.told === 'explicit-deny') {
      // The client was told "explicit deny": a statement we lost to the cut (or could not evaluate) denied it.
      cause = 'AUTHORIZER_EXPLICIT_DENY';
      confidence = 'medium';
      alternatives.push('AUTHORIZER_IMPLICIT_DENY');
    } else if (policy.truncated) {
      confidence = 'medium';
      alternatives.push('AUTHORIZER_EXPLICIT_DENY');
    }
    if (evaluation.uncertain) confidence = lower(confidence);
    if (refusal !== 'refused') confidence = lower(confidence);
    const cut = policy.truncated ? ` (of the statements before the 1024-byte cut)` : '';
    return {
      ...base,
      cause,
      confidence,
      alternatives,
      reason: `${who} has no statement${cut} that covers ${request}${firstMiss(evaluation)}`,
      fix: [...allowMisses(evaluation), fixAllowArn(s, s.methodArn)],
    };
  }
  // The policy allows the ARN, yet the request was refused: our ARN or our reading of the policy is off, or
  // another control refused it without a line of its own.
  if (refusal === 'none') return null;
  const explicit = s.told === 'explicit-deny';
  return {
    ...base,
    cause: explicit ? 'AUTHORIZER_EXPLICIT_DENY' : 'AUTHORIZER_IMPLICIT_DENY',
    confidence: evaluation.uncertain || s.trace.methodArnSource === 'rebuilt' ? 'medium' : 'low',
    alternatives: [explicit ? 'AUTHORIZER_IMPLICIT_DENY' : 'AUTHORIZER_EXPLICIT_DENY', 'RESOURCE_POLICY_IMPLICIT_DENY'],
    reason: `${capitalise(describeAuthorizer(s))} refused ${request}, though its policy, re-evaluated, allows ${arn}${evaluation.uncertain ? ' only under statements whose evaluation is uncertain' : ''}`,
    fix: [
      'Check the statements marked "evaluation uncertain" (Condition, NotAction, NotResource) and the resource policy: one of them refused it',
      `Re-check the Resource against the exact method ARN API Gateway used: ${arn}`,
    ],
  };
}

/** The explanations of the Allow statements that miss: which ARN part differs. */
function allowMisses(evaluation: PolicyEvaluation): string[] {
  return evaluation.statements.filter((st) => st.effect === 'Allow' && !st.applies).slice(0, 3).map((st) => st.explanation);
}

/** `: Resource … covers stage "dev", request is stage "prod"` from the first Allow that misses, or ''. */
export function firstMiss(evaluation: PolicyEvaluation): string {
  const miss = evaluation.statements.find((st) => st.effect === 'Allow' && !st.applies);
  if (!miss) return evaluation.statements.length === 0 ? ' (the policy has no statement)' : '';
  const at = miss.explanation.indexOf(': ');
  return at < 0 ? '' : `: ${miss.explanation.slice(at + 2)}`;
}
