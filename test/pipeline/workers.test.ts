/**
 * Worker threads change nothing but speed: a directory of several files gives the same records and summary with
 * `concurrency: 1` (everything on this thread), `2` (this thread and a worker) and `3` (three workers, this thread
 * collecting), including a request split across two files and a cache hit whose origin sits in another file.
 */
import test from 'ava';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Collector } from '../../src/pipeline/collect-traces.js';
import { isWholePiece, type Piece } from '../../src/pipeline/join-pieces.js';
import { readFileChunks } from '../../src/pipeline/read-file.js';
import { runInWorkers } from '../../src/pipeline/run-in-workers.js';
import { stepInputOf } from '../../src/pipeline/run-one-step.js';
import { runStep } from '../../src/pipeline/run-step.js';
import { createSummaryParts } from '../../src/summary/index.js';
import type { TraceRecord } from '../../src/types.js';
import { byRequestId, INCIDENT, makeTempDir, runAnalyze, runCounted, type RunResult } from './helpers.js';
import {
  copyId,
  makeEvents,
  readS3Text,
  renderFilterLogEvents,
  renderFirehose,
  renderNdjson,
  renderS3Text,
  requestIdOf,
  SAMPLE_IDS,
  type ExportEvent,
} from './make-export.js';

/** r16, whose fresh policy the authorizer cached, and r17, the cache hit it refused (samples/README.md). */
const R16 = 'be41039b-00cd-44e4-a988-f585ef2e7409';
const R17 = 'aac4f013-e7ea-447a-9b17-e69ffe9ced54';
/** The sample request that copy 3 splits across two S3 files (REQUEST authorizer, pretty-printed answer). */
const SPLIT = copyId(SAMPLE_IDS[1]!, 3);

const incidentEvents = (id: string): ExportEvent[] => {
  const doc = JSON.parse(readFileSync(join(INCIDENT, 'filter-log-events.json'), 'utf8')) as {
    events: { logStreamName: string; timestamp: number; message: string; eventId: string }[];
  };
  const s3 = join(INCIDENT, 's3-export', '35185cf7-b62f-4b30-8584-3cac5bcde8bb', '2942e70005fdf653134c8645ba18a118', '000000.gz');
  return [
    ...doc.events.map((e) => ({ timestamp: e.timestamp, message: e.message, logStream: e.logStreamName, eventId: e.eventId })),
    ...readS3Text(gunzipSync(readFileSync(s3)).toString('utf8'), '2942e70005fdf653134c8645ba18a118'),
  ].filter((e) => requestIdOf(e.message) === id);
};

/**
 * Six inputs in four containers: copies 1–2 as NDJSON, copy 3 as an S3 export whose first stream is cut into two
 * files in the middle of {@link SPLIT}, copy 4 as a filter-log-events document, copy 5 as a Firehose object, and
 * r16 and r17 of the incident in two more files.
 */
function writeExport(dir: string): { events: number; requests: string[] } {
  const copies = (k: number): ExportEvent[] => makeEvents(k + 1).slice(k * 79);
  writeFileSync(join(dir, 'a-copies.ndjson'), renderNdjson([...copies(1), ...copies(2)]));
  const three = copies(3);
  const streams = [...new Set(three.map((e) => e.logStream))];
  const first = three.filter((e) => e.logStream === streams[0]);
  const splitLines = first.filter((e) => requestIdOf(e.message) === SPLIT);
  const cut = first.indexOf(splitLines[Math.floor(splitLines.length / 2)]!);
  for (const [stream, parts] of [
    [streams[0]!, [first.slice(0, cut), first.slice(cut)]],
    [streams[1]!, [three.filter((e) => e.logStream === streams[1])]],
  ] as const) {
    const folder = join(dir, 'b-s3', 'task', stream);
    mkdirSync(folder, { recursive: true });
    parts.forEach((part, i) => writeFileSync(join(folder, `00000${i}.gz`), gzipSync(renderS3Text(part))));
  }
  writeFileSync(join(dir, 'c-copy.json'), renderFilterLogEvents(copies(4)));
  writeFileSync(join(dir, 'd-firehose-object'), renderFirehose(copies(5)));
  const r16 = incidentEvents(R16);
  const r17 = incidentEvents(R17);
  writeFileSync(join(dir, 'e-origin.log'), renderS3Text(r16));
  writeFileSync(join(dir, 'f-hit.ndjson'), renderNdjson(r17));
  const requests = [1, 2, 3, 4, 5].flatMap((k) => SAMPLE_IDS.map((id) => copyId(id, k)));
  return { events: 5 * 79 + r16.length + r17.length, requests: [...requests, R16, R17].sort() };
}

