import type { HitKey } from './origin-store.js';
import type { Signals } from './read-signals.js';
import type { CachedOrigin } from './types.js';

/** A cache hit waiting for the request whose policy it reused. */
export interface PendingHit {
  s: Signals;
  hit: HitKey;
  /** When hits are settled at flush: the latest origin that explains it so far (see ClassifyOptions). */
  best: CachedOrigin | null;
}

/** See {@link createPendingHits}. */
export interface PendingHits {
  /** Holds a hit; returns the oldest one when that makes more than `maxPending`. */
  add(pending: PendingHit): PendingHit | null;
  /** Removes and returns the hits of `key` that `accept` takes. */
  take(key: string, accept: (pending: PendingHit) => boolean): PendingHit[];
  /** Calls `visit` with each hit of `key`, which stays held. */
  each(key: string, visit: (pending: PendingHit) => void): void;
  /** Removes and returns every hit still held, oldest first. */
  drain(): PendingHit[];
  readonly size: number;
}

/**
 * Cache hits held while their origin may still come: in unsorted input (S3 exports, newest-first queries) a hit
 * can precede the request that filled the cache. Bounded by `maxPending`, indexed by cache key.
 * @example const held = createPendingHits(10_000); const evicted = held.add({ s, hit, best: null });
 */
export function createPendingHits(maxPending: number): PendingHits {
  const all = new Set<PendingHit>();
  // Sets, not arrays: one caller may have thousands of hits waiting, and each leaves in O(1).
  const byKey = new Map<string, Set<PendingHit>>();

  function remove(pending: PendingHit): void {
    all.delete(pending);
    for (const key of pending.hit.keys) {
      const group = byKey.get(key);
      group?.delete(pending);
      if (group?.size === 0) byKey.delete(key);
    }
  }

  return {
    add(pending) {
      all.add(pending);
      for (const key of pending.hit.keys) {
        const group = byKey.get(key);
        if (group) group.add(pending);
        else byKey.set(key, new Set([pending]));
      }
      if (all.size <= maxPending) return null;
      const oldest = all.values().next().value as PendingHit;
      remove(oldest);
      return oldest;
    },
    take(key, accept) {
      const taken = [...(byKey.get(key) ?? [])].filter(accept);
      for (const pending of taken) remove(pending);
      return taken;
    },
    each(key, visit) {
      for (const pending of byKey.get(key) ?? []) visit(pending);
    },
    drain() {
      const held = [...all];
      all.clear();
      byKey.clear();
      return held;
    },
    get size() {
      return all.size;
    },
  };
}
