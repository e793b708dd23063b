/**
 * The collector's accounting of pieces it drops: what the joiner held of a request that then arrived whole from
 * another input, and a late piece of a request already classified. Each input's step counted its pieces as traces
 * and their lines as in traces; the collector must take all of it out again, so that the summary adds up and
 * `traces.total` is the number of records.
 */
import test, { type ExecutionContext } from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCollector, type CollectOptions } from '../../src/pipeline/collect-traces.js';
import { isWholePiece, type Piece } from '../../src/pipeline/join-pieces.js';
import { readFileChunks } from '../../src/pipeline/read-file.js';
import { runOneStep, type StepContext } from '../../src/pipeline/run-one-step.js';
import { buildSummary, createSummaryParts, type SummaryParts } from '../../src/summary/index.js';
import type { Diagnostic, TraceRecord } from '../../src/types.js';
import { assertAddsUp, makeTempDir, runAnalyze, ndjsonLine as line, passingRequest as request, T0, XRAY } from './helpers.js';

/**
 * `n` requests from `at` ms, 10 ms apart: 7n lines. The reassembler closes traces every 4,096 lines, and
 * everything still open at the end goes to the joiner: a request before 600 of these is closed inside its file.
 */
function filler(n: number, at: number): string[] {
  return Array.from({ length: n }, (_, i) => request(`f${String(i).padStart(4, '0')}-0000-0000`, at + i * 10)).flat();
}

const R = 'r1-cccc-dddd';
const OTHER = 'r2-eeee-ffff';

