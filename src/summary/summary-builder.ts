import {
  CAUSES,
  type Cause,
  type DecodeStats,
  type Diagnostic,
  type DiagnosticCode,
  type ReassembleStats,
  type Summary,
  type TraceRecord,
} from '../types.js';

/** How many diagnostics of each code a summary keeps as samples (the counts are always complete). */
export const DIAGNOSTIC_SAMPLES_PER_CODE = 5;

/**
 * The counters a run accumulates. Plain data so it can cross a worker boundary and be merged:
 * the per-file step of a worker fills one, the main thread merges them with {@link mergeSummaryParts}.
 */
export interface SummaryParts {
  files: number;
  bytes: number;
  decoded: { events: number; malformed: number };
  reassembled: Omit<ReassembleStats, 'events'> & { events: number };
  /** Events that a worker handed back unfinished and the main thread re-assembled (counted twice otherwise). */
  refed: number;
  traces: number;
  byCause: Partial<Record<Cause, number>>;
  byStatus: Record<string, number>;
  /** ISO 8601 UTC times as records carry them (`YYYY-MM-DDTHH:mm:ss.sssZ`), compared as strings. */
  firstEvent: string | null;
  lastEvent: string | null;
  diagnostics: Partial<Record<DiagnosticCode, number>>;
  samples: Diagnostic[];
}

/** An empty set of counters. */
export function createSummaryParts(): SummaryParts {
  return {
    files: 0,
    bytes: 0,
    decoded: { events: 0, malformed: 0 },
    reassembled: { events: 0, inTraces: 0, orphans: 0, duplicates: 0, foreign: 0, traces: 0, closedEarly: 0 },
    refed: 0,
    traces: 0,
    byCause: {},
    byStatus: {},
    firstEvent: null,
    lastEvent: null,
    diagnostics: {},
    samples: [],
  };
}

/** Adds one decoder's counters (one file or one stream). */
export function addDecodeStats(parts: SummaryParts, stats: DecodeStats, fileBytes?: number): void {
  parts.files += 1;
  parts.bytes += fileBytes ?? stats.bytes;
  parts.decoded.events += stats.events;
  parts.decoded.malformed += stats.malformed;
}

/** Adds one reassembler's counters (taken once it has been flushed). */
export function addReassembleStats(parts: SummaryParts, stats: ReassembleStats): void {
  const r = parts.reassembled;
  r.events += stats.events;
  r.inTraces += stats.inTraces;
  r.orphans += stats.orphans;
  r.duplicates += stats.duplicates;
  r.foreign += stats.foreign;
  r.traces += stats.traces;
  r.closedEarly += stats.closedEarly;
}

/** Counts one diagnostic; keeps the first few of each code as samples. */
export function addDiagnostic(parts: SummaryParts, diagnostic: Diagnostic): void {
  const seen = parts.diagnostics[diagnostic.code] ?? 0;
  parts.diagnostics[diagnostic.code] = seen + 1;
  if (seen < DIAGNOSTIC_SAMPLES_PER_CODE) parts.samples.push(diagnostic);
}

/** Counts one classified trace. */
export function addRecord(parts: SummaryParts, record: Pick<TraceRecord, 'cause' | 'status' | 'startTime' | 'endTime'>): void {
  parts.traces += 1;
  parts.byCause[record.cause] = (parts.byCause[record.cause] ?? 0) + 1;
  const status = record.status === null ? 'unknown' : String(record.status);
  parts.byStatus[status] = (parts.byStatus[status] ?? 0) + 1;
  widenTimeRange(parts, record.startTime);
  widenTimeRange(parts, record.endTime);
}

function widenTimeRange(parts: SummaryParts, iso: string | null): void {
  // Records carry fixed-width ISO UTC times, whose string order is time order: comparing them directly spares
  // two Date.parse calls per trace on the main thread.
  if (iso === null) return;
  if (parts.firstEvent === null || iso < parts.firstEvent) parts.firstEvent = iso;
  if (parts.lastEvent === null || iso > parts.lastEvent) parts.lastEvent = iso;
}

/** Merges `from` into `into` (both plain data: safe across worker threads). */
export function mergeSummaryParts(into: SummaryParts, from: SummaryParts): void {
  into.files += from.files;
  into.bytes += from.bytes;
  into.decoded.events += from.decoded.events;
  into.decoded.malformed += from.decoded.malformed;
  addReassembleStats(into, from.reassembled);
  into.refed += from.refed;
  into.traces += from.traces;
  for (const [cause, n] of Object.entries(from.byCause) as [Cause, number][]) {
    into.byCause[cause] = (into.byCause[cause] ?? 0) + n;
  }
  for (const [status, n] of Object.entries(from.byStatus)) into.byStatus[status] = (into.byStatus[status] ?? 0) + n;
  if (from.firstEvent !== null && (into.firstEvent === null || from.firstEvent < into.firstEvent)) {
    into.firstEvent = from.firstEvent;
  }
  if (from.lastEvent !== null && (into.lastEvent === null || from.lastEvent > into.lastEvent)) {
    into.lastEvent = from.lastEvent;
  }
  for (const [code, n] of Object.entries(from.diagnostics) as [DiagnosticCode, number][]) {
    const seen = into.diagnostics[code] ?? 0;
    into.diagnostics[code] = seen + n;
  }
  for (const sample of from.samples) {
    if (into.samples.filter((s) => s.code === sample.code).length < DIAGNOSTIC_SAMPLES_PER_CODE) {
      into.samples.push(sample);
    }
  }
}

/**
 * The public {@link Summary} of a run. Events that a worker handed back unfinished were counted in the
 * worker's reassembler and again in the main thread's: `refed` takes them out once.
 *
 * @example
 * const parts = createSummaryParts();
 * addDecodeStats(parts, decoder.stats);
 * addReassembleStats(parts, reassembler.stats);
 * const summary = buildSummary(parts); // summary.events.read === inTraces + orphans + malformed + duplicates + foreign
 */
export function buildSummary(parts: SummaryParts): Summary {
  const r = parts.reassembled;
  const byCause = Object.fromEntries(CAUSES.map((c) => [c, parts.byCause[c] ?? 0])) as Record<Cause, number>;
  const inTraces = r.inTraces - parts.refed;
  return {
    files: parts.files,
    bytes: parts.bytes,
    events: {
      read: parts.decoded.events + parts.decoded.malformed,
      inTraces,
      orphans: r.orphans,
      malformed: parts.decoded.malformed,
      duplicates: r.duplicates,
      foreign: r.foreign,
    },
    traces: { total: parts.traces, closedEarly: r.closedEarly, byCause, byStatus: { ...parts.byStatus } },
    firstEvent: parts.firstEvent,
    lastEvent: parts.lastEvent,
    diagnostics: { byCode: { ...parts.diagnostics }, samples: [...parts.samples] },
  };
}