/** What both modes must agree on, field for field. */
function summaryFacts(run: RunResult): unknown {
  const { diagnostics, ...rest } = run.summary;
  return { ...rest, diagnostics: diagnostics.byCode };
}

test.serial('a directory of several files: workers and in-process give the same records and summary', async (t) => {
  const dir = makeTempDir(t, 'workers');
  const expected = writeExport(dir);
  const inProcess = await runCounted(t, dir, { concurrency: 1 });
  const workers = await runCounted(t, dir, { concurrency: 2 });
  const onlyWorkers = await runCounted(t, dir, { concurrency: 3 });

  for (const [mode, run] of [['in-process', inProcess], ['workers', workers], ['only workers', onlyWorkers]] as const) {
    t.deepEqual(run.records.map((r) => r.requestId).sort(), expected.requests, `${mode}: each request once`);
    t.deepEqual(
      run.summary.events,
      { read: expected.events, inTraces: expected.events, orphans: 0, malformed: 0, duplicates: 0, foreign: 0 },
      mode,
    );
    t.is(run.summary.files, 8, mode);
    t.deepEqual(run.diagnostics, [], mode);
  }
  // 1: none; 2: this thread and one worker; 3: three workers, which read every file.
  t.deepEqual([inProcess.started, inProcess.files], [0, 0], 'concurrency 1 starts no worker');
  t.is(workers.started, 1, 'concurrency 2 starts one worker');
  t.true(workers.files >= 1 && workers.files < 8, `concurrency 2: the worker reads some files, this thread the rest (${workers.files} of 8)`);
  t.deepEqual([onlyWorkers.started, onlyWorkers.files], [3, 8], 'concurrency 3: three workers read all 8 files');
  t.deepEqual(byRequestId(workers.records), byRequestId(inProcess.records));
  t.deepEqual(summaryFacts(workers), summaryFacts(inProcess));
  t.deepEqual(byRequestId(onlyWorkers.records), byRequestId(inProcess.records));
  t.deepEqual(summaryFacts(onlyWorkers), summaryFacts(inProcess));

  // Each copy's requests get the causes of the sample's requests (hand-checked in samples/expected/containers.json).
  const cause = (records: TraceRecord[], id: string): string | undefined => records.find((r) => r.requestId === id)?.cause;
  for (const k of [1, 2, 3, 4, 5]) {
    t.deepEqual(
      SAMPLE_IDS.map((id) => cause(workers.records, copyId(id, k))),
      ['AUTHORIZER_EXPLICIT_DENY', 'ALLOWED', 'ALLOWED', 'AUTHORIZER_CACHED_POLICY_DENY'],
      `copy ${k}`,
    );
  }
});

test('a request split across two files is joined into one trace, in both modes', async (t) => {
  const dir = makeTempDir(t, 'split');
  writeExport(dir);
  for (const concurrency of [1, 2, 3]) {
    const { records } = await runAnalyze(t, dir, { concurrency });
    const split = records.filter((r) => r.requestId === SPLIT);
    t.is(split.length, 1, `concurrency ${concurrency}: one record`);
    const record = split[0]!;
    // Both halves decide: the authorizer lines are in 000000.gz, `Method completed` in 000001.gz.
    t.is(record.cause, 'ALLOWED');
    t.is(record.status, 200);
    t.is(record.authorizer?.policyDecision, 'ALLOW');
    t.is(record.closedBy, 'terminal');
    t.true(record.source.file.endsWith('000000.gz'), 'the trace starts in the first file');
    const files = new Set(record.evidence.map((e) => e.file.slice(-9)));
    t.true(files.has('000000.gz'), `evidence from ${[...files].join(', ')}`);
  }
});

