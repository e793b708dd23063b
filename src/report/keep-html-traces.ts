/**
 * The traces an HTML report lists. A page cannot hold millions of rows, so it keeps at most `cap`, refusals first:
 * in a run that is 95 % ALLOWED, the first rows kept must still be the refusals the reader came for.
 * @module
 */
import type { TraceRecord } from '../types.js';

/** Records kept for the HTML table. */
export interface HtmlTraceStore {
  push(record: TraceRecord): void;
  /** Kept records: refusals (in arrival order) then allowed ones, at most `cap`. */
  kept(): TraceRecord[];
  /** Records pushed in all. */
  readonly total: number;
}

/**
 * Keeps up to `cap` refusals and up to `cap` allowed records (so at most `2 × cap` in memory), and lists `cap`.
 * @param cap - rows listed; default 5000
 * @example const store = createHtmlTraceStore(); store.push(record); store.kept();
 */
export function createHtmlTraceStore(cap = 5000): HtmlTraceStore {
  const refused: TraceRecord[] = [];
  const allowed: TraceRecord[] = [];
  let total = 0;
  return {
    push(record) {
      total++;
      const list = record.cause === 'ALLOWED' ? allowed : refused;
      if (list.length < cap) list.push(record);
    },
    kept() {
      return [...refused, ...allowed.slice(0, Math.max(0, cap - refused.length))];
    },
    get total() {
      return total;
    },
  };
}
