/**
 * Shared tools of the end-to-end pipeline tests: run `analyze` to the end, check that its summary adds up and that
 * every record matches the shipped schema, and build inputs (re-chunked streams, temporary directories).
 */
import type { ExecutionContext } from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateTraceRecord } from '../../src/classify/index.js';
import { analyze, type AnalyzeInput, type AnalyzeOptions } from '../../src/pipeline/analyze.js';
import { workerCounts } from '../../src/pipeline/run-in-workers.js';
import { CAUSES, type Diagnostic, type Summary, type TraceRecord } from '../../src/types.js';

export const SAMPLES = resolve('samples');
export const CONTAINERS = join(SAMPLES, 'containers');
export const INCIDENT = join(SAMPLES, 'incident');

/** What one run produced. */
export interface RunResult {
  records: TraceRecord[];
  summary: Summary;
  diagnostics: Diagnostic[];
}

/**
 * Runs `analyze` to the end and checks what every run must satisfy: the summary adds up, every record validates
 * against the schema, every diagnostic has a position, and the summary counts each diagnostic delivered.
 */
export async function runAnalyze(
  t: ExecutionContext,
  input: AnalyzeInput,
  options: AnalyzeOptions = {},
): Promise<RunResult> {
  const diagnostics: Diagnostic[] = [];
  const run = analyze(input, {
    ...options,
    onDiagnostic: (d) => {
      diagnostics.push(d);
      options.onDiagnostic?.(d);
    },
  });
  const records: TraceRecord[] = [];
  for await (const record of run) records.push(record);
  const summary = run.summary();
  assertAddsUp(t, summary);
  assertValidRecords(t, records);
  assertPositioned(t, diagnostics);
  const counted = Object.values(summary.diagnostics.byCode).reduce((a, b) => a + b, 0);
  t.is(counted, diagnostics.length, 'the summary counts every diagnostic delivered, once');
  t.is(summary.traces.total, records.length, 'the summary counts every record yielded');
  return { records, summary, diagnostics };
}

/** `events.read = inTraces + orphans + malformed + duplicates + foreign`, and the trace counts agree. */
export function assertAddsUp(t: ExecutionContext, summary: Summary): void {
  const e = summary.events;
  for (const [name, n] of Object.entries(e)) t.true(Number.isInteger(n) && n >= 0, `events.${name} = ${n}`);
  t.is(
    e.read,
    e.inTraces + e.orphans + e.malformed + e.duplicates + e.foreign,
    `events do not add up: ${JSON.stringify(e)}`,
  );
  const byCause = CAUSES.reduce((sum, c) => sum + summary.traces.byCause[c], 0);
  const byStatus = Object.values(summary.traces.byStatus).reduce((a, b) => a + b, 0);
  t.is(byCause, summary.traces.total, 'traces by cause add up to the total');
  t.is(byStatus, summary.traces.total, 'traces by status add up to the total');
}

/** Every record matches the JSON Schema that ships with the package. */
export function assertValidRecords(t: ExecutionContext, records: readonly TraceRecord[]): void {
  const bad = records
    .map((r) => ({ id: r.requestId, errors: validateTraceRecord(r) }))
    .filter((r) => r.errors.length > 0);
  t.deepEqual(bad, [], 'every record validates against schema/trace.schema.json');
}

/** Codes that concern a whole input or file, where no line or offset exists. */
const WHOLE_INPUT_CODES = new Set<Diagnostic['code']>(['EMPTY_INPUT', 'UNREADABLE_FILE']);

/** Every diagnostic names a file, and a line or byte offset unless it concerns the whole input. */
export function assertPositioned(t: ExecutionContext, diagnostics: readonly Diagnostic[]): void {
  const unplaced = diagnostics.filter(
    (d) =>
      typeof d.source.file !== 'string' ||
      d.source.file === '' ||
      (!WHOLE_INPUT_CODES.has(d.code) && d.source.line === undefined && d.source.offset === undefined),
  );
  t.deepEqual(unplaced, [], 'every diagnostic names a file, and a line or offset where one exists');
}

/** Records sorted by request id (then source), for comparisons as sets. */
export function byRequestId(records: readonly TraceRecord[]): TraceRecord[] {
  return [...records].sort(
    (a, b) => compare(a.requestId, b.requestId) || compare(a.source.file, b.source.file) || (a.source.line ?? 0) - (b.source.line ?? 0),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The bytes cut into chunks of `size` (the last may be shorter), as an async iterable. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The bytes cut at the given offsets (sorted, deduplicated, inside the buffer). */
export async function* cutAt(bytes: Uint8Array, offsets: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const end of [...new Set(offsets)].filter((o) => o > 0 && o < bytes.length).sort((a, b) => a - b)) {
    yield bytes.subarray(start, end);
    start = end;
  }
  yield bytes.subarray(start);
}

/** Diagnostic codes, in order. */
export function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** A fresh temporary directory, removed when the test file ends. */
export function makeTempDir(t: ExecutionContext, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `trace403-pipeline-${name}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** request id → cause. */
export function causesOf(records: readonly TraceRecord[]): Record<string, string> {
  return Object.fromEntries(byRequestId(records).map((r) => [r.requestId, r.cause]));
}

/** The event time the line builders below count from. */
export const T0 = Date.parse('2026-03-14T09:00:00.000Z');

/** One NDJSON line in the AWS layout: request `requestId` logs `text` at `at` ms after {@link T0}; `n` tells ids apart. */
export function ndjsonLine(requestId: string, at: number, text: string, n: number): string {
  return JSON.stringify({ logStreamName: 's1', timestamp: T0 + at, message: `(${requestId}) ${text}`, ingestionTime: T0 + at + 500, eventId: `${String(at).padStart(10, '0')}${n}` });
}

/** The 7 NDJSON lines of a request that passes without an authorizer, 1 ms apart from `at` ms. */
export function passingRequest(requestId: string, at: number): string[] {
  return [
    `Extended Request Id: ${requestId.slice(0, 8)}=`,
    `Verifying Usage Plan for request: ${requestId}. API Key:  API Stage: a1b2c3d4e5/prod`,
    `API Key  authorized because method 'GET /orders' does not require API Key. Request will not contribute to throttle or quota limits`,
    `Usage Plan check succeeded for API Key  and API Stage a1b2c3d4e5/prod`,
    `Starting execution for request: ${requestId}`,
    `HTTP Method: GET, Resource Path: /orders`,
    `Method completed with status: 200`,
  ].map((text, i) => ndjsonLine(requestId, at + i, text, i));
}

/** The `X-ray Tracing ID` line 2026 logs may append after a request's terminal line. */
export const XRAY = 'X-ray Tracing ID : Root=1-67e1a2b3-0123456789abcdef01234567';

/**
 * Runs analyze and says how many worker threads it started and how many files they finished: the results must not
 * depend on the concurrency, so only this shows workers ran at all. Tests that call it are serial (ava runs those
 * first, one at a time): the counts are this process's.
 */
export async function runCounted(t: ExecutionContext, dir: string, options: AnalyzeOptions): Promise<RunResult & { started: number; files: number }> {
  const before = workerCounts();
  const run = await runAnalyze(t, dir, options);
  const after = workerCounts();
  return { ...run, started: after.started - before.started, files: after.files - before.files };
}
