import { evaluatePolicy } from '../policy/index.js';
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

/** How many origins one cache key keeps: normally one is live at a time; a few cover masked-identity collisions. */
const PER_KEY = 8;

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
  if (identity !== null) keys.push(`${base}\u0000i\u0000${identity}`);
  if (principal !== null) keys.push(`${base}\u0000p\u0000${principal}`);
  return keys;
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

/** Bounded memory of fresh policies, by cache key. See {@link createOriginStore}. */
export interface OriginStore {
  add(origin: CachedOrigin): void;
  /** The latest qualifying origin whose policy does not allow the hit, or null. */
  find(hit: HitKey): CachedOrigin | null;
  readonly size: number;
}

/**
 * Remembers fresh policies for later cache hits, at most `maxOrigins` of them (the oldest inserted go first)
 * and at most a few per cache key.
 * @example const store = createOriginStore(300_000, 20_000); store.add(origin); store.find(hit)
 */
export function createOriginStore(ttlMs: number, maxOrigins: number): OriginStore {
  // Insertion order doubles as eviction order: a Set gives O(1) "oldest".
  const all = new Set<CachedOrigin>();
  const byKey = new Map<string, CachedOrigin[]>();

  function remove(origin: CachedOrigin): void {
    all.delete(origin);
    for (const key of cacheKeys(origin.authorizerId, origin.identity, origin.principal)) {
      const list = byKey.get(key);
      if (!list) continue;
      const at = list.indexOf(origin);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) byKey.delete(key);
    }
  }

  return {
    add(origin) {
      if (maxOrigins === 0) return;
      all.add(origin);
      for (const key of cacheKeys(origin.authorizerId, origin.identity, origin.principal)) {
        const list = byKey.get(key);
        if (!list) byKey.set(key, [origin]);
        else {
          list.push(origin);
          if (list.length > PER_KEY) list.shift();
        }
      }
      if (all.size > maxOrigins) remove(all.values().next().value as CachedOrigin);
    },
    find(hit) {
      let best: CachedOrigin | null = null;
      for (const key of hit.keys) {
        for (const origin of byKey.get(key) ?? []) {
          if (!all.has(origin) || !qualifies(origin, hit, ttlMs)) continue;
          if (best !== null && (origin.time ?? -Infinity) <= (best.time ?? -Infinity)) continue;
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
