import test from 'ava';
import {
  addDecodeStats,
  addDiagnostic,
  addReassembleStats,
  addRecord,
  buildSummary,
  createSummaryParts,
  DIAGNOSTIC_SAMPLES_PER_CODE,
  mergeSummaryParts,
} from '../../src/summary/index.js';
import type { Diagnostic, TraceRecord } from '../../src/types.js';

function record(cause: TraceRecord['cause'], status: number | null, startTime: string): TraceRecord {
  return { requestId: 'r', cause, status, startTime, endTime: startTime } as TraceRecord;
}

const diagnostic = (line: number): Diagnostic => ({
  code: 'MALFORMED_RECORD',
  severity: 'warning',
  message: 'bad json',
  source: { file: 'a.ndjson', line },
});

test('the summary adds up: read = in traces + orphans + malformed + duplicates + foreign', (t) => {
  const parts = createSummaryParts();
  addDecodeStats(parts, { bytes: 100, events: 10, malformed: 2, skipped: 1 });
  addReassembleStats(parts, { events: 10, inTraces: 6, orphans: 1, duplicates: 2, foreign: 1, traces: 2, closedEarly: 0 });
  const s = buildSummary(parts);
  t.is(s.events.read, 12);
  t.is(s.events.read, s.events.inTraces + s.events.orphans + s.events.malformed + s.events.duplicates + s.events.foreign);
});

test('events handed back by a worker and re-assembled on the main thread are counted once', (t) => {
  const worker = createSummaryParts();
  addDecodeStats(worker, { bytes: 100, events: 10, malformed: 0, skipped: 0 });
  addReassembleStats(worker, { events: 10, inTraces: 10, orphans: 0, duplicates: 0, foreign: 0, traces: 3, closedEarly: 0 });
  const main = createSummaryParts();
  mergeSummaryParts(main, worker);
  main.refed += 4; // four events of an unfinished trace went through the main thread's reassembler again
  addReassembleStats(main, { events: 0, inTraces: 4, orphans: 0, duplicates: 0, foreign: 0, traces: 0, closedEarly: 0 });
  const s = buildSummary(main);
  t.is(s.events.inTraces, 10);
  t.is(s.events.read, 10);
});

test('records are counted by cause and status, with the time range they span', (t) => {
  const parts = createSummaryParts();
  addRecord(parts, record('AUTHORIZER_EXPLICIT_DENY', 403, '2024-02-24T00:29:03.163Z'));
  addRecord(parts, record('AUTHORIZER_EXPLICIT_DENY', 403, '2024-02-24T00:20:00.000Z'));
  addRecord(parts, record('INCOMPLETE', null, '2024-02-24T01:00:00.000Z'));
  const s = buildSummary(parts);
  t.is(s.traces.total, 3);
  t.is(s.traces.byCause.AUTHORIZER_EXPLICIT_DENY, 2);
  t.is(s.traces.byCause.ALLOWED, 0);
  t.deepEqual(s.traces.byStatus, { '403': 2, unknown: 1 });
  t.is(s.firstEvent, '2024-02-24T00:20:00.000Z');
  t.is(s.lastEvent, '2024-02-24T01:00:00.000Z');
});

test('diagnostics are all counted but only a few of each code are kept as samples, also across merges', (t) => {
  const a = createSummaryParts();
  const b = createSummaryParts();
  for (let i = 1; i <= 8; i += 1) addDiagnostic(a, diagnostic(i));
  for (let i = 1; i <= 3; i += 1) addDiagnostic(b, diagnostic(100 + i));
  mergeSummaryParts(a, b);
  const s = buildSummary(a);
  t.is(s.diagnostics.byCode.MALFORMED_RECORD, 11);
  t.is(s.diagnostics.samples.length, DIAGNOSTIC_SAMPLES_PER_CODE);
  t.deepEqual(s.diagnostics.samples.map((d) => d.source.line), [1, 2, 3, 4, 5]);
});
