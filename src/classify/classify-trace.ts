import { parseMethodArn } from '../policy/index.js';
import type { Trace, TraceRecord } from '../types.js';
import { buildRecord } from './build-record.js';
import { readClassifyOptions, type ClassifySettings } from './read-options.js';
import { readSignals, type Signals } from './read-signals.js';
import { RULES } from './rules.js';
import type { CachedOrigin, ClassifyOptions } from './types.js';

/**
 * Names why API Gateway allowed or refused one request: exactly one cause, with confidence, alternatives, a
 * reason in the request's own terms, the deciding log lines (redacted), the fix and, for INCOMPLETE, the lines
 * that were missing. Pure: the same trace and options always give the same record.
 *
 * For a cache hit (the authorizer decided without invoking its Lambda), pass the earlier request's policy as
 * `cachedOrigin` (see `readCachedOrigin`) to have it re-evaluated on this request's ARN; {@link createClassifier}
 * finds it for you across a whole input.
 *
 * @param options - `ttlSeconds` (default 300), `redact` (default true), `cachedOrigin`.
 * @throws TypeError naming a bad option.
 * @example
 * const record = classifyTrace(extractTrace(rawTrace));
 * record.cause     // 'AUTHORIZER_IMPLICIT_DENY'
 * record.reason    // 'The policy authorizer a1b2c3 returned … has no statement that covers POST /orders on stage prod: …'
 */
export function classifyTrace(trace: Trace, options: ClassifyOptions & { cachedOrigin?: CachedOrigin } = {}): TraceRecord {
  return classifyWith(readSignals(trace), readClassifyOptions(options), options.cachedOrigin ?? null);
}

/** {@link classifyTrace} with settings already checked and signals already read: the classifier's inner loop. */
export function classifyWith(s: Signals, settings: ClassifySettings, origin: CachedOrigin | null): TraceRecord {
  const cachedFrom = s.cacheHit ? origin : null;
  if (cachedFrom !== null) inheritIds(s, cachedFrom);
  const context = { s, origin: cachedFrom };
  for (const rule of RULES) {
    const verdict = rule.decide(context);
    if (verdict !== null) return buildRecord(s, verdict, settings);
  }
  // decideIncomplete, the table's last row, always answers.
  throw new Error('classify: no rule decided');
}

/**
 * A cache hit logs no invocation, so neither the API headers nor the authorizer's method ARN: its API, stage,
 * region and account are often unknown. The authorizer cache is per stage, so the origin's are the hit's:
 * take them, so that fixes name the real `--rest-api-id` and `--stage-name` instead of placeholders.
 */
function inheritIds(s: Signals, origin: CachedOrigin): void {
  s.apiId ??= origin.apiId;
  s.stage ??= origin.stage;
  if ((s.region === null || s.accountId === null) && origin.methodArn !== null) {
    const arn = parseMethodArn(origin.methodArn);
    s.region ??= arn?.region ?? null;
    s.accountId ??= arn?.accountId ?? null;
  }
}
