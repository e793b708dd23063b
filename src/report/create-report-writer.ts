/**
 * One interface over every output format, for streaming: `push(record)` returns the text to write now (NDJSON and
 * JSON stream records as they come; text, markdown and HTML write everything at the end), `end(summary)` the rest.
 * @module
 */
import { redactRecord } from '../redact/index.js';
import type { Summary, TraceRecord } from '../types.js';
import { createReportCollector, type ReportCollectorOptions } from './collect-report.js';
import { formatNdjson, stringifyRecord } from './format-ndjson.js';
import { createHtmlTraceStore } from './keep-html-traces.js';
import { renderHtmlReport } from './render-html.js';
import { renderMarkdownReport } from './render-markdown.js';
import { renderTextReport, type HumanReportOptions } from './render-text.js';

/** The output formats. */
export type ReportFormat = 'text' | 'ndjson' | 'json' | 'markdown' | 'html';

/** Every output format, default first. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'ndjson', 'json', 'markdown', 'html'];

/** Options of {@link createReportWriter}. */
export interface ReportWriterOptions extends Omit<HumanReportOptions, 'interrupted'>, Omit<ReportCollectorOptions, 'redact'> {
  /** Redact secrets in everything printed (idempotent over already redacted records). Default true. */
  redact?: boolean;
  /** HTML: rows listed at most. Default 5000. */
  htmlCap?: number;
}

/** What {@link ReportWriter.end} may be told about how the run ended. */
export interface ReportEnd {
  /** The run was interrupted (SIGINT): reports say they cover what was read until then. */
  interrupted?: boolean;
}

/** A report being written. Synchronous and pure: the caller writes the returned text where it wants. */
export interface ReportWriter {
  /** Text to write for this record now ('' for formats written at the end). */
  push(record: TraceRecord): string;
  /**
   * For NDJSON and JSON written with `redact: false` only (null otherwise): text to write for a record given as its
   * NDJSON line, as {@link stringifyRecord} writes it (a worker thread wrote it; see pipeline/serialized-record.ts),
   * written as it is. A redacting writer has none: a line is redacted only by parsing it, which `push` does with
   * the record, and writing it as it is would print whatever secrets it holds.
   */
  readonly pushLine: ((json: string) => string) | null;
  /** The closing text, given the run's summary. Call once. */
  end(summary: Summary, how?: ReportEnd): string;
}

/**
 * Creates a writer for one format.
 * @example
 * const writer = createReportWriter('text', { color: process.stdout.isTTY });
 * for await (const record of run) process.stdout.write(writer.push(record));
 * process.stdout.write(writer.end(run.summary()));
 */
export function createReportWriter(format: ReportFormat, options: ReportWriterOptions = {}): ReportWriter {
  if (!REPORT_FORMATS.includes(format)) throw new TypeError(`createReportWriter: \`format\` must be one of ${REPORT_FORMATS.join(', ')}; got ${String(format)}`);
  const redact = options.redact !== false;
  const recordOptions = { redact };
  if (format === 'ndjson') return { push: (record) => formatNdjson(record, recordOptions), pushLine: redact ? null : (json) => `${json}\n`, end: () => '' };
  if (format === 'json') {
    // `{"traces":[…],"summary":{…}}`: records stream first; the summary is only complete at the end.
    let count = 0;
    const line = (json: string): string => `${count++ === 0 ? '{"traces":[\n' : ',\n'}${json}`;
    return {
      push(record) {
        return line(stringifyRecord(record, recordOptions));
      },
      pushLine: redact ? null : line,
      end(summary) {
        return `${count === 0 ? '{"traces":[' : '\n'}],\n"summary":${JSON.stringify(summary)}}\n`;
      },
    };
  }
  const collector = createReportCollector({ ...options, redact });
  const store = format === 'html' ? createHtmlTraceStore(options.htmlCap) : null;
  return {
    push(record) {
      collector.push(record);
      store?.push(redact ? redactRecord(record) : record);
      return '';
    },
    pushLine: null,
    end(summary, how = {}) {
      const human = { ...options, ...(how.interrupted === undefined ? {} : { interrupted: how.interrupted }) };
      const state = collector.state();
      if (format === 'markdown') return renderMarkdownReport(state, summary, human);
      if (store !== null) return renderHtmlReport(state, store.kept(), summary, { ...human, tracesTotal: store.total, cap: options.htmlCap ?? 5000 });
      return renderTextReport(state, summary, human);
    },
  };
}

/**
 * Renders a whole report at once from records in memory.
 * @example const page = renderReport('html', records, summary);
 */
export function renderReport(format: ReportFormat, records: Iterable<TraceRecord>, summary: Summary, options: ReportWriterOptions & ReportEnd = {}): string {
  const writer = createReportWriter(format, options);
  let out = '';
  for (const record of records) out += writer.push(record);
  return out + writer.end(summary, options.interrupted === undefined ? {} : { interrupted: options.interrupted });
}
