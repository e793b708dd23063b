/**
 * The HTML report: one self-contained page (inline CSS, script and SVG; a Content-Security-Policy that forbids any
 * network request) with the counts, a timeline of refusals by cause, top callers, each cause's fix, and a
 * filterable table of traces whose evidence expands.
 *
 * Every field comes from log text an attacker may control, so every one goes through {@link escapeHtml}; the JSON
 * embedded for scripts goes through {@link serializeJsonForScript}. Stable hooks: `#overview[data-*]`,
 * `#cause-counts tr[data-cause][data-count]`, `svg#timeline` (see render-timeline-svg.ts), `#trace-table`,
 * `#accounting[data-*]`, `script#summary-data`.
 * @module
 */
import type { Summary, TraceRecord } from '../types.js';
import { CAUSES } from '../types.js';
import { CAUSE_INFO } from './cause-info.js';
import type { ReportState, TopList } from './collect-report.js';
import { escapeControlChars } from './escape-control.js';
import { escapeHtml, serializeJsonForScript } from './escape-html.js';
import { countOf, formatBytes, formatCount, formatPosition, formatShare, formatTime } from './format-values.js';
import { accountEvents, groupDiagnostics } from './group-diagnostics.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import type { HumanReportOptions } from './render-text.js';
import { renderTimelineSvg } from './render-timeline-svg.js';

/** Evidence lines listed per trace, and characters per line: bounds the page size. */
const EVIDENCE_LINES = 40;
const EVIDENCE_CHARS = 4000;

/** Log text for HTML: control characters made visible (as in the terminal reports), then HTML-escaped. */
const h = (text: string): string => escapeHtml(escapeControlChars(text, { multiline: true }));

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions extends HumanReportOptions {
  /** How many traces the run produced in all (the table may list fewer). Default: `traces.length`. */
  tracesTotal?: number;
  /** The table's row cap, to say so in the page. Default 5000. */
  cap?: number;
}

/**
 * Renders the HTML page.
 * @param traces - the records listed in the table (already capped; see keep-html-traces.ts)
 * @example writeFileSync('report.html', renderHtmlReport(collector.state(), store.kept(), analysis.summary()));
 */
