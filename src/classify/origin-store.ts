import { evaluatePolicy, salvagePolicy } from '../policy/index.js';
import type { CachedOrigin } from './types.js';

/** What a cache hit offers to find its origin. */
export interface HitKey {
  requestId: string;
  time: number | null;
  apiId: string | null;
  stage: string | null;
  methodArn: string | null;
  /** Cache keys, most precise first (see {@link cacheKeys}). */
  keys: string[];
}

/**
 * How many origins one cache key keeps, the earliest in event time dropped first: normally one is live at a time,
 * and the rest cover masked-identity collisions and, with inputs read in parallel, the later origins of a caller
 * read before an earlier hit of it (a drop then depends on arrival: with 8, a caller's origins over 40 minutes of
 * a TTL of 300 s read first were enough). `find` walks a key's list, so this bounds its work per hit.
 */
const PER_KEY = 64;

/**
 * The cache keys of a request: authorizer id plus the masked identity (API Gateway caches by identity source),
 * and authorizer id plus the masked principal as a fallback for hits that log no identity. The authorizer id
 * stands for the API (ids are unique per API); stage and api are checked by {@link qualifies}, since a cache hit
 * often logs neither.
 * @example cacheKeys('a1b2c3', '***abc123', null) // ['a1b2c3\u0000i\u0000***abc123']
 */
export function cacheKeys(authorizerId: string | null, identity: string | null, principal: string | null): string[] {
  const base = authorizerId ?? '';
  const keys: string[] = [];
  if (identity !== null) keys.push(`${base}\u0000i\u0000${maskKey(identity)}`);
  if (principal !== null) keys.push(`${base}\u0000p\u0000${maskKey(principal)}`);
  return keys;
}

/** Leading asterisks from which {@link maskKey} writes a count. */
const MASK_RUN = 8;

/**
 * A masked value as a key: API Gateway stars all but the last 6 characters of a token (300 and more of them for a
 * JWT), so a leading run of asterisks is written as its length. One-to-one: a run becomes `\u0001<n>\u0001`, and a
 * value that itself starts with `\u0001` gets another in front, so no two values share a key. Keys are kept for
 * every remembered origin: whole tokens of stars made up half of an origin's memory.
 * @example maskKey('**********abc123') // '\u000110\u0001abc123'
 */
export function maskKey(value: string): string {
  let run = 0;
  while (run < value.length && value.charCodeAt(run) === 42 /* * */) run++;
  if (run >= MASK_RUN) return `\u0001${run}\u0001${value.slice(run)}`;
  return value.charCodeAt(0) === 1 ? `\u0001${value}` : value;
}

/**
 * True when `origin` can be the policy a hit reused: another request, same api and stage where both are known,
 * and, where both times are known, at or before the hit and within the TTL.
 */
export function qualifies(origin: CachedOrigin, hit: HitKey, ttlMs: number): boolean {
  if (origin.requestId === hit.requestId) return false;
  if (origin.apiId !== null && hit.apiId !== null && origin.apiId !== hit.apiId) return false;
  if (origin.stage !== null && hit.stage !== null && origin.stage !== hit.stage) return false;
  if (origin.time === null || hit.time === null) return true;
  return origin.time <= hit.time && hit.time - origin.time <= ttlMs;
}

/** True when the origin's policy allows the hit's ARN: then it cannot explain a refusal. */
export function allowsHit(origin: CachedOrigin, hit: HitKey): boolean {
  if (hit.methodArn === null || origin.policy.policyDocument === null) return false;
  return evaluatePolicy(origin.policy.policyDocument, hit.methodArn).decision === 'ALLOW';
}

/**
 * Whether origin `a` comes after `b`: by event time (untimed first), then, at the same millisecond, by request id.
 * A total order on what the origins are, never on when they arrived: with files read in parallel, arrival order
 * differs from run to run, and the origin a hit names (`cachedFrom`) must not.
 */
export function later(a: CachedOrigin, b: CachedOrigin): boolean {
  const ta = a.time ?? -Infinity;
  const tb = b.time ?? -Infinity;
  return ta !== tb ? ta > tb : a.requestId > b.requestId;
}

/** An origin as the store keeps it (see compact), with its keys. */
interface Stored {
  origin: CachedOrigin;
  keys: string[];
  /** Key lists that hold it: one that none holds any more can never be found, so it goes too. */
  lists: number;
}

