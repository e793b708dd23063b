/**
 * Sparklines: the spread of a cause over time in a few characters.
 * @module
 */
import type { HistogramSnapshot } from './time-histogram.js';

const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Columns of a histogram regrouped for display: every column covers `group` buckets. */
export interface SparkColumns {
  /** Epoch ms where the first column starts and the last ends. */
  from: number;
  to: number;
  /** Buckets per column. */
  group: number;
  columns: number;
}

/**
 * Chooses how to regroup the used part of a histogram into at most `maxColumns` columns.
 * @example sparkColumns(snapshot, 32) // { from, to, group: 2, columns: 20 }
 */
export function sparkColumns(histogram: HistogramSnapshot, maxColumns: number): SparkColumns {
  const used = histogram.last - histogram.first + 1;
  const group = Math.max(1, Math.ceil(used / maxColumns));
  const columns = Math.ceil(used / group);
  const from = histogram.start + histogram.first * histogram.width;
  return { from, to: from + columns * group * histogram.width, group, columns };
}

/**
 * Sums one cause's row into the given columns.
 * @example columnCounts([0, 2, 3, 0], 1, { group: 2, columns: 2 }) // [5, 0]
 */
export function columnCounts(row: readonly number[], first: number, layout: Pick<SparkColumns, 'group' | 'columns'>): number[] {
  const out = new Array<number>(layout.columns).fill(0);
  for (let c = 0; c < layout.columns; c++) {
    for (let k = 0; k < layout.group; k++) out[c] = (out[c] ?? 0) + (row[first + c * layout.group + k] ?? 0);
  }
  return out;
}

/**
 * Draws counts as block characters scaled to their own maximum; an empty column is a space, any non-zero count
 * shows at least the lowest block.
 * @example renderSparkline([0, 1, 4, 8]) // ' ▁▄█'
 */
export function renderSparkline(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  let out = '';
  for (const n of counts) {
    if (n <= 0 || max === 0) out += ' ';
    else out += LEVELS[Math.min(LEVELS.length - 1, Math.ceil((n * LEVELS.length) / max) - 1)] ?? '█';
  }
  return out;
}