function write(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** What {@link collect} gives: the records, the counters, the diagnostics, and how often whole pieces made events. */
interface Collected {
  records: TraceRecord[];
  parts: SummaryParts;
  diagnostics: Diagnostic[];
  eventsMade: number;
}

/**
 * Runs the files one after the other on this thread, as analyze does at concurrency 1, into one collector made
 * with `options`; every whole piece's `events()` is counted on its way to the collector.
 */
async function collect(paths: string[], options: Partial<CollectOptions> = {}): Promise<Collected> {
  const parts = createSummaryParts();
  const diagnostics: Diagnostic[] = [];
  const collector = createCollector({ format: 'auto', ...options, onDiagnostic: (d) => diagnostics.push(d) }, parts);
  const counted = { ...collector, pushPieces: (pieces: Piece[]) => collector.pushPieces(pieces.map(countEvents)) };
  const context: StepContext = { step: { format: 'auto' }, signal: undefined, parts, collector: counted, onDiagnostic: () => {} };
  const records: TraceRecord[] = [];
  let eventsMade = 0;
  function countEvents(piece: Piece): Piece {
    if (!isWholePiece(piece)) return piece;
    const events = piece.events;
    return { ...piece, events: () => (eventsMade++, events()) };
  }
  for (const path of paths) {
    for await (const batch of runOneStep(readFileChunks(path, () => {}), { file: path }, true, context)) records.push(...batch);
  }
  records.push(...collector.flush());
  return { records, parts, diagnostics, eventsMade };
}

/** The summary adds up, and the traces the steps counted, less those the collector merged or dropped, are the records. */
function assertConsistent(t: ExecutionContext, { records, parts }: Collected): void {
  assertAddsUp(t, buildSummary(parts));
  t.is(parts.traces, records.length, 'a summary trace per record');
  t.is(parts.reassembled.traces, records.length, 'traces counted by the steps, less those merged or dropped');
}

test('two held pieces sharing a line, then the whole request from a third file: all of them are dropped as duplicates', async (t) => {
  const dir = makeTempDir(t, 'collect-take');
  const lines = request(R, 10_000);
  // a ends after R's third line, b holds its third to fifth (one line in both: overlapping exports), both cut by
  // their end: held. c holds all of R, closed inside c (then classified, and the held pieces dropped).
  const paths = [
    write(dir, 'a.ndjson', lines.slice(0, 3)),
    write(dir, 'b.ndjson', lines.slice(2, 5)),
    write(dir, 'c.ndjson', [...lines, ...filler(600, 60_000)]),
  ];
  const expected = { read: 4213, inTraces: 4207, orphans: 0, malformed: 0, duplicates: 6, foreign: 0 };
  const collected = await collect(paths);
  assertConsistent(t, collected);
  t.is(collected.records.length, 601);
  t.is(collected.records.filter((r) => r.requestId === R).length, 1);
  // c's lines are in traces; the 5 lines held of R, and the one its two pieces shared, are duplicates.
  t.deepEqual(buildSummary(collected.parts).events, expected);
  t.true(collected.diagnostics.some((d) => d.code === 'DUPLICATE_EVENT' && d.message.includes(R)));

  const run = await runAnalyze(t, dir, { concurrency: 1 });
  t.is(run.records.length, 601);
  t.deepEqual(run.summary.events, expected, 'analyze');
});

test('a whole piece held for late lines, then the same request whole from another file: dropped without making its events', async (t) => {
  const dir = makeTempDir(t, 'collect-take-whole');
  // a ends with R's terminal line, in its grace period: R is held whole. c holds R again, closed inside c.
  const paths = [
    write(dir, 'a.ndjson', [...request(OTHER, 0), ...request(R, 10_000)]),
    write(dir, 'c.ndjson', [...request(R, 10_000), ...filler(600, 60_000)]),
  ];
  const collected = await collect(paths);
  assertConsistent(t, collected);
  t.is(collected.records.length, 602);
  t.is(collected.records.filter((r) => r.requestId === R).length, 1);
  t.deepEqual(buildSummary(collected.parts).events, { read: 4221, inTraces: 4214, orphans: 0, malformed: 0, duplicates: 7, foreign: 0 });
  t.true(collected.diagnostics.some((d) => d.code === 'DUPLICATE_EVENT' && d.message.includes(R)));
  t.is(collected.eventsMade, 0, "the held piece's lines are counted from its extracted trace");
});

test('a whole piece released early (its bound reached), then its late X-Ray line from another file: an orphan', async (t) => {
  const dir = makeTempDir(t, 'collect-orphan');
  // R ends 1 ms before the end of a.ndjson; its X-Ray line opens b.ndjson (as in straddle.test.ts). With no room
  // for whole pieces, the joiner releases R at once: the X-Ray line comes after R was classified.
  const paths = [
    write(dir, 'a.ndjson', [...request('r0-aaaa-bbbb', 0), ...request(R, 10_000)]),
    write(dir, 'b.ndjson', [line(R, 10_007, XRAY, 9), ...request(OTHER, 10_020)]),
  ];
  const collected = await collect(paths, { maxKeptBytes: 0 });
  assertConsistent(t, collected);
  t.deepEqual(collected.records.map((r) => r.requestId).sort(), ['r0-aaaa-bbbb', R, OTHER]);
  t.deepEqual(buildSummary(collected.parts).events, { read: 22, inTraces: 21, orphans: 1, malformed: 0, duplicates: 0, foreign: 0 });
  const orphans = collected.diagnostics.filter((d) => d.code === 'ORPHAN_EVENT');
  t.is(orphans.length, 1);
  t.regex(orphans[0]!.message, /r1-cccc-dddd.*its 1 lines are counted as orphans/);
  t.is(orphans[0]!.source.file, paths[1]!);
  t.is(collected.records.find((r) => r.requestId === R)?.endTime, new Date(T0 + 10_006).toISOString(), 'R as a.ndjson had it');
});

test('through analyze: more requests ending in the grace period than the joiner keeps, the first one gets its late line as an orphan', async (t) => {
  const dir = makeTempDir(t, 'collect-orphan-analyze');
  // 2,000 requests 2 ms apart, all in the grace period of a.ndjson's end: twice or more the 4 MiB of whole pieces
  // the joiner keeps (1,000 passed with the bound raised to 5 MiB: too thin), so the oldest are released
  // (classified) before b.ndjson is read.
  const many = Array.from({ length: 2000 }, (_, i) => `r${String(i).padStart(4, '0')}-aaaa-bbbb`);
  const first = many[0]!;
  write(dir, 'a.ndjson', many.flatMap((id, i) => request(id, i * 2)));
  write(dir, 'b.ndjson', [line(first, 2_500, XRAY, 9), ...request(OTHER, 2_600)]);
  const { records, summary, diagnostics } = await runAnalyze(t, dir, { concurrency: 1 });
  t.is(records.length, 2001);
  t.is(summary.events.orphans, 1);
  const orphans = diagnostics.filter((d) => d.code === 'ORPHAN_EVENT');
  t.is(orphans.length, 1);
  t.true(orphans[0]!.message.includes(first));
  // Classified before the X-Ray line came: its trace is as a.ndjson had it.
  t.is(records.find((r) => r.requestId === first)?.endTime, new Date(T0 + 6).toISOString());
});
