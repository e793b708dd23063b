/**
 * Issue 5, end to end: hostile input never throws out of `analyze`; it becomes diagnostics that name a file and a
 * line or byte offset, it is counted, and the good records around it are kept. Every run goes through `runAnalyze`,
 * which also checks that the summary adds up and that every record matches the schema.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { TraceRecord } from '../../src/types.js';
import { byRequestId, codesOf, makeTempDir, runAnalyze } from './helpers.js';
import {
  copyId,
  makeEvents,
  noise,
  renderFilterLogEvents,
  renderFirehose,
  renderNdjson,
  renderS3Text,
  requestIdOf,
  SAMPLE_IDS,
  type ExportEvent,
} from './make-export.js';

const once = async function* (bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
};

/** Records without what depends on where the input ended (a trace cut by the end closes there). */
const settled = (r: TraceRecord): unknown => ({ ...r, closedBy: null });

/** The ids of the requests whose every line lies in the first `bytes` bytes of the rendered text. */
function requestsWithin(events: readonly ExportEvent[], render: (e: ExportEvent) => string, bytes: number): Set<string> {
  const lastEnd = new Map<string, number>();
  let offset = 0;
  for (const e of events) {
    offset += Buffer.byteLength(render(e));
    const id = requestIdOf(e.message);
    if (id !== null) lastEnd.set(id, offset);
  }
  return new Set([...lastEnd].filter(([, end]) => end <= bytes).map(([id]) => id));
}

const s3Line = (e: ExportEvent): string => renderS3Text([e]);

test('empty input: no records, EMPTY_INPUT naming the input, nothing counted', async (t) => {
  const stream = await runAnalyze(t, once(Buffer.alloc(0)), { inputName: 'empty.log' });
  t.deepEqual(stream.records, []);
  t.deepEqual(stream.diagnostics.map((d) => [d.code, d.source.file]), [['EMPTY_INPUT', 'empty.log']]);
  t.is(stream.summary.events.read, 0);

  const dir = makeTempDir(t, 'empty');
  writeFileSync(join(dir, 'empty.json'), '');
  const file = await runAnalyze(t, join(dir, 'empty.json'), { concurrency: 1 });
  t.deepEqual(file.diagnostics.map((d) => [d.code, d.source.file]), [['EMPTY_INPUT', join(dir, 'empty.json')]]);
  t.is(file.summary.files, 1);
});

test('binary garbage: NOT_A_LOG_EXPORT at offset 0, no records, no throw', async (t) => {
  const { records, diagnostics, summary } = await runAnalyze(t, once(noise(200_000)), { inputName: 'garbage.bin' });
  t.deepEqual(records, []);
  t.deepEqual(diagnostics.map((d) => [d.code, d.source.file, d.source.offset]), [['NOT_A_LOG_EXPORT', 'garbage.bin', 0]]);
  t.is(summary.events.read, 0);
});

test('truncated gzip: GZIP_CORRUPT with the offset, every request decoded before the cut keeps its record', async (t) => {
  const events = makeEvents(30);
  const gz = gzipSync(renderS3Text(events));
  const full = await runAnalyze(t, once(gz), { inputName: 'export.gz' });
  t.is(full.records.length, 120);
  const cut = await runAnalyze(t, once(gz.subarray(0, Math.floor(gz.length * 0.6))), { inputName: 'export.gz' });
  t.deepEqual(codesOf(cut.diagnostics), ['GZIP_CORRUPT']);
  const kept = cut.diagnostics[0]!.source.offset!;
  const whole = requestsWithin(events, s3Line, kept);
  t.true(whole.size >= 40, `${whole.size} requests decoded whole before the cut`);
  const before = byRequestId(full.records).filter((r) => whole.has(r.requestId)).map(settled);
  t.deepEqual(byRequestId(cut.records).filter((r) => whole.has(r.requestId)).map(settled), before);
  t.true(cut.records.length < full.records.length);
});