test('a cache hit whose origin sits in another file is correlated, in both modes', async (t) => {
  const dir = makeTempDir(t, 'cache');
  writeExport(dir);
  for (const concurrency of [1, 2, 3]) {
    const { records } = await runAnalyze(t, dir, { concurrency });
    const hit = records.find((r) => r.requestId === R17)!;
    t.is(hit.cause, 'AUTHORIZER_CACHED_POLICY_DENY', `concurrency ${concurrency}`);
    t.is(hit.cachedFrom, R16, `concurrency ${concurrency}`);
    // When r16's policy was cached: its `Authorizer result body` line (hand-checked in the sample).
    t.is(hit.cachedFromTime, '2026-03-14T09:21:03.464Z');
    t.true(hit.source.file.endsWith('f-hit.ndjson'));
    t.is(records.find((r) => r.requestId === R16)?.cause, 'ALLOWED');
  }
});

test('two origins of one caller in two files: the hit names the later one, whatever the file order and threads', async (t) => {
  // r16 and a twin of it a millisecond later (two requests of one caller that both missed the cache), in files
  // read before and after the hit's: read in file order with each hit written at once, r17 named r16, the only
  // origin at hand; with the hit settled at the end (manyInputs), it names the later twin at every concurrency.
  const twin = 'be41039b-00cd-44e4-a988-f585ef2e7410';
  const dir = makeTempDir(t, 'twins');
  const r16 = incidentEvents(R16);
  const r17 = incidentEvents(R17);
  t.true(Math.min(...r17.map((e) => e.timestamp)) > Math.max(...r16.map((e) => e.timestamp)) + 1, 'the hit comes after both');
  const copy = r16.map((e) => ({ ...e, timestamp: e.timestamp + 1, message: e.message.replaceAll(R16, twin), eventId: `9${e.eventId}` }));
  writeFileSync(join(dir, 'a-origin.log'), renderS3Text(r16));
  writeFileSync(join(dir, 'b-hit.ndjson'), renderNdjson(r17));
  writeFileSync(join(dir, 'c-twin.log'), renderS3Text(copy));
  for (const concurrency of [1, 2, 3]) {
    const { records } = await runAnalyze(t, dir, { concurrency });
    const hit = records.find((r) => r.requestId === R17)!;
    t.is(hit.cause, 'AUTHORIZER_CACHED_POLICY_DENY', `concurrency ${concurrency}`);
    t.is(hit.cachedFrom, twin, `concurrency ${concurrency}`);
    t.is(records.length, 3);
  }
});

test('more workers than files, and one file with many workers, change nothing', async (t) => {
  const dir = makeTempDir(t, 'few');
  writeFileSync(join(dir, 'one.ndjson'), renderNdjson(makeEvents(2)));
  const single = await runAnalyze(t, join(dir, 'one.ndjson'), { concurrency: 8 });
  const asDir = await runAnalyze(t, dir, { concurrency: 8 });
  t.is(single.records.length, 8);
  t.deepEqual(byRequestId(asDir.records), byRequestId(single.records));
});

