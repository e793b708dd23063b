/**
 * One export, every container and every kind of byte source: `analyze` must find the same requests with the same
 * lines and the same causes whatever carried them.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { decodeFile, listInputFiles } from '../../src/decode/index.js';
import { createReassembler } from '../../src/reassemble/index.js';
import type { Cause, TraceRecord } from '../../src/types.js';
import { byRequestId, chunked, CONTAINERS, runAnalyze, SAMPLES } from './helpers.js';
import { LOG_GROUP, requestIdOf, SAMPLE_EVENTS } from './make-export.js';

/** Every container of `samples/containers/` that holds the 79-event export (console-test.txt is another request). */
const CONTAINER_PATHS = ['events.ndjson', 'filter-log-events.json', 's3-export', 'firehose', 'tail.txt'];

interface ExpectedRequest {
  label: string;
  requestId: string;
  startTime: string;
  httpMethod: string;
  resourcePath: string;
  cause: Cause;
  clientStatus: number;
  cacheHit: boolean;
}

const EXPECTED = JSON.parse(readFileSync(join(SAMPLES, 'expected', 'containers.json'), 'utf8')) as {
  events: number;
  requests: ExpectedRequest[];
  consoleTest: { requestId: string; cause: string; clientStatus: number };
};

/**
 * What must not depend on the container: everything but where lines were found (`source`, evidence file/line) and
 * `closedBy` (a request last in its S3 file closes at end of input there, on its terminal line elsewhere).
 */
function comparable(record: TraceRecord): unknown {
  const { source: _source, closedBy: _closedBy, evidence, ...rest } = record;
  return { ...rest, evidence: evidence.map((e) => ({ time: e.time, text: e.text })) };
}

/** Lines per request, by the lower stages (the records do not carry them): decode each file, reassemble. */
async function countLines(path: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const file of await listInputFiles([path])) {
    const reassembler = createReassembler();
    const add = (traces: { requestId: string; events: unknown[] }[]): void => {
      for (const t of traces) counts[t.requestId] = (counts[t.requestId] ?? 0) + t.events.length;
    };
    for await (const batch of decodeFile(file)) add(reassembler.push(batch));
    add(reassembler.flush());
  }
  return counts;
}

test('every container of the sample export gives the same requests, lines per request and records', async (t) => {
  // Counted by hand from events.ndjson with JSON.parse, independently of the decoders.
  const expectedLines: Record<string, number> = {};
  for (const e of SAMPLE_EVENTS) {
    const id = requestIdOf(e.message);
    if (id !== null) expectedLines[id] = (expectedLines[id] ?? 0) + 1;
  }
  t.is(Object.values(expectedLines).reduce((a, b) => a + b, 0), EXPECTED.events);

  let reference: unknown[] | null = null;
  for (const name of CONTAINER_PATHS) {
    const path = join(CONTAINERS, name);
    // The log group makes the API id and stage known in every container (only Firehose payloads carry it).
    const { records, summary } = await runAnalyze(t, path, { concurrency: 1, logGroup: LOG_GROUP });
    t.deepEqual(summary.events, { read: 79, inTraces: 79, orphans: 0, malformed: 0, duplicates: 0, foreign: 0 }, name);
    t.deepEqual(await countLines(path), expectedLines, `${name}: lines per request`);
    const sorted = byRequestId(records).map(comparable);
    if (reference === null) reference = sorted;
    else t.deepEqual(sorted, reference, `${name} gives the records events.ndjson gives`);
  }
});

test('hand-checked facts of the sample export (samples/expected/containers.json)', async (t) => {
  const { records } = await runAnalyze(t, join(CONTAINERS, 'tail.txt'), { concurrency: 1, logGroup: LOG_GROUP });
  t.deepEqual(byRequestId(records).map((r) => r.requestId), EXPECTED.requests.map((r) => r.requestId).sort());
  for (const expected of EXPECTED.requests) {
    const record = records.find((r) => r.requestId === expected.requestId)!;
    t.is(record.cause, expected.cause, expected.label);
    t.is(record.status, expected.clientStatus, expected.label);
    t.is(record.startTime, expected.startTime, expected.label);
    t.is(record.authorizer?.cached ?? false, expected.cacheHit, expected.label);
    t.is(record.apiId, 'a1b2c3d4e5');
    t.is(record.stage, 'prod');
    // A cache hit is refused before execution starts: its log has no `HTTP Method` line to read them from.
    if (!expected.cacheHit) {
      t.is(record.httpMethod, expected.httpMethod, expected.label);
      t.is(record.resourcePath, expected.resourcePath, expected.label);
    }
  }
  // r17's origin (r16) is not in the container subset: the hit is named, its origin is not.
  t.is(records.find((r) => r.requestId.startsWith('aac4f013'))!.cachedFrom, null);
});

test('the console test log: one request, the Lambda said Unauthorized', async (t) => {
  const { records, summary } = await runAnalyze(t, join(CONTAINERS, 'console-test.txt'), { concurrency: 1 });
  t.deepEqual(
    records.map((r) => [r.requestId, r.cause, r.status]),
    [[EXPECTED.consoleTest.requestId, EXPECTED.consoleTest.cause, EXPECTED.consoleTest.clientStatus]],
  );
  // Eight lines: the header names the request and is no event; the bare `Unauthorized` is one of its lines.
  t.is(summary.events.read, 7);
  t.is(summary.events.inTraces, 7);
});

/** One file through every byte source `analyze` takes; the records must equal those of the path. */
const SOURCES: { name: string; make: (bytes: Buffer) => unknown }[] = [
  { name: 'Node Readable', make: (bytes) => Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]) },
  { name: 'Web ReadableStream', make: (bytes) => new Blob([new Uint8Array(bytes)]).stream() },
  { name: 'an array of Buffers', make: (bytes) => [bytes.subarray(0, 333), bytes.subarray(333)] },
  { name: 'a single Buffer', make: (bytes) => bytes },
  ...[1, 7, 64, 4096].map((size) => ({ name: `async iterable of ${size}-byte chunks`, make: (bytes: Buffer) => chunked(bytes, size) })),
];

/** The one Firehose object (its name ends in a uuid the generator draws, so it is looked up, not spelled out). */
const FIREHOSE_DIR = 'firehose/2026/03/14/09';
const FIREHOSE_OBJECT = `${FIREHOSE_DIR}/${readdirSync(join(CONTAINERS, FIREHOSE_DIR))[0] ?? 'missing'}`;

for (const file of ['events.ndjson', 'filter-log-events.json', FIREHOSE_OBJECT]) {
  test(`${file.split('/')[0]}: path, Node Readable, Web stream and every chunking give identical records`, async (t) => {
    const path = join(CONTAINERS, file);
    const bytes = readFileSync(path);
    const fromPath = await runAnalyze(t, path, { concurrency: 1 });
    t.is(fromPath.records.length, 4);
    for (const source of SOURCES) {
      // `inputName` gives the stream the file's name, so positions in records are comparable too.
      const run = await runAnalyze(t, source.make(bytes) as never, { inputName: path });
      t.deepEqual(byRequestId(run.records), byRequestId(fromPath.records), source.name);
      t.deepEqual(run.summary.events, fromPath.summary.events, source.name);
      t.deepEqual(run.summary.traces, fromPath.summary.traces, source.name);
    }
  });
}