test('corrupt gzip (damaged bytes mid-stream): GZIP_CORRUPT, no throw, the requests before the damage kept', async (t) => {
  const events = makeEvents(30);
  const gz = Buffer.from(gzipSync(renderS3Text(events)));
  gz.fill(0xff, gz.length >> 1, (gz.length >> 1) + 40);
  const full = await runAnalyze(t, once(gzipSync(renderS3Text(events))), { inputName: 'export.gz' });
  const bad = await runAnalyze(t, once(gz), { inputName: 'export.gz' });
  t.true(codesOf(bad.diagnostics).includes('GZIP_CORRUPT'));
  const kept = bad.diagnostics.find((d) => d.code === 'GZIP_CORRUPT')!.source.offset!;
  const whole = requestsWithin(events, s3Line, kept);
  t.true(whole.size >= 20, `${whole.size} requests decoded whole before the damage`);
  t.deepEqual(
    byRequestId(bad.records).filter((r) => whole.has(r.requestId)).map(settled),
    byRequestId(full.records).filter((r) => whole.has(r.requestId)).map(settled),
  );
});

test('a filter-log-events document cut midway: complete events kept, TRUNCATED_INPUT with an offset', async (t) => {
  const events = makeEvents(4);
  const text = Buffer.from(renderFilterLogEvents(events));
  const full = await runAnalyze(t, once(text), { inputName: 'events.json' });
  const cutAt = Math.floor(text.length * 0.55);
  const cut = await runAnalyze(t, once(text.subarray(0, cutAt)), { inputName: 'events.json' });
  t.true(codesOf(cut.diagnostics).includes('TRUNCATED_INPUT'));
  t.true(cut.diagnostics.every((d) => d.source.offset !== undefined && d.source.offset <= cutAt));
  // Where each event object ends in the document (eventId is its last key: the object closes right after it).
  const ends = events.map((e) => text.indexOf('}', text.indexOf(`"eventId": "${e.eventId}"`)) + 1);
  const complete = ends.filter((end) => end <= cutAt).length;
  t.true(complete > 100 && complete < events.length);
  t.is(cut.summary.events.read, complete + 1, 'the complete events, and the cut one');
  t.is(cut.summary.events.malformed, 1);
  // A request whose lines all come before the cut gets the record it gets from the whole document.
  const lastEnd = new Map<string, number>();
  events.forEach((e, i) => lastEnd.set(requestIdOf(e.message)!, ends[i]!));
  const whole = new Set([...lastEnd].filter(([, end]) => end <= cutAt).map(([id]) => id));
  t.true(whole.size >= 6);
  t.deepEqual(
    byRequestId(cut.records).filter((r) => whole.has(r.requestId)).map(settled),
    byRequestId(full.records).filter((r) => whole.has(r.requestId)).map(settled),
  );
});

test('JSON that is not a log export: NOT_A_LOG_EXPORT names its top-level keys', async (t) => {
  const dynamo = Buffer.from('{"Items":[{"id":{"S":"1"}}],"Count":1,"ScannedCount":1}');
  const { records, diagnostics } = await runAnalyze(t, once(dynamo), { inputName: 'scan.json' });
  t.deepEqual(records, []);
  t.deepEqual(codesOf(diagnostics), ['NOT_A_LOG_EXPORT']);
  t.is(diagnostics[0]!.source.file, 'scan.json');
  t.regex(diagnostics[0]!.message, /"Items", "Count", "ScannedCount"/);

  const dir = makeTempDir(t, 'not-logs');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', dependencies: {} }, null, 2));
  const file = await runAnalyze(t, dir, { concurrency: 1 });
  t.deepEqual(file.diagnostics.map((d) => [d.code, d.source.file]), [['NOT_A_LOG_EXPORT', join(dir, 'package.json')]]);
  t.regex(file.diagnostics[0]!.message, /"name", "version", "dependencies"/);
});

/*
 * decode (filter-log-events document reader): a non-object as the LAST element of `events` is reported as
 * MALFORMED_RECORD, then the complete document is also reported as TRUNCATED_INPUT ("ends mid-way"). A non-object
 * anywhere else is only MALFORMED_RECORD, as it should be.
 */
