/** Bad input never throws: it becomes diagnostics and counts, and the good records around it are kept. */
import test from 'ava';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { createDecoder, decodeChunks } from '../../src/decode/index.js';
import type { Diagnostic } from '../../src/types.js';
import {
  assertSameForEveryChunking,
  codes,
  countMalformedDiagnostics,
  decodeAsync,
  decodeSync,
} from './decode-helpers.js';
import { renderFilterLogEvents, renderNdjson, renderS3Export, SAMPLE } from './sample-export.js';

/** Deterministic pseudo-random bytes. */
function noise(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  return bytes;
}

test('empty input: EMPTY_INPUT, no events', async (t) => {
  const sync = decodeSync('');
  t.deepEqual(sync.events, []);
  t.deepEqual(codes(sync.diagnostics), ['EMPTY_INPUT']);
  t.deepEqual(sync.stats, { bytes: 0, events: 0, malformed: 0, skipped: 0 });
  const edge = await decodeAsync(Buffer.alloc(0));
  t.deepEqual(codes(edge.diagnostics), ['EMPTY_INPUT']);
  t.is(edge.batches, 0);
});

test('whitespace only, and a document with no events: EMPTY_INPUT', (t) => {
  t.deepEqual(codes(decodeSync('\n \n').diagnostics), ['EMPTY_INPUT']);
  const empty = decodeSync('{"events":[],"searchedLogStreams":[]}');
  t.is(empty.format, 'filter-log-events');
  t.deepEqual(codes(empty.diagnostics), ['EMPTY_INPUT']);
});

test('binary garbage: NOT_A_LOG_EXPORT, no events, no crash, whatever the chunking', async (t) => {
  const garbage = noise(50_000);
  const decoded = assertSameForEveryChunking(t, garbage);
  t.deepEqual(codes(decoded.diagnostics), ['NOT_A_LOG_EXPORT']);
  t.is(decoded.events.length, 0);
  t.is(decoded.stats.bytes, 50_000);
  const edge = await decodeAsync(garbage);
  t.deepEqual(codes(edge.diagnostics), ['NOT_A_LOG_EXPORT']);
});

test('gzip handed to the synchronous decoder is named as gzip', (t) => {
  const decoded = decodeSync(gzipSync(renderS3Export()));
  t.deepEqual(codes(decoded.diagnostics), ['NOT_A_LOG_EXPORT']);
  t.regex(decoded.diagnostics[0]!.message, /gzip/);
});

test('JSON that is not a log export: NOT_A_LOG_EXPORT names the top-level keys found', (t) => {
  const decoded = assertSameForEveryChunking(t, '{"Items":[{"id":{"S":"1"}}],"Count":1,"ScannedCount":1}');
  t.deepEqual(codes(decoded.diagnostics), ['NOT_A_LOG_EXPORT']);
  t.is(decoded.diagnostics[0]!.message, 'JSON with top-level keys "Items", "Count", "ScannedCount" is not a log export');
  t.is(decoded.events.length, 0);
});

test('text that starts like JSON and is not: NOT_A_LOG_EXPORT, no crash', (t) => {
  const decoded = assertSameForEveryChunking(t, '{this is not json at all}\n');
  t.deepEqual(codes(decoded.diagnostics), ['NOT_A_LOG_EXPORT']);
});

/** 240 distinct events (repeating the sample would compress to almost nothing after the first copy). */
const MANY = Array.from({ length: 240 }, (_, i) => ({
  ...SAMPLE[i % 40]!,
  timestamp: SAMPLE[i % 40]!.timestamp + i * 60_000,
  message: `${SAMPLE[i % 40]!.message} #${i}`,
}));

test('truncated gzip keeps every event decoded before the cut (GZIP_CORRUPT)', async (t) => {
  const gz = gzipSync(renderS3Export(MANY));
  const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
  // The most any reader could recover: inflate what is there, flushing instead of failing at the end.
  const recoverable = decodeSync(gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }));
  t.true(recoverable.events.length > 30 && recoverable.events.length < 230);
  const decoded = await decodeAsync(cut, {}, 512);
  t.deepEqual(codes(decoded.diagnostics), ['GZIP_CORRUPT']);
  t.deepEqual(decoded.events, recoverable.events);
  for (const [i, event] of decoded.events.slice(0, -1).entries()) t.is(event.message, MANY[i]!.message);
});

