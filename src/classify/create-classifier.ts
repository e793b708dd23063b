import type { Trace, TraceRecord } from '../types.js';
import { originFromSignals } from './cached-origin.js';
import { classifyWith } from './classify-trace.js';
import { allowsHit, cacheKeys, createOriginStore, later, qualifies, type HitKey } from './origin-store.js';
import { createPendingHits, type PendingHit } from './pending-hits.js';
import { readClassifyOptions, type ClassifySettings } from './read-options.js';
import { readSignals, type Signals } from './read-signals.js';
import type { CachedOrigin, ClassifyOptions } from './types.js';

/** The stateful classifier: see {@link createClassifier}. */
export interface Classifier {
  /** Classifies traces; returns their records, minus cache hits held for their origin, plus hits just resolved. */
  push(traces: Trace[]): TraceRecord[];
  /**
   * Remembers a fresh policy classified elsewhere (by a {@link LocalClassifier} on a worker thread) as a possible
   * origin, and returns the records of held cache hits it explains (none with `settleHitsAtFlush`: those keep it
   * as their best origin until flush).
   */
  addOrigin(origin: CachedOrigin): TraceRecord[];
  /**
   * Releases every held cache hit, classified with the best origin it was given (with `settleHitsAtFlush`), else
   * without one. Call once at the end of input.
   */
  flush(): TraceRecord[];
  /** Cache hits held now, waiting for their origin (at most `maxPending`). */
  readonly heldHits: number;
  /** Fresh policies remembered now as possible origins (at most `maxOrigins`). */
  readonly rememberedOrigins: number;
}

/**
 * Classifies a stream of traces (from one file or many) and correlates authorizer cache hits with the earlier
 * request whose policy was cached: same authorizer and masked identity (else principal), same api and stage,
 * within the TTL in event time. The origin's policy is re-evaluated on the hit's method ARN, giving
 * AUTHORIZER_CACHED_POLICY_DENY with `cachedFrom`.
 *
 * Input need not be time-sorted: a refused hit with no origin yet is held (at most `maxPending`) until its origin
 * arrives or {@link Classifier.flush}; an origin later in event time than the hit never qualifies. Among origins
 * already remembered, the latest in event time wins (ties by request id), whatever their order of arrival; a held
 * hit takes the first qualifying origin that arrives. So in the default mode, which writes each hit as soon as an
 * origin explains it, two qualifying origins of one caller (two requests that both missed the cache a few
 * milliseconds apart: 14 records in the 20,000 of the benchmark's NDJSON cut in 4) are told apart by arrival:
 * fine for one input read in order, not for several read in parallel. With `settleHitsAtFlush` every refused hit
 * waits for flush (or for `maxPending` newer ones) and names the latest qualifying origin of all seen. Memory stays
 * bounded by `maxOrigins` (the oldest remembered goes first) and a few origins per cache key. Origins are not
 * expired by event time: files run on unrelated clocks (in parallel, in any order), and expiring by one file's
 * clock made correlation depend on which file was read first; the TTL is checked per hit instead.
 *
 * @param options - `ttlSeconds` (default 300), `redact` (default true), `maxPending` (10,000), `maxOrigins` (20,000),
 *   `settleHitsAtFlush` (false).
 * @throws TypeError naming a bad option.
 * @example
 * const classifier = createClassifier({ ttlSeconds: 300 });
 * for (const batch of batches) for (const record of classifier.push(batch)) write(record);
 * for (const record of classifier.flush()) write(record);
 */