test('decode: a complete document whose last event is not an object is not reported truncated', async (t) => {
  const event = JSON.stringify({ timestamp: 1773479523210, message: `(${SAMPLE_IDS[0]}) Method completed with status: 403`, logStreamName: 's' });
  const { diagnostics, summary } = await runAnalyze(t, once(Buffer.from(`{"events":[${event},2],"searchedLogStreams":[]}`)), { inputName: 'doc.json' });
  t.is(summary.events.malformed, 1);
  // Got: ['MALFORMED_RECORD', 'TRUNCATED_INPUT'].
  t.deepEqual(codesOf(diagnostics), ['MALFORMED_RECORD']);
});

/* decode (JSON array reader): every element of a top-level array is reported at offset 0, not at its own offset. */
test('decode: malformed elements of a JSON array are reported at their own offsets', async (t) => {
  const { diagnostics } = await runAnalyze(t, once(Buffer.from('[{"foo":1},{"bar":2}]')), { inputName: 'rows.json' });
  const malformed = diagnostics.filter((d) => d.code === 'MALFORMED_RECORD');
  // Got: [0, 0].
  t.deepEqual(malformed.map((d) => d.source.offset), [1, 11]);
});

test('invalid UTF-8: INVALID_UTF8 with its line, the event and its request kept', async (t) => {
  const events = makeEvents(1);
  const text = renderS3Text(events);
  const target = text.indexOf('Extended Request Id: ', text.indexOf(SAMPLE_IDS[2]!));
  const bytes = Buffer.concat([Buffer.from(text.slice(0, target)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(target))]);
  const clean = await runAnalyze(t, once(Buffer.from(text)), { inputName: 'x.log' });
  const { records, diagnostics, summary } = await runAnalyze(t, once(bytes), { inputName: 'x.log' });
  const line = text.slice(0, target).split('\n').length;
  t.deepEqual(diagnostics.map((d) => [d.code, d.source.file, d.source.line]), [['INVALID_UTF8', 'x.log', line]]);
  t.deepEqual(summary.events, clean.summary.events);
  t.deepEqual(records.map((r) => [r.requestId, r.cause]), clean.records.map((r) => [r.requestId, r.cause]));
});

test('a 60 MB line with no newline, streamed: cut, counted, memory bounded, the lines after it analysed', async (t) => {
  const before = renderS3Text(makeEvents(1));
  const after = renderS3Text(makeEvents(2).slice(79));
  const chunk = Buffer.alloc(256 * 1024, 0x78); // the same buffer every time: growth is the pipeline's, not ours
  const total = 60 * 1024 * 1024;
  let peak = 0;
  // A first run loads what the pipeline loads on first need (ajv, for the sample's crashed authorizer): that is
  // not growth caused by the long line.
  await runAnalyze(t, (async function* () { yield Buffer.from(before); })(), { inputName: 'warm-up.log' });
  const baseline = process.memoryUsage().rss;
  async function* source(): AsyncGenerator<Buffer> {
    yield Buffer.from(`${before}2026-03-14T09:30:00.000Z (${SAMPLE_IDS[0]}-x) `);
    for (let sent = 0; sent < total; sent += chunk.length) {
      peak = Math.max(peak, process.memoryUsage().rss);
      yield chunk;
    }
    yield Buffer.from(`\n${after}`);
  }
  const { records, diagnostics, summary } = await runAnalyze(t, source(), { inputName: 'huge.log' });
  const growth = peak - baseline;
  t.true(growth < 30 * 1024 * 1024, `RSS grew ${Math.round(growth / 1e6)} MB for a 63 MB line`);
  t.deepEqual(diagnostics.map((d) => [d.code, d.source.file, d.source.line]), [['RECORD_TOO_LONG', 'huge.log', before.split('\n').length]]);
  t.is(summary.events.malformed, 1);
  const expected = [0, 1].flatMap((k) => SAMPLE_IDS.map((id) => copyId(id, k))).sort();
  t.deepEqual(records.map((r) => r.requestId).sort(), expected, 'the requests before and after the long line');
  t.deepEqual(
    SAMPLE_IDS.map((id) => records.find((r) => r.requestId === copyId(id, 1))?.cause),
    ['AUTHORIZER_EXPLICIT_DENY', 'ALLOWED', 'ALLOWED', 'AUTHORIZER_CACHED_POLICY_DENY'],
  );
});

