import type { CloseReason } from '../types.js';

/** The ids of the last traces closed, so a late line is recognised rather than opening a second trace. */
export interface RecentlyClosed {
  /** Remembers a closed trace, forgetting the oldest beyond the capacity. */
  add(id: string, reason: CloseReason): void;
  /** True when the id closed recently. */
  has(id: string): boolean;
  /** The close reason the first time a late line is reported for the id; null afterwards (report once). */
  takeReport(id: string): CloseReason | null;
}

/**
 * Creates a {@link RecentlyClosed} of bounded size: a Map in insertion order is a FIFO for free, so memory
 * stays at `capacity` ids however long the input.
 * @example
 * const closed = createRecentlyClosed(2);
 * closed.add('a', 'idle'); closed.add('b', 'terminal'); closed.add('c', 'idle');
 * closed.has('a'); // → false
 */
export function createRecentlyClosed(capacity: number): RecentlyClosed {
  // id → close reason, or null once a late line for it has been reported.
  const ids = new Map<string, CloseReason | null>();
  return {
    add(id, reason) {
      if (ids.size >= capacity && !ids.has(id)) ids.delete(ids.keys().next().value as string);
      ids.set(id, reason);
    },
    has: (id) => ids.has(id),
    takeReport(id) {
      const reason = ids.get(id) ?? null;
      if (reason !== null) ids.set(id, null);
      return reason;
    },
  };
}