test('corrupt gzip (damaged bytes mid-stream): GZIP_CORRUPT, no throw, events before the damage kept', async (t) => {
  const gz = Buffer.from(gzipSync(renderS3Export(MANY)));
  gz.fill(0xff, Math.floor(gz.length / 2), Math.floor(gz.length / 2) + 40);
  const decoded = await decodeAsync(gz, {}, 256);
  t.true(codes(decoded.diagnostics).includes('GZIP_CORRUPT'));
  t.true(decoded.events.length >= 20, `${decoded.events.length} events kept`);
  t.is(decoded.events[0]!.message, MANY[0]!.message);
});

test('multi-member gzip decodes every member', async (t) => {
  const gz = Buffer.concat([gzipSync(renderS3Export()), gzipSync(renderS3Export())]);
  const decoded = await decodeAsync(gz, {}, 100);
  t.is(decoded.events.length, 80);
  t.deepEqual(decoded.diagnostics, []);
});

test('gzip followed by zero padding: zlib ends the stream itself; decoding ends too (no hang)', async (t) => {
  const gz = Buffer.concat([gzipSync(renderS3Export(MANY)), Buffer.alloc(64)]);
  const decoded = await decodeAsync(gz, {}, 1000);
  t.is(decoded.events.length, 240);
  t.deepEqual(decoded.diagnostics, []);
});

test('gzip followed by garbage: GZIP_CORRUPT, the member is kept up to zlib\'s last output slice', async (t) => {
  const gz = Buffer.concat([gzipSync(renderS3Export(MANY)), Buffer.from('trailing garbage')]);
  const decoded = await decodeAsync(gz, {}, 1000);
  t.deepEqual(codes(decoded.diagnostics), ['GZIP_CORRUPT']);
  // Node's zlib drops the output of the call that meets the garbage (at most one 64 KiB slice): this member's text
  // is ~37 KiB, so what is kept is only what was pushed before; nothing throws and nothing hangs.
  t.true(decoded.events.length <= 240);
  for (const [i, event] of decoded.events.slice(0, -1).entries()) t.is(event.message, MANY[i]!.message);
});

test('a filter-log-events document cut midway keeps the complete events (TRUNCATED_INPUT)', (t) => {
  const text = renderFilterLogEvents();
  const twentieth = Buffer.from(text).indexOf('"logStreamName"', 0);
  // Cut 30 bytes into the 21st event object.
  let start = twentieth;
  for (let i = 0; i < 20; i++) start = Buffer.from(text).indexOf('"logStreamName"', start + 1);
  const cut = Buffer.from(text).subarray(0, start + 30);
  const decoded = assertSameForEveryChunking(t, cut);
  t.is(decoded.events.length, 20);
  t.deepEqual(
    decoded.events.map((e) => e.message),
    SAMPLE.slice(0, 20).map((e) => e.message),
  );
  t.deepEqual(codes(decoded.diagnostics), ['MALFORMED_RECORD', 'TRUNCATED_INPUT']);
  t.is(decoded.stats.malformed, 1);
});

test('a subscription stream cut inside a payload: TRUNCATED_INPUT, earlier payloads kept', (t) => {
  const one = JSON.stringify({ messageType: 'DATA_MESSAGE', logGroup: 'g', logStream: 's', logEvents: [{ id: '1', timestamp: 1, message: 'a' }] });
  const decoded = assertSameForEveryChunking(t, one + one.slice(0, 40));
  t.is(decoded.events.length, 1);
  t.deepEqual(codes(decoded.diagnostics), ['MALFORMED_RECORD', 'TRUNCATED_INPUT']);
});

