import test from 'ava';
import { gzipSync } from 'node:zlib';
import { decodeChunks } from '../../src/decode/index.js';
import type { LogEvent } from '../../src/types.js';
import { decodeAsync, decodeSync } from './decode-helpers.js';
import { renderFilterLogEvents, renderNdjson, renderS3Export, SAMPLE } from './sample-export.js';

test('one batch per input chunk that completes events, never one per event', async (t) => {
  const text = Buffer.from(renderS3Export());
  const whole = await decodeAsync(text, {}, text.length);
  t.is(whole.batches, 2, 'the chunk, then the last event held until the input ends');
  t.is(whole.events.length, 40);
  const halves = await decodeAsync(text, {}, Math.ceil(text.length / 2));
  t.is(halves.batches, 3);
});

test('gzip split at 1 byte (magic bytes in separate chunks) decodes like whole', async (t) => {
  const gz = gzipSync(renderNdjson());
  const oneByte = await decodeAsync(gz, {}, 1);
  const whole = await decodeAsync(gz, {}, gz.length);
  t.deepEqual(oneByte.events, whole.events);
  t.is(oneByte.events.length, 40);
  t.deepEqual(oneByte.stats, whole.stats);
});

test('a single byte of input is decoded, not lost waiting for the gzip check', async (t) => {
  const decoded = await decodeAsync(Buffer.from('x'), {}, 1);
  t.deepEqual(decoded.events.map((e) => e.message), ['x']);
});

test('stats returned by the generator count decompressed bytes', async (t) => {
  const text = renderFilterLogEvents();
  const decoded = await decodeAsync(gzipSync(text), {}, 300);
  t.is(decoded.stats.bytes, Buffer.byteLength(text));
  t.is(decoded.stats.events, 40);
});

test('string chunks are accepted', async (t) => {
  async function* source(): AsyncGenerator<string> {
    yield '2024-02-24T00:29:03.163Z (r1) caf';
    yield 'é\n2024-02-24T00:29:03.164Z (r1) two\n';
  }
  const events: LogEvent[] = [];
  for await (const batch of decodeChunks(source(), { file: '-' })) events.push(...batch);
  t.deepEqual(events.map((e) => e.message), ['(r1) café', '(r1) two']);
});

test('options: logGroup and logStream defaults apply to events that carry none', (t) => {
  const decoded = decodeSync(renderS3Export(SAMPLE.slice(0, 2)), { logGroup: 'G', logStream: 'S' });
  t.deepEqual(decoded.events.map((e) => [e.logGroup, e.logStream]), [['G', 'S'], ['G', 'S']]);
  const own = decodeSync(renderNdjson(SAMPLE.slice(0, 1)), { logStream: 'S' });
  t.is(own.events[0]!.logStream, SAMPLE[0]!.logStream, "an event's own stream wins");
});

test('an aborted signal stops decoding with its reason', async (t) => {
  const controller = new AbortController();
  async function* source(): AsyncGenerator<Buffer> {
    yield Buffer.from('2024-02-24T00:29:03.163Z (r1) one\n');
    controller.abort(new Error('stop now'));
    yield Buffer.from('2024-02-24T00:29:03.164Z (r1) two\n');
  }
  const seen: LogEvent[] = [];
  await t.throwsAsync(
    async () => {
      for await (const batch of decodeChunks(source(), { file: '-', signal: controller.signal })) seen.push(...batch);
    },
    { message: 'stop now' },
  );
  t.true(seen.length <= 1);
});

test('a source that fails mid-way propagates its error (decodeFile turns it into UNREADABLE_FILE)', async (t) => {
  async function* source(): AsyncGenerator<Buffer> {
    yield Buffer.from('2024-02-24T00:29:03.163Z (r1) one\n');
    throw new Error('disk on fire');
  }
  await t.throwsAsync(
    async () => {
      for await (const batch of decodeChunks(source(), { file: '-' })) t.true(batch.length >= 0);
    },
    { message: 'disk on fire' },
  );
});

test('a forced format skips sniffing', (t) => {
  const decoded = decodeSync('2024-02-24T00:29:03.163Z (r1) x\n', { format: 'copy-paste' });
  t.is(decoded.format, 'copy-paste');
  t.is(decoded.events[0]!.timestamp, Date.parse('2024-02-24T00:29:03.163Z'));
  const asTail = decodeSync('2024-02-24T00:29:03.163Z (r1) x\n', { format: 'tail' });
  t.is(asTail.events[0]!.logStream, '(r1)', 'read as tail detailed, the word after a zoned time is the stream');
});

test('a chunk over 64 KiB is decoded in parts of at most 64 KiB, to the same events as small chunks', async (t) => {
  // One line per request, several MB: the decoders' latin1 view of a chunk of 128 KiB or more is a V8 large
  // object (read-buffers.ts), so a stream read with a large highWaterMark is cut before it reaches them.
  const lines = Array.from({ length: 6000 }, (_, k) =>
    JSON.stringify({ timestamp: 1708734543163 + k, message: `(r${k % 97}) Method request body before transformations: ${'x'.repeat(k % 300)}` }));
  const text = Buffer.from(`${lines.join('\n')}\n`);
  t.true(text.length > 4 * 64 * 1024);
  async function* once(): AsyncGenerator<Buffer> {
    yield text;
  }
  let largest = 0;
  const messages: string[] = [];
  const sink = {
    event: (e: LogEvent) => void messages.push(e.message),
    bytes: (e: { bytes: Buffer; view: string; start: number; end: number }) => {
      largest = Math.max(largest, e.bytes.length);
      messages.push(e.view.slice(e.start, e.end));
    },
  };
  let batches = 0;
  for await (const batch of decodeChunks(once(), { file: 'big.ndjson' }, sink)) {
    t.deepEqual(batch, []);
    batches++;
  }
  t.true(largest > 0 && largest <= 64 * 1024, `largest chunk a decoder saw: ${largest}`);
  t.true(batches >= Math.ceil(text.length / (64 * 1024)), 'a batch per part');
  const small = await decodeAsync(text, {}, 4096);
  t.deepEqual(messages, small.events.map((e) => e.message));
});