/** Bounded memory of fresh policies, by cache key. See {@link createOriginStore}. */
export interface OriginStore {
  add(origin: CachedOrigin): void;
  /** The latest qualifying origin whose policy does not allow the hit (see `later`), or null. */
  find(hit: HitKey): CachedOrigin | null;
  readonly size: number;
}

/** Origins whose policy is kept parsed, the most recently used: hits nearly always ask for recent ones. */
const PARSED_KEPT = 512;

/**
 * Remembers fresh policies for later cache hits, at most `maxOrigins` of them (the oldest inserted go first)
 * and at most a few per cache key.
 *
 * An origin is kept without its parsed policy when it has the body to salvage it from again: a parsed policy
 * (statement objects and lists of strings) measured about as much as the rest of the origin, and at 20,000
 * origins the store was the largest thing a 1 GB run kept. The last {@link PARSED_KEPT} policies used stay
 * parsed, so a burst of hits on one caller parses once.
 * @example const store = createOriginStore(300_000, 20_000); store.add(origin); store.find(hit)
 */
export function createOriginStore(ttlMs: number, maxOrigins: number): OriginStore {
  // Insertion order doubles as eviction order: a Set gives O(1) "oldest".
  const all = new Set<Stored>();
  const byKey = new Map<string, Stored[]>();
  // Stored origin → its policy again, least recently used first.
  const parsed = new Map<Stored, CachedOrigin>();

  /**
   * The origin as stored: without its identity (its keys hold it, see {@link maskKey}) and, when its body can
   * give it back, without the parsed policy. Those made up most of an origin's memory: at 20,000 origins, 1 GB of
   * NDJSON peaked 7 MB higher than with 5,000.
   */
  function compact(origin: CachedOrigin): Stored {
    const keys = cacheKeys(origin.authorizerId, origin.identity, origin.principal);
    const { policy: _policy, ...rest } = origin;
    const stored = (typeof origin.body === 'string' ? { ...rest, identity: null } : { ...origin, identity: null }) as CachedOrigin;
    return { origin: stored, keys, lists: 0 };
  }

  /** The stored origin with its policy. */
  function whole(stored: Stored): CachedOrigin {
    const origin = stored.origin;
    if (origin.policy !== undefined) return origin;
    const cached = parsed.get(stored);
    if (cached !== undefined) {
      parsed.delete(stored);
      parsed.set(stored, cached);
      return cached;
    }
    const policy = salvagePolicy(origin.body as string, origin.truncated === true);
    const restored: CachedOrigin = { ...origin, policy: { ...policy, value: undefined } };
    parsed.set(stored, restored);
    if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value as Stored);
    return restored;
  }

  function remove(stored: Stored): void {
    all.delete(stored);
    parsed.delete(stored);
    for (const key of stored.keys) {
      const list = byKey.get(key);
      if (!list) continue;
      const at = list.indexOf(stored);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) byKey.delete(key);
    }
  }

  return {
    add(origin) {
      if (maxOrigins === 0) return;
      const stored = compact(origin);
      all.add(stored);
      // Into every list of its keys first, then trimmed: the origin dropped from a full list may be this one,
      // and removed before it joined its other lists it would sit in them unfindable, taking a place.
      const full: Stored[][] = [];
      for (const key of stored.keys) {
        stored.lists++;
        const list = byKey.get(key);
        if (!list) byKey.set(key, [stored]);
        else {
          list.push(stored);
          if (list.length > PER_KEY) full.push(list);
        }
      }
      for (const list of full) {
        // The earliest in event time goes, not the first inserted: files arrive in any order, and a hit wants
        // the latest origin before it, so which one survives must not depend on arrival.
        let at = 0;
        for (let i = 1; i < list.length; i++) if (later(list[at]!.origin, list[i]!.origin)) at = i;
        const dropped = list.splice(at, 1)[0]!;
        if (--dropped.lists === 0) remove(dropped);
      }
      if (all.size > maxOrigins) remove(all.values().next().value as Stored);
    },
    find(hit) {
      let best: CachedOrigin | null = null;
      for (const key of hit.keys) {
        for (const stored of byKey.get(key) ?? []) {
          const candidate = stored.origin;
          if (!qualifies(candidate, hit, ttlMs)) continue;
          if (best !== null && !later(candidate, best)) continue;
          const origin = whole(stored);
          if (allowsHit(origin, hit)) continue;
          best = origin;
        }
      }
      return best;
    },
    get size() {
      return all.size;
    },
  };
}