export function createClassifier(options: ClassifyOptions = {}): Classifier {
  const settings = readClassifyOptions(options);
  const correlate = settings.ttlMs > 0 && settings.maxOrigins > 0;
  const origins = createOriginStore(settings.ttlMs, settings.maxOrigins);
  const pending = createPendingHits(settings.maxPending);
  function classifyOne(trace: Trace, out: TraceRecord[]): void {
    const s = readSignals(trace);
    const hit = hitToHold(s, correlate);
    if (hit !== null) {
      const origin = origins.find(hit);
      if (origin !== null && !settings.settleHitsAtFlush) {
        out.push(classifyWith(s, settings, origin));
        return;
      }
      const evicted = pending.add({ s, hit, best: origin });
      if (evicted !== null) out.push(classifyWith(evicted.s, settings, evicted.best));
      return;
    }
    const { record, origin } = classifyHere(s, settings, correlate);
    out.push(record);
    if (origin !== null) addOrigin(origin, out);
  }

  function addOrigin(origin: CachedOrigin, out: TraceRecord[]): void {
    // Nothing held (one input in time order, nearly always): no keys to make, no hit to look at.
    if (pending.size === 0) {
      origins.add(origin);
      return;
    }
    // Hits that arrived before this origin: resolve those it explains.
    const accept = (p: PendingHit): boolean => qualifies(origin, p.hit, settings.ttlMs) && !allowsHit(origin, p.hit);
    for (const key of cacheKeys(origin.authorizerId, origin.identity, origin.principal)) {
      if (!settings.settleHitsAtFlush) {
        for (const resolved of pending.take(key, accept)) out.push(classifyWith(resolved.s, settings, origin));
        continue;
      }
      // Settled at flush: the hit keeps the latest origin that explains it, in the store's order (`later`).
      pending.each(key, (p) => {
        if ((p.best === null || later(origin, p.best)) && accept(p)) p.best = origin;
      });
    }
    origins.add(origin);
  }

  return {
    push(traces) {
      const out: TraceRecord[] = [];
      for (const trace of traces) classifyOne(trace, out);
      return out;
    },
    addOrigin(origin) {
      const out: TraceRecord[] = [];
      if (correlate) addOrigin(origin, out);
      return out;
    },
    flush() {
      return pending.drain().map((p) => classifyWith(p.s, settings, p.best));
    },
    get heldHits() {
      return pending.size;
    },
    get rememberedOrigins() {
      return origins.size;
    },
  };
}

/** What a {@link LocalClassifier} makes of one trace. */
export type LocalVerdict =
  /** Classified here; `origin` is its fresh policy for the classifier that sees every input, or null. */
  | { record: TraceRecord; origin: CachedOrigin | null }
  /** A refused cache hit: only the classifier that sees every input can find its origin. */
  | { record: null; origin: null };

/** Classifies one trace on a thread that sees one input: see {@link createLocalClassifier}. */
export type LocalClassifier = (trace: Trace) => LocalVerdict;

/**
 * The part of {@link createClassifier} that needs no other trace, for worker threads: every trace is classified
 * where it was read, except refused cache hits, which are left to the one classifier that sees every input
 * (their origin may sit in any file); fresh policies are handed over for it to remember with
 * {@link Classifier.addOrigin}. With the same options, the records are those {@link Classifier.push} would give.
 * @example const local = createLocalClassifier({ ttlSeconds: 300 }); const { record, origin } = local(trace);
 */
export function createLocalClassifier(options: ClassifyOptions = {}): LocalClassifier {
  const settings = readClassifyOptions(options);
  const correlate = settings.ttlMs > 0 && settings.maxOrigins > 0;
  return (trace) => {
    const s = readSignals(trace);
    return hitToHold(s, correlate) === null ? classifyHere(s, settings, correlate) : { record: null, origin: null };
  };
}

/**
 * The cache key of a refused cache hit, which only an origin can explain; null for any other trace, and for a hit
 * that logs neither identity nor principal (no key to look it up by: it is classified as it is). Shared by both
 * classifiers, so a worker holds back exactly the traces the main thread's classifier would hold.
 */
function hitToHold(s: Signals, correlate: boolean): HitKey | null {
  if (!correlate || !isHeldHit(s)) return null;
  const hit = hitKeyOf(s);
  return hit.keys.length > 0 ? hit : null;
}

/** A trace that needs no origin, classified, with its fresh policy as a possible origin (when correlating). */
function classifyHere(s: Signals, settings: ClassifySettings, correlate: boolean): { record: TraceRecord; origin: CachedOrigin | null } {
  return { record: classifyWith(s, settings, null), origin: correlate ? originFromSignals(s) : null };
}

/** A cache hit that did not pass: it needs its origin to be explained. */
function isHeldHit(s: Signals): boolean {
  return s.cacheHit && !s.trace.executionStarted && !(s.status !== null && s.status < 400);
}

function hitKeyOf(s: Signals): HitKey {
  const authorizer = s.trace.authorizer;
  return {
    requestId: s.trace.requestId,
    time: s.trace.startTime,
    apiId: s.apiId,
    stage: s.stage,
    methodArn: s.methodArn,
    keys: hitKeys(authorizer?.id ?? null, authorizer?.identity ?? null, authorizer?.principal ?? null),
  };
}

/**
 * The keys a hit is looked up by: its identity's alone when it logs one (API Gateway caches by identity source;
 * matching on the principal too named the policy of another token of the same principal, and, with many callers
 * sharing one principal, had every origin visit every held hit), else its principal's.
 */
function hitKeys(authorizerId: string | null, identity: string | null, principal: string | null): string[] {
  return cacheKeys(authorizerId, identity, identity === null ? principal : null);
}