test('a split request is joined when the file holding its end is read first, in both modes', async (t) => {
  const dir = makeTempDir(t, 'reversed');
  const events = makeEvents(3).slice(2 * 79); // copy 2
  const id = copyId(SAMPLE_IDS[1]!, 2);
  const mine = events.filter((e) => requestIdOf(e.message) === id);
  const cut = events.indexOf(mine[Math.floor(mine.length / 2)]!);
  // Names sort the second half first: listing order is name order, and in-process reading follows it.
  writeFileSync(join(dir, 'a-second-half.log'), renderS3Text(events.slice(cut)));
  writeFileSync(join(dir, 'b-first-half.log'), renderS3Text(events.slice(0, cut)));
  const whole = await runAnalyze(t, [Buffer.from(renderS3Text(events))], { inputName: 'whole' });
  const expected = whole.records.find((r) => r.requestId === id)!;
  for (const concurrency of [1, 2]) {
    const { records, summary } = await runAnalyze(t, dir, { concurrency });
    const split = records.filter((r) => r.requestId === id);
    t.is(split.length, 1, `concurrency ${concurrency}`);
    t.deepEqual(summary.events, whole.summary.events);
    const facts = (r: TraceRecord): unknown => ({ ...r, source: null, evidence: r.evidence.map((e) => [e.time, e.text]) });
    t.deepEqual(facts(split[0]!), facts(expected));
  }
});

test('logs without `Extended Request Id` (before 2019): a request split across two files is joined too', async (t) => {
  const dir = makeTempDir(t, 'old-style');
  const events = makeEvents(1).filter((e) => !e.message.includes(') Extended Request Id: '));
  const id = SAMPLE_IDS[0]!; // DELETE /orders/1001: explicit deny, decided by its result body and the deny line
  const mine = events.filter((e) => requestIdOf(e.message) === id);
  const cut = events.indexOf(mine.find((e) => e.message.includes('Authorizer result body'))!);
  writeFileSync(join(dir, 'part-1.log'), renderS3Text(events.slice(0, cut)));
  writeFileSync(join(dir, 'part-2.log'), renderS3Text(events.slice(cut)));
  const whole = await runAnalyze(t, [Buffer.from(renderS3Text(events))], { inputName: 'whole' });
  t.is(whole.records.find((r) => r.requestId === id)?.cause, 'AUTHORIZER_EXPLICIT_DENY');
  for (const concurrency of [1, 2]) {
    const { records, summary } = await runAnalyze(t, dir, { concurrency });
    t.deepEqual(records.filter((r) => r.requestId === id).map((r) => r.cause), ['AUTHORIZER_EXPLICIT_DENY'], `concurrency ${concurrency}`);
    t.deepEqual(summary.events, whole.summary.events);
  }
});

test("a worker hands back a request its file ended in the grace period as a whole piece, as this thread's step does", async (t) => {
  const dir = makeTempDir(t, 'whole-piece');
  // r1 ends 10 ms before the end of the file: its trace is whole, but held for lines another file may hold.
  const path = join(dir, 'a.ndjson');
  const events = makeEvents(1).slice(0, 79);
  writeFileSync(path, renderNdjson(events));
  const file = { path, size: 0 };
  const here = runStep(readFileChunks(path, () => {}), stepInputOf(file), { format: 'auto' }, createSummaryParts(), true);
  let next = await here.next();
  while (next.done !== true) next = await here.next();
  const expected = next.value.filter(isWholePiece);
  t.true(expected.length > 0, 'the file ends in the grace period of a request');

  const received: Piece[] = [];
  const collector: Collector = {
    pushTraces: () => [],
    pushItems: () => [],
    pushPieces(pieces) {
      received.push(...pieces);
      return [];
    },
    flush: () => [],
  };
  const hooks = { onDiagnostic: () => {}, onBytes: () => {}, onFileDone: () => {} };
  // Concurrency 3: every file goes to a worker, none to this thread.
  for await (const _ of runInWorkers([file], { format: 'auto' }, {}, false, 3, collector, createSummaryParts(), hooks)) continue;
  // Whole, so the joiner keeps it under its bound for whole pieces and classifies the trace the worker extracted.
  const facts = (pieces: Piece[]): unknown =>
    pieces.filter(isWholePiece).map((p) => ({ requestId: p.requestId, closedBy: p.closedBy, slim: p.slim, events: p.events(), bytes: p.bytes }));
  t.deepEqual(facts(received), facts(expected));
});