export function renderHtmlReport(state: ReportState, traces: readonly TraceRecord[], summary: Summary, options: HtmlReportOptions = {}): string {
  const causes = CAUSES.filter((cause) => state.byCause[cause] > 0);
  const tracesTotal = options.tracesTotal ?? traces.length;
  const range = summary.firstEvent === null ? '' : `, ${formatTime(summary.firstEvent)} → ${formatTime(summary.lastEvent)}`;
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>trace403 report</title><style>${HTML_STYLE}</style></head><body>`,
    '<header><h1>trace403 report</h1>',
    `<p id="overview" data-traces="${summary.traces.total}" data-shown="${state.shown}" data-events="${summary.events.read}" data-files="${summary.files}">`,
    `<strong>${countOf(summary.traces.total, 'trace')}</strong> in ${formatCount(summary.events.read)} events from ${formatCount(summary.files)} ${summary.files === 1 ? 'input' : 'inputs'} (${h(formatBytes(summary.bytes))})${h(range)}.</p>`,
  ];
  if (options.interrupted === true) out.push('<p class="banner" id="interrupted">Interrupted: this report covers what was read until then.</p>');
  if (options.filtered === true) {
    out.push(
      `<p class="banner" id="filtered" data-hidden="${summary.traces.total - state.shown}">Filters hid ${formatCount(summary.traces.total - state.shown)} of ${countOf(summary.traces.total, 'trace')}: counts, timeline and table cover the ${formatCount(state.shown)} shown; the accounting covers everything read.</p>`,
    );
  }
  out.push('</header>');

  // Counts and timeline.
  out.push('<section id="causes"><h2>Causes</h2>', '<table id="cause-counts"><thead><tr><th>Cause</th><th class="num">Traces</th><th class="num">Share</th><th>Meaning</th></tr></thead><tbody>');
  for (const cause of causes) {
    const n = state.byCause[cause];
    out.push(
      `<tr data-cause="${cause}" data-count="${n}"><td class="cause"><span class="swatch" style="background:${CAUSE_INFO[cause].color}"></span><a data-filter-cause="${cause}"><code>${cause}</code></a></td><td class="num">${formatCount(n)}</td><td class="num">${formatShare(n, state.shown)}</td><td>${h(CAUSE_INFO[cause].meaning)}</td></tr>`,
    );
  }
  if (causes.length === 0) out.push('<tr><td colspan="4" class="muted">No traces.</td></tr>');
  out.push('</tbody></table>', '<h2>Timeline of refusals</h2>', renderTimelineSvg(state.histogram));
  if (state.untimed > 0) out.push(`<p class="muted" id="untimed" data-count="${state.untimed}">${countOf(state.untimed, 'trace')} ${state.untimed === 1 ? 'has no time and is' : 'have no time and are'} not charted.</p>`);
  out.push('</section>');

  out.push('<section id="top">');
  pushTop(out, 'top-principals', 'Top refused callers (principal)', 'Principal', state.principals);
  pushTop(out, 'top-method-arns', 'Top refused method ARNs', 'Method ARN', state.methodArns);
  out.push('</section>');

  // Fix per cause, stated once.
  out.push('<section id="fixes"><h2>What to do</h2>');
  for (const cause of causes) {
    const fixes = state.fixes[cause];
    const examples = state.examples[cause];
    out.push(`<div class="cause-fix" data-cause="${cause}"><h3><code>${cause}</code>: ${countOf(state.byCause[cause], 'trace')}</h3><p>${h(CAUSE_INFO[cause].meaning)}</p>`);
    if (fixes.lines.length > 0) {
      out.push('<ul>', ...fixes.lines.map((line) => `<li class="mono">${h(line)}</li>`), '</ul>');
      if (fixes.otherTraces > 0) out.push(`<p class="muted">${formatCount(fixes.otherTraces)} more traces have other fix variants.</p>`);
    }
    if (examples.length > 0) out.push(`<p class="muted">Examples: ${examples.map((e) => `<code>${h(e.requestId)}</code>`).join(', ')}</p>`);
    out.push('</div>');
  }
  out.push('</section>');

  pushTraceTable(out, traces, tracesTotal, options.cap ?? 5000);
  pushDiagnostics(out, summary, options.diagnosticPositions ?? 3);

  const acc = accountEvents(summary);
  out.push(
    `<section id="accounting" data-read="${acc.read}" data-in-traces="${summary.events.inTraces}" data-orphans="${summary.events.orphans}" data-malformed="${summary.events.malformed}" data-duplicates="${summary.events.duplicates}" data-foreign="${summary.events.foreign}" data-traces="${summary.traces.total}" data-closed-early="${summary.traces.closedEarly}" data-difference="${acc.difference}"><h2>Accounting</h2>`,
    `<table><thead><tr><th class="num">Events read</th>${acc.parts.map((p) => `<th class="num">${h(p.label)}</th>`).join('')}<th>Adds up</th><th class="num">Traces</th><th class="num">Closed early</th></tr></thead>`,
    `<tbody><tr><td class="num">${formatCount(acc.read)}</td>${acc.parts.map((p) => `<td class="num">${formatCount(p.count)}</td>`).join('')}<td>${acc.difference === 0 ? 'yes' : `no: ${formatCount(acc.difference)} unaccounted`}</td><td class="num">${formatCount(summary.traces.total)}</td><td class="num">${formatCount(summary.traces.closedEarly)}</td></tr></tbody></table></section>`,
  );
  out.push(`<script type="application/json" id="summary-data">${serializeJsonForScript(summary)}</script>`);
  out.push(`<script>${HTML_SCRIPT}</script>`, '</body></html>');
  return `${out.join('\n')}\n`;
}

function pushTop(out: string[], id: string, title: string, column: string, list: TopList): void {
  if (list.entries.length === 0) return;
  out.push(`<h2>${h(title)}</h2>`);
  if (list.approximate) out.push(`<p class="muted">Approximate: counts may be low by up to ${formatCount(list.maxError)}.</p>`);
  out.push(`<table id="${id}"><thead><tr><th>${h(column)}</th><th class="num">Refused traces</th></tr></thead><tbody>`);
  for (const e of list.entries) out.push(`<tr data-count="${e.count}"><td class="mono">${h(e.key)}</td><td class="num">${formatCount(e.count)}</td></tr>`);
  out.push('</tbody></table>');
}

function pushTraceTable(out: string[], traces: readonly TraceRecord[], total: number, cap: number): void {
  out.push('<section id="traces"><h2>Traces</h2>');
  const note = traces.length < total ? `The table lists ${formatCount(traces.length)} of ${countOf(total, 'trace')} (at most ${formatCount(cap)}, refusals first); counts and timeline cover all of them.` : `The table lists all ${countOf(total, 'trace')}.`;
  out.push(`<p id="trace-cap" data-listed="${traces.length}" data-total="${total}" data-cap="${cap}">${note}</p>`);
  out.push('<div class="filters"><input id="filter-text" type="search" placeholder="Filter: request id, path, principal, evidence…" aria-label="Filter traces">');
  out.push('<select id="filter-cause" aria-label="Cause"><option value="">every cause</option>', ...CAUSES.map((c) => `<option value="${c}">${c}</option>`), '</select>');
  out.push('<span id="filter-count" class="muted"></span></div>');
  out.push('<table id="trace-table"><thead><tr><th>Time</th><th>Request id</th><th>Cause</th><th class="num">Status</th><th>Method</th><th>Path</th><th>Principal</th><th>Evidence</th></tr></thead><tbody>');
  for (const r of traces) out.push(renderTraceRow(r));
  out.push('</tbody></table></section>');
}

function renderTraceRow(r: TraceRecord): string {
  const a = r.authorizer;
  const facts: string[] = [];
  if (a !== null) {
    facts.push(
      `authorizer ${h(a.id ?? '?')} (${h(a.type ?? 'type unknown')}), ${a.invoked ? 'invoked' : 'not invoked'}${a.cached ? ', cached policy' : ''}${a.policyDecision === null ? '' : `, policy: ${h(a.policyDecision)}`}${a.truncated ? ', result truncated' : ''}`,
    );
    if (a.identity !== null) facts.push(`identity ${h(a.identity)}`);
    if (a.contextKeys.length > 0) facts.push(`context keys: ${a.contextKeys.map(h).join(', ')}`);
  }
  if (r.cachedFrom !== null) facts.push(`policy cached from <code>${h(r.cachedFrom)}</code>${r.cachedFromTime === null ? '' : ` at ${h(formatTime(r.cachedFromTime))}`}`);
  if (r.alternatives.length > 0) facts.push(`alternatives: ${r.alternatives.map(h).join(', ')}`);
  if (r.missing.length > 0) facts.push(`missing: ${r.missing.map(h).join(', ')}`);
  facts.push(`confidence ${h(r.confidence)}, closed by ${h(r.closedBy)}, from ${h(formatPosition(r.source))}`);
  const explanation = a === null || a.explanation.length === 0 ? '' : `<ul>${a.explanation.map((e) => `<li>${h(e)}</li>`).join('')}</ul>`;
  const evidence = r.evidence.slice(0, EVIDENCE_LINES).map((e) => {
    const text = e.text.length > EVIDENCE_CHARS ? `${e.text.slice(0, EVIDENCE_CHARS)} … (${formatCount(e.text.length - EVIDENCE_CHARS)} more characters)` : e.text;
    return `<pre><span class="muted">${h(formatTime(e.time))} ${h(formatPosition(e))}</span>\n${h(text)}</pre>`;
  });
  if (r.evidence.length > EVIDENCE_LINES) evidence.push(`<p class="muted">${formatCount(r.evidence.length - EVIDENCE_LINES)} more lines in the NDJSON output.</p>`);
  const fix = r.fix.length === 0 ? '' : `<p><strong>Fix</strong></p><ul>${r.fix.map((f) => `<li class="mono">${h(f)}</li>`).join('')}</ul>`;
  return [
    `<tr class="trace" data-cause="${h(r.cause)}" data-status="${h(String(r.status ?? ''))}">`,
    `<td class="mono">${h(formatTime(r.startTime))}</td><td class="mono">${h(r.requestId)}</td><td class="cause"><code>${h(r.cause)}</code></td>`,
    `<td class="num">${h(String(r.status ?? '-'))}</td><td>${h(r.httpMethod ?? '-')}</td><td class="mono">${h(r.resourcePath ?? '-')}</td><td class="mono">${h(a?.principal ?? '-')}</td>`,
    `<td><details><summary>${h(r.reason)}</summary><div class="evidence"><p>${facts.join('<br>')}</p>${explanation}${fix}${evidence.join('')}</div></details></td></tr>`,
  ].join('');
}

function pushDiagnostics(out: string[], summary: Summary, maxPositions: number): void {
  const groups = groupDiagnostics(summary, maxPositions);
  if (groups.length === 0) return;
  out.push('<section id="diagnostics"><h2>Diagnostics</h2><table><thead><tr><th>Code</th><th>Severity</th><th class="num">Count</th><th>Example</th><th>First positions</th></tr></thead><tbody>');
  for (const g of groups) {
    const positions = g.positions.map(h).join(', ') + (g.count > g.positions.length ? ', …' : '');
    out.push(`<tr data-code="${h(g.code)}" data-count="${g.count}"><td><code>${h(g.code)}</code></td><td>${h(g.severity)}</td><td class="num">${formatCount(g.count)}</td><td>${h(g.message)}</td><td class="mono">${positions}</td></tr>`);
  }
  out.push('</tbody></table></section>');
}
