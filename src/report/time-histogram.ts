/**
 * A bounded histogram of traces over event time, per cause, for the sparklines and the HTML timeline.
 *
 * Input is not time-sorted (S3 exports are not) and its span is unknown until the end, so the histogram keeps a
 * fixed number of buckets and doubles their width whenever a time falls outside the covered range, merging pairs.
 * Memory is `buckets × causes` numbers whatever the input size.
 * @module
 */
import { CAUSES, type Cause } from '../types.js';

/** What the histogram holds at one moment. */
export interface HistogramSnapshot {
  /** Epoch ms where bucket 0 starts. */
  start: number;
  /** Width of one bucket in ms. */
  width: number;
  /** Per cause, a count per bucket (`buckets` long). Causes never seen are absent. */
  counts: Partial<Record<Cause, number[]>>;
  /** Index of the first and last bucket holding anything. */
  first: number;
  last: number;
}

/** A histogram being filled. */
export interface TimeHistogram {
  add(time: number, cause: Cause): void;
  /** Null while empty. */
  snapshot(): HistogramSnapshot | null;
}

/**
 * Creates an empty histogram.
 * @param buckets - number of buckets; default 64
 * @param initialWidth - width of a bucket before any doubling, ms; default 1000
 * @example
 * const h = createTimeHistogram(); h.add(Date.parse('2024-02-24T00:29:03Z'), 'ALLOWED');
 * h.snapshot()?.counts.ALLOWED // [1, 0, 0, …]
 */
export function createTimeHistogram(buckets = 64, initialWidth = 1000): TimeHistogram {
  let start: number | null = null;
  let width = initialWidth;
  const counts: Partial<Record<Cause, number[]>> = {};

  const widen = (): void => {
    const doubled = width * 2;
    const newStart = Math.floor((start ?? 0) / doubled) * doubled;
    for (const cause of CAUSES) {
      const row = counts[cause];
      if (row === undefined) continue;
      const merged = new Array<number>(buckets).fill(0);
      for (let i = 0; i < buckets; i++) {
        // Each old bucket falls wholly inside one new bucket: starts are multiples of their widths.
        const j = Math.floor(((start ?? 0) + i * width - newStart) / doubled);
        merged[j] = (merged[j] ?? 0) + (row[i] ?? 0);
      }
      counts[cause] = merged;
    }
    start = newStart;
    width = doubled;
  };

  return {
    add(time, cause) {
      if (!Number.isFinite(time)) return;
      if (start === null) start = Math.floor(time / width) * width;
      while (time < start || time >= start + width * buckets) widen();
      const row = (counts[cause] ??= new Array<number>(buckets).fill(0));
      const i = Math.floor((time - start) / width);
      row[i] = (row[i] ?? 0) + 1;
    },
    snapshot() {
      if (start === null) return null;
      let first = buckets;
      let last = -1;
      for (const row of Object.values(counts)) {
        for (let i = 0; i < buckets; i++) {
          if ((row[i] ?? 0) > 0) {
            if (i < first) first = i;
            if (i > last) last = i;
          }
        }
      }
      const copy: Partial<Record<Cause, number[]>> = {};
      for (const cause of CAUSES) {
        const row = counts[cause];
        if (row !== undefined) copy[cause] = row.slice();
      }
      return { start, width, counts: copy, first, last };
    },
  };
}
