/**
 * The default, human report for a terminal: causes with share and spread over time, top refused callers and
 * method ARNs, each cause's examples and fix (stated once), diagnostics, and an accounting that adds up.
 * @module
 */
import pc from 'picocolors';
import { CAUSES, type Cause, type Summary } from '../types.js';
import { CAUSE_INFO } from './cause-info.js';
import type { ReportState, TopList } from './collect-report.js';
import { escapeControlChars } from './escape-control.js';
import { countOf, formatBytes, formatCount, formatPosition, formatShare, formatTime } from './format-values.js';
import { accountEvents, formatDuration, groupDiagnostics } from './group-diagnostics.js';
import { columnCounts, renderSparkline, sparkColumns } from './sparkline.js';

/** Options of the human-readable reports. */
export interface HumanReportOptions {
  /** Colour with ANSI codes (text only). Default false. */
  color?: boolean;
  /** Filters chose which traces were pushed: the report says how many they hid. Default false. */
  filtered?: boolean;
  /** The run was interrupted: the report says it covers what was read until then. Default false. */
  interrupted?: boolean;
  /** Positions listed per diagnostic code; default 3. */
  diagnosticPositions?: number;
}

const SPARK_COLUMNS = 32;
const CAUSE_WIDTH = Math.max(...CAUSES.map((c) => c.length));

/** One-line field from log text: control characters made visible. */
const t = (text: string): string => escapeControlChars(text);

/**
 * Renders the text report.
 * @example process.stdout.write(renderTextReport(collector.state(), analysis.summary(), { color: true }));
 */
export function renderTextReport(state: ReportState, summary: Summary, options: HumanReportOptions = {}): string {
  const c = pc.createColors(options.color === true);
  const paint = (cause: Cause, text: string): string => {
    const kind = CAUSE_INFO[cause].kind;
    return kind === 'allowed' ? c.green(text) : kind === 'unknown' ? c.yellow(text) : c.red(text);
  };
  const out: string[] = [];
  const range = summary.firstEvent === null ? '' : `, ${formatTime(summary.firstEvent)} → ${formatTime(summary.lastEvent)}`;
  out.push(
    `${c.bold('trace403')}: ${countOf(summary.traces.total, 'trace')} in ${formatCount(summary.events.read)} events from ${formatCount(summary.files)} ${summary.files === 1 ? 'input' : 'inputs'} (${formatBytes(summary.bytes)})${range}`,
  );
  if (options.interrupted === true) out.push(c.yellow('Interrupted: this report covers what was read until then.'));
  out.push('');

  // Causes, with share and spread.
  const causes = CAUSES.filter((cause) => state.byCause[cause] > 0);
  const h = state.histogram;
  const layout = h === null ? null : sparkColumns(h, SPARK_COLUMNS);
  const spreadTitle =
    layout === null ? '' : `  spread ${formatTime(layout.from)} → ${formatTime(layout.to)} (${formatDuration((layout.to - layout.from) / layout.columns)} per column)`;
  out.push(c.bold(`${'Causes'.padEnd(CAUSE_WIDTH + 2)}${'traces'.padStart(9)}${'share'.padStart(8)}`) + c.dim(spreadTitle));
  if (causes.length === 0) out.push(c.dim('  no traces'));
  for (const cause of causes) {
    const n = state.byCause[cause];
    const row = h?.counts[cause];
    const spark = h === null || layout === null || row === undefined ? '' : renderSparkline(columnCounts(row, h.first, layout));
    out.push(`  ${paint(cause, cause.padEnd(CAUSE_WIDTH))}${formatCount(n).padStart(9)}${formatShare(n, state.shown).padStart(8)}  ${spark}`);
  }
  if (state.untimed > 0) out.push(c.dim(`  ${countOf(state.untimed, 'trace')} ${state.untimed === 1 ? 'has no time and is' : 'have no time and are'} not in the spread`));
  out.push('');

  pushTop(out, c, 'Top refused callers (principal)', state.principals);
  pushTop(out, c, 'Top refused method ARNs', state.methodArns);

  // Each cause once: meaning, examples, fix.
  for (const cause of causes) {
    const info = CAUSE_INFO[cause];
    out.push(`${paint(cause, c.bold(cause))}: ${countOf(state.byCause[cause], 'trace')}. ${info.meaning}`);
    const examples = state.examples[cause];
    if (examples.length > 0) out.push(c.dim('  examples:'));
    for (const e of examples) {
      const what = [formatTime(e.time), e.status === null ? '-' : String(e.status), t(e.methodArn ?? '-'), c.dim(t(formatPosition(e.source)))].join('  ');
      out.push(`    ${c.cyan(t(e.requestId))}  ${what}`);
      out.push(`      ${t(e.reason)}${e.cachedFrom === null ? '' : c.dim(` (policy cached from ${t(e.cachedFrom)})`)}`);
    }
    const fixes = state.fixes[cause];
    if (fixes.lines.length > 0) out.push(c.dim('  fix:'));
    for (const line of fixes.lines) out.push(`    - ${t(line)}`);
    if (fixes.otherTraces > 0) out.push(c.dim(`    (${formatCount(fixes.otherTraces)} more traces have other fix variants; see --format ndjson)`));
    out.push('');
  }

  // Diagnostics.
  const groups = groupDiagnostics(summary, options.diagnosticPositions ?? 3);
  if (groups.length > 0) {
    out.push(c.bold('Diagnostics'));
    const width = Math.max(...groups.map((g) => g.code.length));
    for (const g of groups) {
      const more = g.count > g.positions.length ? ', …' : '';
      const code = t(g.code).padEnd(width);
      const label = g.severity === 'error' ? c.red(code) : g.severity === 'warning' ? c.yellow(code) : code;
      out.push(`  ${label}${formatCount(g.count).padStart(9)}  ${t(g.message)}${g.positions.length > 0 ? c.dim(` (at ${g.positions.map(t).join(', ')}${more})`) : ''}`);
    }
    out.push('');
  }

  // Accounting.
  const acc = accountEvents(summary);
  out.push(c.bold('Accounting'));
  const sum = acc.parts.map((p) => `${p.label} ${formatCount(p.count)}`).join(' + ');
  const check = acc.difference === 0 ? c.green('adds up') : c.red(`does not add up: ${formatCount(acc.difference)} events unaccounted`);
  out.push(`  events read ${formatCount(acc.read)} = ${sum} (${check})`);
  out.push(`  traces ${formatCount(summary.traces.total)}, closed early ${formatCount(summary.traces.closedEarly)}`);
  if (options.filtered === true) {
    const hidden = summary.traces.total - state.shown;
    out.push(`  filters hid ${formatCount(hidden)} of ${countOf(summary.traces.total, 'trace')}: the sections above count the ${formatCount(state.shown)} shown; this accounting counts everything read`);
  }
  return `${out.join('\n')}\n`;
}

function pushTop(out: string[], c: ReturnType<typeof pc.createColors>, title: string, list: TopList): void {
  if (list.entries.length === 0) return;
  out.push(c.bold(title) + (list.approximate ? c.dim(` (approximate: counts may be low by up to ${formatCount(list.maxError)})`) : ''));
  for (const e of list.entries) out.push(`  ${formatCount(e.count).padStart(9)}  ${t(e.key)}`);
  out.push('');
}