/** Eight good files and one bad, in a directory. */
function writeDirectoryWithOneBadFile(dir: string, bad: Buffer): { bad: string } {
  for (let k = 0; k < 8; k++) writeFileSync(join(dir, `part-${k}.ndjson`), renderNdjson(makeEvents(k + 1).slice(k * 79)));
  writeFileSync(join(dir, 'part-4b.gz'), bad);
  return { bad: join(dir, 'part-4b.gz') };
}

for (const [name, bad] of [
  ['garbage with a gzip header', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), noise(5000)])],
  ['binary garbage', noise(5000, 3)],
] as const) {
  test(`a directory where one file of many is ${name}: the others fully analysed, the bad one named`, async (t) => {
    const dir = makeTempDir(t, 'one-bad');
    const paths = writeDirectoryWithOneBadFile(dir, bad);
    for (const concurrency of [1, 2]) {
      const { records, diagnostics, summary } = await runAnalyze(t, dir, { concurrency });
      t.is(records.length, 32, `concurrency ${concurrency}`);
      t.is(summary.events.inTraces, 8 * 79);
      t.is(summary.files, 9);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      t.true(errors.length >= 1);
      t.true(errors.every((d) => d.source.file === paths.bad), JSON.stringify(errors));
    }
  });
}

test('a file that vanishes between listing and reading: UNREADABLE_FILE names it, the rest is analysed', async (t) => {
  const dir = makeTempDir(t, 'vanish');
  writeFileSync(join(dir, 'a.ndjson'), renderNdjson(makeEvents(1)));
  writeFileSync(join(dir, 'b.ndjson'), renderNdjson(makeEvents(2).slice(79)));
  const { unlinkSync } = await import('node:fs');
  let removed = false;
  const { records, diagnostics } = await runAnalyze(t, dir, {
    concurrency: 1,
    // Called once the files are listed (totals known): b.ndjson is gone before it is opened.
    onProgress: () => {
      if (!removed) unlinkSync(join(dir, 'b.ndjson'));
      removed = true;
    },
  });
  t.is(records.length, 4);
  t.deepEqual(diagnostics.map((d) => [d.code, d.source.file]), [['UNREADABLE_FILE', join(dir, 'b.ndjson')]]);
});

