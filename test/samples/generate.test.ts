import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CAUSES } from '../../src/types.js';
import { createEventHeap } from '../../benchmarks/lib/event-heap.js';
import { generateArchive } from '../../benchmarks/lib/generate-archive.js';
import { readManifest } from '../../benchmarks/lib/manifest.js';
import { parseSize } from '../../benchmarks/lib/size.js';
import { readFirehose, readS3Export } from './read-containers.js';

const tmp = mkdtempSync(join(tmpdir(), 'trace403-generate-'));
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name)) : [join(dir, name)]));
}
const idOf = (message: string): string => message.slice(1, message.indexOf(')'));

interface NdjsonEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

test('ndjson: realistic content, counted exactly by the manifest', async (t) => {
  const out = join(tmp, 'mix.ndjson');
  const manifest = await generateArchive({ form: 'ndjson', out, targetBytes: 8_000_000, seed: 42 });
  t.deepEqual(readManifest(out), manifest, 'the manifest is written beside the archive');
  const text = readFileSync(out, 'utf8');
  t.is(Buffer.byteLength(text), manifest.textBytes);
  t.true(manifest.textBytes >= 8_000_000 && manifest.textBytes < 8_300_000, 'stops soon after the target, once open requests end');
  const events = text.trimEnd().split('\n').map((line) => JSON.parse(line) as NdjsonEvent);
  t.is(events.length, manifest.events);
  t.is(manifest.newlines, manifest.events);
  t.is(new Set(events.map((e) => e.eventId)).size, events.length, 'event ids are unique');
  t.true(events.every((e) => /^\d{56}$/.test(e.eventId) && e.ingestionTime > e.timestamp));
  const firstSeen = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  events.forEach((e, i) => {
    const id = idOf(e.message);
    if (!firstSeen.has(id)) firstSeen.set(id, i);
    lastSeen.set(id, i);
  });
  t.is(firstSeen.size, manifest.traces);
  // Interleaving: how many requests are open (started, not finished) in the middle of the file.
  const middle = events.length >> 1;
  const open = [...firstSeen].filter(([id, first]) => first <= middle && (lastSeen.get(id) ?? 0) >= middle).length;
  t.true(open >= 20 && open <= 120, `${open} open requests mid-file`);
  const perTrace = manifest.events / manifest.traces;
  t.true(perTrace >= 20 && perTrace <= 30, `${perTrace.toFixed(1)} lines per request`);
  for (const e of events) t.true(Buffer.byteLength(e.message.replace(/ \[TRUNCATED\]$/, '')) <= 1024);
  t.deepEqual(Object.keys(manifest.byCause).sort(), CAUSES.filter((c) => c !== 'INCOMPLETE').sort(), 'every cause occurs');
  t.true((manifest.byCause.ALLOWED ?? 0) / manifest.traces > 0.8, 'mostly ALLOWED');
  t.true(manifest.cacheHits > manifest.traces / 4);
  t.true(manifest.multiLineEvents > 0 && manifest.truncatedEvents > manifest.events / 20);
  t.true(manifest.nonAsciiEvents > 0 && manifest.nonAsciiEvents < manifest.events / 200, 'a few non-ASCII messages (~0.1 %)');
  t.true(manifest.disorderedEvents > 0);
});

test('same seed, same bytes; another seed, other bytes', async (t) => {
  const write = async (name: string, seed: number): Promise<Buffer> => {
    await generateArchive({ form: 'ndjson', out: join(tmp, name), targetBytes: 1_000_000, seed });
    return readFileSync(join(tmp, name));
  };
  const a = await write('a.ndjson', 7);
  const b = await write('b.ndjson', 7);
  const c = await write('c.ndjson', 8);
  t.true(a.equals(b));
  t.false(a.equals(c));
});

test('refuses to overwrite without force; replaces with it', async (t) => {
  const out = join(tmp, 'twice.ndjson');
  await generateArchive({ form: 'ndjson', out, targetBytes: 100_000, seed: 1 });
  await t.throwsAsync(generateArchive({ form: 'ndjson', out, targetBytes: 100_000, seed: 1 }), { message: /exists/ });
  await t.notThrowsAsync(generateArchive({ form: 'ndjson', out, targetBytes: 100_000, seed: 1, force: true }));
  await t.throwsAsync(generateArchive({ form: 'ndjson', out: join(tmp, 'zero.ndjson'), targetBytes: 0, seed: 1 }), { instanceOf: TypeError, message: /targetBytes/ });
  await t.throwsAsync(generateArchive({ form: 'ndjson', out: join(tmp, 'nan.ndjson'), targetBytes: 1000, seed: Number.NaN }), { instanceOf: TypeError, message: /seed/ });
});

