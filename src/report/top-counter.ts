/**
 * Bounded "top N" counting. Exact while there are at most `capacity` distinct keys (the usual case: a few dozen
 * principals); beyond that it prunes to the heaviest keys, so memory never grows with the input, and says the counts
 * became approximate.
 * @module
 */

/** One counted key. */
export interface TopEntry {
  key: string;
  count: number;
}

/** A bounded counter. */
export interface TopCounter {
  add(key: string): void;
  /** The `n` heaviest keys, heaviest first, ties by key. */
  top(n: number): TopEntry[];
  /** True once pruning happened: counts may be low by at most {@link TopCounter.maxError}. */
  readonly approximate: boolean;
  /** The largest count ever pruned away. */
  readonly maxError: number;
}

/**
 * Creates a counter holding at most `2 × capacity` keys. Pruning sorts once per `capacity` new keys, so adding stays
 * O(log capacity) amortised.
 * @param capacity - keys kept after a prune; default 1000
 * @example
 * const c = createTopCounter(); c.add('a'); c.add('a'); c.add('b');
 * c.top(1) // [{ key: 'a', count: 2 }]
 */
export function createTopCounter(capacity = 1000): TopCounter {
  const counts = new Map<string, number>();
  let maxError = 0;
  const sorted = (): TopEntry[] =>
    [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    add(key) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (counts.size > 2 * capacity) {
        const keep = sorted();
        for (const entry of keep.slice(capacity)) {
          counts.delete(entry.key);
          if (entry.count > maxError) maxError = entry.count;
        }
      }
    },
    top(n) {
      return sorted().slice(0, n);
    },
    get approximate() {
      return maxError > 0;
    },
    get maxError() {
      return maxError;
    },
  };
}