test('invalid UTF-8: INVALID_UTF8 with the position, the event is kept with U+FFFD', (t) => {
  const line = (text: string): Buffer => Buffer.from(text);
  const s3 = Buffer.concat([
    line('2024-02-24T00:29:03.163Z (r1) caf'),
    Buffer.from([0xc3, 0x28]), // an invalid two-byte sequence
    line('\n2024-02-24T00:29:03.164Z (r1) ok\n'),
  ]);
  const decoded = assertSameForEveryChunking(t, s3);
  t.deepEqual(decoded.events.map((e) => e.message), ['(r1) caf\ufffd(', '(r1) ok']);
  t.deepEqual(decoded.diagnostics.map((d) => [d.code, d.source.line]), [['INVALID_UTF8', 1]]);

  const ndjson = Buffer.concat([line('{"timestamp":1,"message":"x'), Buffer.from([0xff]), line('y"}\n')]);
  const fromJson = assertSameForEveryChunking(t, ndjson);
  t.deepEqual(fromJson.events.map((e) => e.message), ['x\ufffdy']);
  t.deepEqual(codes(fromJson.diagnostics), ['INVALID_UTF8']);
});

test('a literal U+FFFD in valid UTF-8 is not reported', (t) => {
  const decoded = decodeSync('2024-02-24T00:29:03.163Z (r1) \ufffd is fine\n');
  t.deepEqual(decoded.diagnostics, []);
  t.is(decoded.events[0]!.message, '(r1) \ufffd is fine');
});

test('malformed JSON lines among good NDJSON lines: MALFORMED_RECORD with line numbers, neighbours kept', (t) => {
  const lines = renderNdjson().trimEnd().split('\n');
  lines.splice(3, 0, '{"timestamp":1,"message":"unterminated');
  lines.splice(10, 0, 'not json at all');
  const decoded = assertSameForEveryChunking(t, `${lines.join('\n')}\n`);
  t.is(decoded.events.length, 40);
  t.deepEqual(decoded.events.map((e) => e.message), SAMPLE.map((e) => e.message));
  t.deepEqual(decoded.diagnostics.map((d) => [d.code, d.source.line]), [
    ['MALFORMED_RECORD', 4],
    ['MALFORMED_RECORD', 11],
  ]);
  t.is(decoded.stats.malformed, 2);
});

test('a record over maxRecordBytes is cut, counted malformed, and decoding goes on', (t) => {
  const long = `2024-02-24T00:29:03.163Z (r1) ${'x'.repeat(500)}\n`;
  const input = `2024-02-24T00:29:03.100Z (r1) before\n${long}2024-02-24T00:29:03.200Z (r1) after\n`;
  const decoded = assertSameForEveryChunking(t, input, { maxRecordBytes: 100 });
  t.deepEqual(decoded.events.map((e) => e.message), ['(r1) before', '(r1) after']);
  t.deepEqual(decoded.diagnostics.map((d) => [d.code, d.source.line]), [['RECORD_TOO_LONG', 2]]);
  t.is(decoded.stats.malformed, 1);

  // A multi-line event that grows past the cap is one malformed record, its further lines dropped with it.
  const grown = `2024-02-24T00:29:03.163Z (r1) body:\n${'  line of a big body\n'.repeat(20)}2024-02-24T00:29:03.200Z (r1) after\n`;
  const fromGrown = assertSameForEveryChunking(t, grown, { maxRecordBytes: 100 });
  t.deepEqual(fromGrown.events.map((e) => e.message), ['(r1) after']);
  t.deepEqual(fromGrown.diagnostics.map((d) => [d.code, d.source.line]), [['RECORD_TOO_LONG', 1]]);

  const doc = `{"events":[{"timestamp":1,"message":"${'y'.repeat(300)}"},{"timestamp":2,"message":"ok"}]}`;
  const fromDoc = assertSameForEveryChunking(t, doc, { maxRecordBytes: 100 });
  t.deepEqual(fromDoc.events.map((e) => e.message), ['ok']);
  t.deepEqual(codes(fromDoc.diagnostics), ['RECORD_TOO_LONG']);
});