test('filter-log-events: byte for byte what the AWS CLI prints (JSON with a 4-space indent)', async (t) => {
  const out = join(tmp, 'fle.json');
  const manifest = await generateArchive({ form: 'filter-log-events', out, targetBytes: 1_000_000, seed: 3 });
  const text = readFileSync(out, 'utf8');
  const doc = JSON.parse(text) as { events: unknown[]; searchedLogStreams: unknown[] };
  t.is(doc.events.length, manifest.events);
  t.is(text, `${JSON.stringify(doc, null, 4)}\n`);
});

test('s3-gz: <taskId>/<logStream>/000000.gz… rotated by size, plus the write-test marker', async (t) => {
  const out = join(tmp, 's3');
  const manifest = await generateArchive({ form: 's3-gz', out, targetBytes: 1_000_000, seed: 5, fileBytes: 50_000, streams: 3 });
  const files = listFiles(out).map((p) => relative(out, p));
  t.is(files.length, manifest.files);
  t.true(files.includes('aws-logs-write-test'));
  const gz = files.filter((f) => f.endsWith('.gz'));
  t.true(gz.every((f) => /^[0-9a-f-]{36}\/[0-9a-f]{32}\/\d{6}\.gz$/.test(f)));
  t.is(new Set(gz.map((f) => f.split('/')[1])).size, 3);
  t.true(gz.some((f) => f.endsWith('/000001.gz')), 'rotation at fileBytes');
  let text = 0;
  let events = 0;
  for (const f of gz) {
    const data = readFileSync(join(out, f));
    text += gunzipSync(data).length;
    events += readS3Export(data, f.split('/')[1] as string).length;
  }
  t.is(events, manifest.events);
  t.is(text + 'Permission Check Successful'.length, manifest.textBytes);
});

test('firehose: objects of gzip members, a CONTROL_MESSAGE first, every event once', async (t) => {
  const out = join(tmp, 'firehose');
  const manifest = await generateArchive({ form: 'firehose', out, targetBytes: 1_000_000, seed: 9, fileBytes: 400_000 });
  const files = listFiles(out);
  t.true(files.length >= 2);
  t.true(files.every((f) => /\/2026\/03\/14\/09\/apigw-exec-logs-1-2026-03-14-09-\d\d-\d\d-[0-9a-f-]{36}$/.test(f)));
  const decoded = files.map((f) => readFirehose(readFileSync(f)));
  t.is(decoded[0]?.messageTypes[0], 'CONTROL_MESSAGE');
  t.is(decoded.reduce((n, d) => n + d.events.length, 0), manifest.events);
  t.is(manifest.files, files.length);
});

const SIZES: { name: string; input: string; expected: number }[] = [
  { name: 'decimal megabytes', input: '200MB', expected: 200_000_000 },
  { name: 'binary gibibytes', input: '1.5GiB', expected: 1.5 * 1024 ** 3 },
  { name: 'plain bytes', input: '1000', expected: 1000 },
  { name: 'case and spaces', input: ' 16 mb ', expected: 16_000_000 },
];
for (const { name, input, expected } of SIZES) {
  test(`parseSize: ${name}`, (t) => {
    t.is(parseSize(input), expected);
  });
}

test('parseSize: bad sizes throw a TypeError naming the option', (t) => {
  for (const bad of ['', 'MB', '-1MB', '12 parsecs']) t.throws(() => parseSize(bad), { instanceOf: TypeError, message: /size/ });
});

test('createEventHeap: pops by time, then by arrival among equal times', (t) => {
  const heap = createEventHeap();
  const times = [5, 1, 9, 1, 3, 7, 3, 0, 8, 2];
  times.forEach((time, seq) => heap.push({ time, seq, events: [], next: 0, stream: 0 }));
  const popped: [number, number][] = [];
  for (let o = heap.pop(); o !== undefined; o = heap.pop()) popped.push([o.time, o.seq]);
  t.deepEqual(popped, [[0, 7], [1, 1], [1, 3], [2, 9], [3, 4], [3, 6], [5, 0], [7, 5], [8, 8], [9, 2]]);
  t.is(heap.size, 0);
});
