/**
 * The bounded state behind the human-readable reports: counts, a time histogram, top callers and method ARNs, a few
 * examples and the distinct fixes of each cause. Memory does not grow with the number of records.
 * @module
 */
import { redactText } from '../redact/index.js';
import { CAUSES, type Cause, type TraceRecord } from '../types.js';
import { createTimeHistogram, type HistogramSnapshot } from './time-histogram.js';
import { createTopCounter, type TopEntry } from './top-counter.js';

/** One example trace of a cause, as reports show it. */
export interface CauseExample {
  requestId: string;
  time: string | null;
  status: number | null;
  methodArn: string | null;
  principal: string | null;
  reason: string;
  cachedFrom: string | null;
  /** `file:line` of the trace's first line. */
  source: { file: string; line: number | null };
}

/** A top-N list and whether its counts are exact. */
export interface TopList {
  entries: TopEntry[];
  approximate: boolean;
  maxError: number;
}

/** The fix lines of a cause, each stated once. */
export interface CauseFixes {
  /** Distinct fix lines in the order first seen, at most {@link ReportCollectorOptions.fixesPerCause}. */
  lines: string[];
  /** Traces whose fix held a line beyond that cap. */
  otherTraces: number;
}

/** Everything the text, markdown and HTML reports print besides the summary. */
export interface ReportState {
  /** Records pushed (the traces shown, after any filter). */
  shown: number;
  byCause: Record<Cause, number>;
  /** Records with no start time (not in the histogram). */
  untimed: number;
  histogram: HistogramSnapshot | null;
  /** Refused traces (every cause but ALLOWED) per principal; `(none)` when no principal was logged. */
  principals: TopList;
  /** Refused traces per method ARN; `(unknown)` when none is known. */
  methodArns: TopList;
  examples: Record<Cause, CauseExample[]>;
  fixes: Record<Cause, CauseFixes>;
}

/** Options of {@link createReportCollector}. */
export interface ReportCollectorOptions {
  /** Redact the text kept (idempotent). Default true. */
  redact?: boolean;
  /** Examples kept per cause; default 3. */
  examplesPerCause?: number;
  /** Distinct fix lines kept per cause; default 6. */
  fixesPerCause?: number;
  /** Entries listed in each top list; default 10. */
  topN?: number;
  /** Histogram buckets; default 64. */
  buckets?: number;
}

/** Accumulates records for a report. */
export interface ReportCollector {
  push(record: TraceRecord): void;
  state(): ReportState;
}

/** Principal key for traces that logged none. */
export const NO_PRINCIPAL = '(none)';
/** Method ARN key for traces whose ARN is unknown. */
export const NO_METHOD_ARN = '(unknown)';

const byCauseOf = <T>(make: () => T): Record<Cause, T> =>
  Object.fromEntries(CAUSES.map((cause) => [cause, make()])) as Record<Cause, T>;

/**
 * Creates an empty collector.
 * @example
 * const c = createReportCollector();
 * for (const r of records) c.push(r);
 * renderTextReport(c.state(), summary);
 */
export function createReportCollector(options: ReportCollectorOptions = {}): ReportCollector {
  const redact = options.redact === false ? (s: string) => s : redactText;
  const examplesPerCause = options.examplesPerCause ?? 3;
  const fixesPerCause = options.fixesPerCause ?? 6;
  const topN = options.topN ?? 10;
  const byCause = byCauseOf(() => 0);
  const examples = byCauseOf<CauseExample[]>(() => []);
  const fixes = byCauseOf<CauseFixes>(() => ({ lines: [], otherTraces: 0 }));
  const histogram = createTimeHistogram(options.buckets ?? 64);
  const principals = createTopCounter();
  const methodArns = createTopCounter();
  let shown = 0;
  let untimed = 0;

  const addFixes = (cause: Cause, lines: string[]): void => {
    const kept = fixes[cause];
    let overflow = false;
    for (const raw of lines) {
      const line = redact(raw);
      if (kept.lines.includes(line)) continue;
      if (kept.lines.length < fixesPerCause) kept.lines.push(line);
      else overflow = true;
    }
    if (overflow) kept.otherTraces++;
  };

  return {
    push(record) {
      shown++;
      byCause[record.cause]++;
      const time = record.startTime === null ? Number.NaN : Date.parse(record.startTime);
      if (Number.isFinite(time)) histogram.add(time, record.cause);
      else untimed++;
      const principal = record.authorizer?.principal ?? null;
      if (record.cause !== 'ALLOWED') {
        principals.add(principal === null ? NO_PRINCIPAL : redact(principal));
        methodArns.add(record.methodArn === null ? NO_METHOD_ARN : redact(record.methodArn));
      }
      // The earliest of each cause (start time, then request id), not the first to arrive: records arrive in an
      // order that changes with the threads and, over many inputs, refused cache hits come last (collect-traces).
      const kept = examples[record.cause];
      const at = exampleSlot(kept, record.startTime, record.requestId, examplesPerCause);
      if (at >= 0) {
        kept.splice(at, 0, {
          requestId: record.requestId,
          time: record.startTime,
          status: record.status,
          methodArn: record.methodArn === null ? null : redact(record.methodArn),
          principal: principal === null ? null : redact(principal),
          reason: redact(record.reason),
          cachedFrom: record.cachedFrom,
          source: { file: record.source.file, line: record.source.line },
        });
        if (kept.length > examplesPerCause) kept.pop();
      }
      addFixes(record.cause, record.fix);
    },
    state() {
      const list = (counter: ReturnType<typeof createTopCounter>): TopList => ({
        entries: counter.top(topN),
        approximate: counter.approximate,
        maxError: counter.maxError,
      });
      return {
        shown,
        byCause: { ...byCause },
        untimed,
        histogram: histogram.snapshot(),
        principals: list(principals),
        methodArns: list(methodArns),
        examples: structuredClone(examples),
        fixes: structuredClone(fixes),
      };
    },
  };
}

/**
 * Where an example of `time` and `requestId` goes among the `kept` ones (sorted earliest first, untimed last, then
 * by request id), or -1 when `max` earlier ones are kept already.
 */
function exampleSlot(kept: readonly CauseExample[], time: string | null, requestId: string, max: number): number {
  let at = kept.length;
  while (at > 0 && isEarlier(time, requestId, kept[at - 1]!)) at--;
  return at < max ? at : -1;
}

function isEarlier(time: string | null, requestId: string, than: CauseExample): boolean {
  // ISO-8601 UTC times as the records write them compare as strings.
  if (time !== than.time) return than.time === null ? time !== null : time !== null && time < than.time;
  return requestId < than.requestId;
}
