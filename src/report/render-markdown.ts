/**
 * The markdown report, for tickets: the text report's content as tables. Every cell of log text is escaped
 * ({@link escapeMarkdownCell}): a hostile path cannot break a table, inject HTML or forge a link.
 * @module
 */
import { CAUSES, type Summary } from '../types.js';
import { CAUSE_INFO } from './cause-info.js';
import type { ReportState, TopList } from './collect-report.js';
import { escapeMarkdownCell as m } from './escape-markdown.js';
import { countOf, formatBytes, formatCount, formatPosition, formatShare, formatTime } from './format-values.js';
import { accountEvents, formatDuration, groupDiagnostics } from './group-diagnostics.js';
import type { HumanReportOptions } from './render-text.js';
import { columnCounts, renderSparkline, sparkColumns } from './sparkline.js';

const SPARK_COLUMNS = 32;

/**
 * Renders the markdown report.
 * @example writeFileSync('ticket.md', renderMarkdownReport(collector.state(), analysis.summary()));
 */
export function renderMarkdownReport(state: ReportState, summary: Summary, options: HumanReportOptions = {}): string {
  const out: string[] = ['# trace403 report', ''];
  const range = summary.firstEvent === null ? '' : `, ${formatTime(summary.firstEvent)} → ${formatTime(summary.lastEvent)}`;
  out.push(
    `**${countOf(summary.traces.total, 'trace')}** in ${formatCount(summary.events.read)} events from ${formatCount(summary.files)} ${summary.files === 1 ? 'input' : 'inputs'} (${formatBytes(summary.bytes)})${range}.`,
  );
  if (options.interrupted === true) out.push('', '> **Interrupted**: this report covers what was read until then.');
  out.push('', '## Causes', '');

  const causes = CAUSES.filter((cause) => state.byCause[cause] > 0);
  const h = state.histogram;
  const layout = h === null ? null : sparkColumns(h, SPARK_COLUMNS);
  out.push('| Cause | Traces | Share | Spread |', '|---|---:|---:|---|');
  for (const cause of causes) {
    const row = h?.counts[cause];
    const spark = h === null || layout === null || row === undefined ? '' : renderSparkline(columnCounts(row, h.first, layout));
    // Spaces of a sparkline would collapse in a table cell: show them as the lowest visible mark.
    out.push(`| \`${cause}\` | ${formatCount(state.byCause[cause])} | ${formatShare(state.byCause[cause], state.shown)} | ${spark.replace(/ /g, '·')} |`);
  }
  if (causes.length === 0) out.push('| (no traces) | 0 | 0.0% | |');
  if (layout !== null) {
    out.push('', `Spread from ${formatTime(layout.from)} to ${formatTime(layout.to)}, ${formatDuration((layout.to - layout.from) / layout.columns)} per column.`);
  }
  if (state.untimed > 0) out.push('', `${countOf(state.untimed, 'trace')} ${state.untimed === 1 ? 'has no time and is' : 'have no time and are'} not in the spread.`);

  pushTop(out, 'Top refused callers (principal)', 'Principal', state.principals);
  pushTop(out, 'Top refused method ARNs', 'Method ARN', state.methodArns);

  for (const cause of causes) {
    out.push('', `## \`${cause}\`: ${countOf(state.byCause[cause], 'trace')}`, '', CAUSE_INFO[cause].meaning, '');
    const examples = state.examples[cause];
    if (examples.length > 0) {
      out.push('| Request id | Time | Status | Method ARN | Reason | Source |', '|---|---|---:|---|---|---|');
      for (const e of examples) {
        const reason = e.cachedFrom === null ? e.reason : `${e.reason} (policy cached from ${e.cachedFrom})`;
        out.push(
          `| ${m(e.requestId)} | ${formatTime(e.time)} | ${e.status ?? '-'} | ${m(e.methodArn ?? '-')} | ${m(reason)} | ${m(formatPosition(e.source))} |`,
        );
      }
      out.push('');
    }
    const fixes = state.fixes[cause];
    if (fixes.lines.length > 0) {
      out.push('**Fix**', '');
      for (const line of fixes.lines) out.push(`- ${m(line)}`);
      if (fixes.otherTraces > 0) out.push(`- (${formatCount(fixes.otherTraces)} more traces have other fix variants)`);
    }
  }

  const groups = groupDiagnostics(summary, options.diagnosticPositions ?? 3);
  if (groups.length > 0) {
    out.push('', '## Diagnostics', '', '| Code | Severity | Count | Example | First positions |', '|---|---|---:|---|---|');
    for (const g of groups) {
      const positions = g.positions.map(m).join(', ') + (g.count > g.positions.length ? ', …' : '');
      out.push(`| ${m(g.code)} | ${m(g.severity)} | ${formatCount(g.count)} | ${m(g.message)} | ${positions} |`);
    }
  }

  const acc = accountEvents(summary);
  out.push('', '## Accounting', '', `| Events read | ${acc.parts.map((p) => p.label).join(' | ')} | Adds up |`);
  out.push(`|---:|${acc.parts.map(() => '---:').join('|')}|---|`);
  out.push(`| ${formatCount(acc.read)} | ${acc.parts.map((p) => formatCount(p.count)).join(' | ')} | ${acc.difference === 0 ? 'yes' : `no: ${formatCount(acc.difference)} unaccounted`} |`);
  out.push('', `| Traces | Closed early |`, '|---:|---:|', `| ${formatCount(summary.traces.total)} | ${formatCount(summary.traces.closedEarly)} |`);
  if (options.filtered === true) {
    out.push(
      '',
      `Filters hid ${formatCount(summary.traces.total - state.shown)} of ${countOf(summary.traces.total, 'trace')}: the sections above count the ${formatCount(state.shown)} shown; the accounting counts everything read.`,
    );
  }
  return `${out.join('\n')}\n`;
}

function pushTop(out: string[], title: string, column: string, list: TopList): void {
  if (list.entries.length === 0) return;
  out.push('', `## ${title}`, '');
  if (list.approximate) out.push(`Approximate: counts may be low by up to ${formatCount(list.maxError)}.`, '');
  out.push(`| ${column} | Refused traces |`, '|---|---:|');
  for (const e of list.entries) out.push(`| ${m(e.key)} | ${formatCount(e.count)} |`);
}