/** A 60 MB line with no newline, generated as a stream (never a file), with one good line before it. */
async function decodeHugeLine(prefix: string, filler: number, suffix: string): Promise<{
  events: number;
  diagnostics: Diagnostic[];
  growth: number;
}> {
  const chunk = Buffer.alloc(64 * 1024, filler);
  const total = 60 * 1024 * 1024;
  const baseline = process.memoryUsage().arrayBuffers;
  let peak = baseline;
  async function* source(): AsyncGenerator<Buffer> {
    yield Buffer.from(prefix);
    for (let sent = 0; sent < total; sent += chunk.length) {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      yield chunk; // the same buffer every time: whatever memory grows is the decoder's
    }
    yield Buffer.from(suffix);
  }
  const diagnostics: Diagnostic[] = [];
  let events = 0;
  for await (const batch of decodeChunks(source(), { file: 'huge', onDiagnostic: (d) => diagnostics.push(d) })) {
    events += batch.length;
  }
  return { events, diagnostics, growth: peak - baseline };
}

test('a 60 MB line with no newline: cut, counted malformed, memory bounded (S3 text)', async (t) => {
  const result = await decodeHugeLine('2024-02-24T00:29:03.163Z (r1) good\n2024-02-24T00:29:03.164Z ', 0x78, '');
  t.is(result.events, 1);
  t.deepEqual(codes(result.diagnostics), ['RECORD_TOO_LONG']);
  t.is(result.diagnostics[0]!.source.line, 2);
  t.true(result.growth < 32 * 1024 * 1024, `decoder buffers grew by ${result.growth} bytes`);
});

test('a 60 MB line with no newline: cut, counted malformed, memory bounded (NDJSON)', async (t) => {
  const result = await decodeHugeLine('{"timestamp":1,"message":"good"}\n{"timestamp":2,"message":"', 0x78, '"}\n{"timestamp":3,"message":"after"}\n');
  t.is(result.events, 2);
  t.deepEqual(codes(result.diagnostics), ['RECORD_TOO_LONG']);
  t.true(result.growth < 32 * 1024 * 1024, `decoder buffers grew by ${result.growth} bytes`);
});

test('a 60 MB event in a filter-log-events document: cut, counted malformed, memory bounded', async (t) => {
  const result = await decodeHugeLine(
    '{"events":[{"timestamp":1,"message":"good","logStreamName":"s"},{"timestamp":2,"logStreamName":"s","message":"',
    0x78,
    '"},{"timestamp":3,"message":"after","logStreamName":"s"}],"searchedLogStreams":[]}',
  );
  t.is(result.events, 2);
  t.deepEqual(codes(result.diagnostics), ['RECORD_TOO_LONG']);
  t.true(result.growth < 32 * 1024 * 1024, `decoder buffers grew by ${result.growth} bytes`);
});

test('accounting: events + malformed + skipped = records written, and each malformed record has a diagnostic', (t) => {
  const good = renderNdjson().trimEnd().split('\n');
  const lines = [...good.slice(0, 5), '{bad', ...good.slice(5), '[]', 'nope'];
  const decoded = decodeSync(`${lines.join('\n')}\n`);
  t.is(decoded.stats.events + decoded.stats.malformed + decoded.stats.skipped, lines.length);
  t.is(decoded.stats.malformed, countMalformedDiagnostics(decoded.diagnostics));
  t.is(decoded.stats.events, decoded.events.length);
});

test('push after end is a programming error; end twice is harmless', (t) => {
  const decoder = createDecoder({ file: 'x' });
  decoder.end();
  t.deepEqual(decoder.end(), []);
  t.throws(() => decoder.push(Buffer.from('x')), { message: /after end/ });
});

test('deeply nested JSON: one malformed record, the rest ignored, memory not set by the input', (t) => {
  const decoded = assertSameForEveryChunking(t, `{"results":${'['.repeat(20_000)}`);
  t.deepEqual(codes(decoded.diagnostics), ['MALFORMED_RECORD', 'EMPTY_INPUT']);
  t.regex(decoded.diagnostics[0]!.message, /nests deeper/);
});

test('a forced document format on input without an events array does not drop it silently', (t) => {
  const decoded = decodeSync('{"timestamp":1,"message":"a"}\n{"timestamp":2,"message":"b"}\n', {
    format: 'filter-log-events',
  });
  t.is(decoded.events.length, 0);
  t.deepEqual(decoded.diagnostics.map((d) => [d.code, d.source.offset]), [
    ['MALFORMED_RECORD', 0],
    ['MALFORMED_RECORD', 30],
    ['EMPTY_INPUT', undefined],
  ]);
  t.is(decoded.stats.malformed, 2);
});
