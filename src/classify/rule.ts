import type { Confidence } from '../types.js';
import type { Signals } from './read-signals.js';
import type { CachedOrigin, PolicyView, Verdict } from './types.js';
import type { PolicyEvaluation, SalvagedPolicy } from '../policy/index.js';

/** What a decision rule sees: the trace's signals and, for a cache hit, the policy it was cached from. */
export interface RuleContext {
  s: Signals;
  origin: CachedOrigin | null;
}

/** One row of the decision table: a verdict when the rule recognises the trace, else null. */
export interface Rule {
  name: string;
  decide(ctx: RuleContext): Verdict | null;
}

const CONFIDENCE: readonly Confidence[] = ['high', 'medium', 'low'];

/** One step less sure (low stays low). */
export function lower(confidence: Confidence): Confidence {
  return CONFIDENCE[Math.min(CONFIDENCE.indexOf(confidence) + 1, 2)] as Confidence;
}

/** The policy block of a verdict from a salvaged policy and (when the ARN was known) its evaluation. */
export function viewPolicy(salvaged: SalvagedPolicy, evaluation: PolicyEvaluation | null): PolicyView {
  const matched = evaluation?.matched ?? null;
  const explanation = evaluation === null
    ? ['The request\'s method ARN is not in the log: the policy was not re-evaluated']
    : [...evaluation.explanation];
  if (salvaged.truncated) explanation.push(`The result body was cut at 1024 bytes: ${salvaged.lost.join('; ')}`);
  return {
    salvaged,
    decision: evaluation?.decision ?? null,
    matched: matched === null ? null : { index: matched.index, effect: matched.effect, action: matched.action, resource: matched.resource },
    explanation,
  };
}
