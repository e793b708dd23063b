/**
 * The HTML report's timeline: refusals per time column, stacked by cause, as inline SVG (no script, no network).
 * Stable hooks for tests and scripts: `svg#timeline`, one `g.series[data-cause][data-total]` per cause, one
 * `rect[data-count][data-start]` per non-empty column.
 * @module
 */
import { CAUSES, type Cause } from '../types.js';
import { CAUSE_INFO } from './cause-info.js';
import { escapeHtml as h } from './escape-html.js';
import { formatCount, formatTime } from './format-values.js';
import { formatDuration } from './group-diagnostics.js';
import { columnCounts, sparkColumns } from './sparkline.js';
import type { HistogramSnapshot } from './time-histogram.js';

const WIDTH = 960;
const HEIGHT = 240;
const LEFT = 56;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 32;

/** The causes the timeline charts: every refusal and INCOMPLETE; ALLOWED is not a refusal. */
export const TIMELINE_CAUSES: readonly Cause[] = CAUSES.filter((cause) => cause !== 'ALLOWED');

/**
 * Renders the timeline of refusals by cause.
 * @example renderTimelineSvg(state.histogram) // '<svg id="timeline" …>…</svg>'
 */
export function renderTimelineSvg(histogram: HistogramSnapshot | null, maxColumns = 64): string {
  const rows = TIMELINE_CAUSES.map((cause) => ({ cause, row: histogram?.counts[cause] })).filter(
    (r): r is { cause: Cause; row: number[] } => r.row !== undefined && r.row.some((n) => n > 0),
  );
  const open = `<svg id="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="timeline-title"`;
  if (histogram === null || rows.length === 0) {
    return `${open} data-columns="0"><title id="timeline-title">No refusals with a time</title><text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" class="empty">No refusals with a time to chart</text></svg>`;
  }
  const layout = sparkColumns(histogram, maxColumns);
  const series = rows.map(({ cause, row }) => ({ cause, columns: columnCounts(row, histogram.first, layout) }));
  const totals = new Array<number>(layout.columns).fill(0);
  for (const s of series) s.columns.forEach((n, i) => (totals[i] = (totals[i] ?? 0) + n));
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const barW = plotW / layout.columns;
  const colMs = (layout.to - layout.from) / layout.columns;
  const stacked = new Array<number>(layout.columns).fill(0);
  const parts: string[] = [
    `${open} data-columns="${layout.columns}" data-from="${new Date(layout.from).toISOString()}" data-to="${new Date(layout.to).toISOString()}" data-column-ms="${colMs}">`,
    `<title id="timeline-title">Refusals by cause over time, ${formatDuration(colMs)} per column</title>`,
    `<line class="axis" x1="${LEFT}" y1="${TOP + plotH}" x2="${WIDTH - RIGHT}" y2="${TOP + plotH}"/>`,
    `<line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + plotH}"/>`,
    `<text class="tick" x="${LEFT - 6}" y="${TOP + 4}" text-anchor="end">${formatCount(max)}</text>`,
    `<text class="tick" x="${LEFT - 6}" y="${TOP + plotH}" text-anchor="end">0</text>`,
    `<text class="tick" x="${LEFT}" y="${HEIGHT - 8}">${h(formatTime(layout.from))}</text>`,
    `<text class="tick" x="${WIDTH - RIGHT}" y="${HEIGHT - 8}" text-anchor="end">${h(formatTime(layout.to))}</text>`,
  ];
  for (const s of series) {
    const total = s.columns.reduce((a, b) => a + b, 0);
    parts.push(`<g class="series" data-cause="${s.cause}" data-total="${total}" fill="${CAUSE_INFO[s.cause].color}">`);
    s.columns.forEach((n, i) => {
      if (n === 0) return;
      const barH = (n / max) * plotH;
      const y = TOP + plotH - (stacked[i] ?? 0) - barH;
      stacked[i] = (stacked[i] ?? 0) + barH;
      const start = new Date(layout.from + i * colMs).toISOString();
      parts.push(
        `<rect x="${(LEFT + i * barW + 0.5).toFixed(2)}" y="${y.toFixed(2)}" width="${Math.max(barW - 1, 0.5).toFixed(2)}" height="${barH.toFixed(2)}" data-count="${n}" data-start="${start}"><title>${s.cause}: ${formatCount(n)} from ${h(formatTime(start))}</title></rect>`,
      );
    });
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}