test('mixed containers in one directory: the records a single NDJSON file of the same events gives', async (t) => {
  const dir = makeTempDir(t, 'mixed');
  const events = makeEvents(5);
  const copy = (k: number): ExportEvent[] => events.slice(k * 79, (k + 1) * 79);
  writeFileSync(join(dir, 'a.ndjson'), renderNdjson(copy(0)));
  writeFileSync(join(dir, 'b.json'), renderFilterLogEvents(copy(1)));
  writeFileSync(join(dir, 'c.gz'), gzipSync(renderS3Text(copy(2))));
  writeFileSync(join(dir, 'd'), renderFirehose(copy(3)));
  writeFileSync(join(dir, 'e.log'), renderS3Text(copy(4)));
  const single = makeTempDir(t, 'single');
  writeFileSync(join(single, 'all.ndjson'), renderNdjson(events));
  const expected = await runAnalyze(t, join(single, 'all.ndjson'));
  const without = (r: TraceRecord): unknown => ({ ...r, source: null, closedBy: null, logGroup: null, logStream: null, evidence: r.evidence.map((e) => e.text) });
  for (const concurrency of [1, 2]) {
    const mixed = await runAnalyze(t, dir, { concurrency, logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod' });
    const reference = await runAnalyze(t, join(single, 'all.ndjson'), { logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod' });
    t.deepEqual(byRequestId(mixed.records).map(without), byRequestId(reference.records).map(without));
    t.deepEqual(mixed.summary.events, expected.summary.events);
    t.is(mixed.summary.files, 5);
  }
});

test('overlapping exports: each request once, the shared events counted as duplicates', async (t) => {
  const events = makeEvents(6);
  const dir = makeTempDir(t, 'overlap');
  // Two exports of one log group whose time ranges overlap, as two filter-log-events runs with --start-time/--end-time
  // that share a stretch do: the overlap cuts through requests at both ends.
  const from = Math.floor(events.length * 0.4);
  const to = Math.floor(events.length * 0.65) + 7;
  writeFileSync(join(dir, 'first.json'), renderFilterLogEvents(events.slice(0, to)));
  writeFileSync(join(dir, 'second.ndjson'), renderNdjson(events.slice(from)));
  const single = await runAnalyze(t, once(Buffer.from(renderNdjson(events))), { inputName: 'all' });
  for (const concurrency of [1, 2]) {
    const { records, summary } = await runAnalyze(t, dir, { concurrency });
    const ids = records.map((r) => r.requestId);
    t.is(new Set(ids).size, ids.length, `concurrency ${concurrency}: each request once`);
    t.deepEqual(ids.sort(), single.records.map((r) => r.requestId).sort());
    t.deepEqual(
      byRequestId(records).map((r) => [r.requestId, r.cause, r.status]),
      byRequestId(single.records).map((r) => [r.requestId, r.cause, r.status]),
    );
    t.is(summary.events.read, to + events.length - from);
    t.is(summary.events.duplicates, to - from, 'every event of the overlap counted once as a duplicate');
    t.is(summary.events.inTraces, events.length);
  }
});

test('Lambda runtime and access-log lines mixed in: counted as foreign, not errors, records unchanged', async (t) => {
  const events = makeEvents(2);
  const id = 'c0ffee00-1111-4222-8333-444455556666';
  const foreign = [
    `START RequestId: ${id} Version: $LATEST`,
    `END RequestId: ${id}`,
    `REPORT RequestId: ${id}\tDuration: 2.51 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB`,
    `INIT_START Runtime Version: nodejs:20.v19\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:0a1b`,
    `{"requestId":"${SAMPLE_IDS[0]}","ip":"203.0.113.9","httpMethod":"DELETE","status":"403","responseLength":"82"}`,
    `203.0.113.9 - - [14/Mar/2026:09:12:03 +0000] "DELETE /prod/orders/1001 HTTP/1.1" 403 82 ${SAMPLE_IDS[0]}`,
  ];
  const mixed: ExportEvent[] = [];
  events.forEach((e, i) => {
    mixed.push(e);
    if (i % 9 === 0) mixed.push({ ...e, message: foreign[(i / 9) % foreign.length]!, eventId: `${e.eventId}f` });
  });
  const added = mixed.length - events.length;
  const clean = await runAnalyze(t, once(Buffer.from(renderNdjson(events))), { inputName: 'x' });
  for (const [name, text] of [['NDJSON', renderNdjson(mixed)], ['S3 text', renderS3Text(mixed)]] as const) {
    const { records, diagnostics, summary } = await runAnalyze(t, once(Buffer.from(text)), { inputName: 'x' });
    t.is(summary.events.foreign, added, name);
    t.is(summary.events.orphans, 0, name);
    t.is(summary.events.malformed, 0, name);
    t.true(diagnostics.every((d) => d.code === 'FOREIGN_LINE' && d.severity === 'info'), JSON.stringify(diagnostics));
    t.deepEqual(
      byRequestId(records).map((r) => [r.requestId, r.cause, r.status, r.evidence.map((e) => e.text)]),
      byRequestId(clean.records).map((r) => [r.requestId, r.cause, r.status, r.evidence.map((e) => e.text)]),
      name,
    );
  }
});
