/**
 * Reports: NDJSON and JSON for machines, text (default), markdown and a self-contained HTML page for people.
 * Pure functions from records and a summary to text; every field of log text is redacted and escaped for its format.
 * @module
 */
export { createReportWriter, renderReport, REPORT_FORMATS } from './create-report-writer.js';
export type { ReportEnd, ReportFormat, ReportWriter, ReportWriterOptions } from './create-report-writer.js';
export { formatNdjson, stringifyRecord } from './format-ndjson.js';
export type { RecordFormatOptions } from './format-ndjson.js';
export { createReportCollector } from './collect-report.js';
export type { CauseExample, CauseFixes, ReportCollector, ReportCollectorOptions, ReportState, TopList } from './collect-report.js';
export { renderTextReport } from './render-text.js';
export type { HumanReportOptions } from './render-text.js';
export { renderMarkdownReport } from './render-markdown.js';
export { renderHtmlReport } from './render-html.js';
export type { HtmlReportOptions } from './render-html.js';
export { createHtmlTraceStore } from './keep-html-traces.js';
export { CAUSE_INFO } from './cause-info.js';
export type { CauseInfo } from './cause-info.js';
export { escapeControlChars } from './escape-control.js';
export { escapeMarkdownCell } from './escape-markdown.js';
export { escapeHtml, serializeJsonForScript } from './escape-html.js';
