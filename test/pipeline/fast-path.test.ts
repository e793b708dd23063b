/**
 * The pipeline's step reads the big containers on a fast path (events handed over as bytes, lines made strings
 * only where a rule reads them: see event-sink.ts, extract-open-trace.ts). It must give exactly what the public,
 * general stages give: decodeChunks → createReassembler → extractTrace → slimTrace. These tests run both on
 * generated archives, plain and with hostile lines mixed in, and compare every trace, counter and diagnostic.
 */
import test, { type ExecutionContext } from 'ava';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { generateArchive } from '../../benchmarks/lib/generate-archive.js';
import { decodeChunks } from '../../src/decode/index.js';
import { extractTrace } from '../../src/extract/index.js';
import { slimTrace } from '../../src/extract/slim-trace.js';
import { runStep } from '../../src/pipeline/run-step.js';
import { createReassembler } from '../../src/reassemble/index.js';
import { createSummaryParts } from '../../src/summary/index.js';
import type { Diagnostic, InputFormat, RawTrace } from '../../src/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'trace403-fast-path-'));
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

function* chunksOf(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(at + size, bytes.length));
}
async function* asAsync(chunks: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* chunks;
}

/**
 * The diagnostics themselves, every field (severity included), in a stable order: the two ways interleave decoding
 * and reassembly differently, so only their order may differ. The sort key is every field, so equal keys are equal
 * diagnostics and the order of ties cannot matter.
 */
const inOrder = (list: Diagnostic[]): Diagnostic[] => {
  const key = (d: Diagnostic): string => JSON.stringify([d.code, d.severity, d.message, d.source]);
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
};

/**
 * Exact equality, as node:util's isDeepStrictEqual has it: NaN, -0, `undefined` fields, holes and prototypes all
 * count (a JSON round trip would have made NaN and Infinity null and dropped `undefined`). ava's deepEqual runs
 * only when they differ, for its diff: it forgives a hole against `undefined` (slim traces are sparse), and it took
 * ~90 ms per comparison where isDeepStrictEqual took ~6.
 */
function same(t: ExecutionContext, actual: unknown, expected: unknown, label: string): void {
  if (isDeepStrictEqual(actual, expected)) {
    t.pass(label);
    return;
  }
  t.deepEqual(actual, expected, label); // throws, with the diff
  t.fail(`${label}: equal to ava, not to isDeepStrictEqual (a hole against undefined? a prototype?)`);
}

async function general(bytes: Buffer, size: number, file: string, format: InputFormat | 'auto', logStream?: string) {
  const diagnostics: Diagnostic[] = [];
  const onDiagnostic = (d: Diagnostic): void => void diagnostics.push(d);
  const reassembler = createReassembler({ onDiagnostic });
  const raws: RawTrace[] = [];
  const batches = decodeChunks(asAsync(chunksOf(bytes, size)), { file, format, onDiagnostic, ...(logStream === undefined ? {} : { logStream }) });
  let decoded;
  for (;;) {
    const next = await batches.next();
    if (next.done) {
      decoded = next.value;
      break;
    }
    raws.push(...reassembler.push(next.value));
  }
  raws.push(...reassembler.flush());
  return {
    traces: raws.map((raw) => slimTrace(extractTrace(raw))).sort(byId),
    decoded: { events: decoded.events, malformed: decoded.malformed },
    reassembled: { ...reassembler.stats },
    diagnostics: inOrder(diagnostics),
  };
}

async function fast(bytes: Buffer, size: number, file: string, format: InputFormat | 'auto', logStream?: string) {
  const parts = createSummaryParts();
  const diagnostics: Diagnostic[] = [];
  const traces = [];
  const input = { file, ...(logStream === undefined ? {} : { logStream }) };
  const step = runStep(asAsync(chunksOf(bytes, size)), input, { format }, parts, false);
  for (;;) {
    const next = await step.next();
    if (next.done) break;
    traces.push(...next.value.traces);
    diagnostics.push(...next.value.diagnostics);
  }
  return {
    traces: traces.sort(byId),
    decoded: { ...parts.decoded },
    reassembled: { ...parts.reassembled },
    diagnostics: inOrder(diagnostics),
  };
}

/** {@link mutate} for the `"message": ` lines only. */
function mutateMessages(text: string, every: number, changes: ((line: string) => string)[]): string {
  let k = 0;
  let n = 0;
  return text
    .split('\n')
    .map((line) => (line.includes('"message": "(') && n++ % every === every - 1 ? changes[k++ % changes.length]!(line) : line))
    .join('\n');
}

const byId = (a: { requestId: string }, b: { requestId: string }): number => (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0);

/** A line-by-line mutator, seeded: every `every`-th line gets the next hostile change. */
function mutate(text: string, every: number, changes: ((line: string) => string)[]): string {
  let k = 0;
  return text
    .split('\n')
    .map((line, i) => (i % every === every - 1 && line.length > 0 ? changes[k++ % changes.length]!(line) : line))
    .join('\n');
}

/** Changes a JSON event line could suffer, each read differently by some rule of the general way. */
const JSON_CHANGES: ((line: string) => string)[] = [
  (l) => l.replace('"message":"(', '"message":"(é'), // non-ASCII inside the id
  (l) => l.replace(') ', ') caf\u00e9 '), // non-ASCII in the text
  (l) => l.replace(') ', ') \\u001b[31m'), // an escaped ESC: ANSI stripped after unescaping
  (l) => l.replace(') ', ') \\x'), // an invalid escape: malformed
  (l) => l.replace(') ', ') \t'), // a raw tab inside the message
  (l) => l.replace(') ', ') \\"quoted\\" '), // escapes after the prefix
  (l) => l.replace('"message":"(', '"message":"\\u0028'), // the prefix itself escaped
  (l) => `${l}\r`, // a CRLF line end
  (l) => `${l}\n${l}`, // the same event twice
  (l) => l.slice(0, l.length >> 1), // cut in the middle
  (l) => l.replace(/"timestamp":\d+,/, ''), // no timestamp
  (l) => l.replace('"logStreamName":"', '"logStreamName":"\\u0061'), // an escaped stream name
  (l) => l.replace(') ', ') Method completed with status: 200 '), // a terminal line made
  (l) => l.replace(') ', ') Unauthorized\\n'), // a bare Unauthorized with an escaped blank after it
  (l) => `  ${l}  `, // whitespace around the object
];

/** The same for the message lines of a pretty-printed filter-log-events document. */
const DOCUMENT_CHANGES: ((line: string) => string)[] = [
  (l) => l.replace('"message": "(', '"message": "(é'),
  (l) => l.replace(') ', ') caf\u00e9 '),
  (l) => l.replace(') ', ') \\u001b[31m'),
  (l) => l.replace(') ', ') \\x'),
  (l) => l.replace(') ', ') \t'),
  (l) => l.replace(') ', ') \n'), // a raw line break inside the string: not JSON
  (l) => l.replace(') ', ') \\"quoted\\" '),
  (l) => l.replace('"message": "(', '"message": "\\u0028'),
  (l) => `${l}\r`,
  (l) => l.replace(') ', ') Method completed with status: 200 '),
];

const S3_CHANGES: ((line: string) => string)[] = [
  (l) => l.replace(') ', ') caf\u00e9 '),
  (l) => l.replace(') ', ') \u001b[31mred\u001b[0m '),
  (l) => l.replace('Z (', '+00:00 ('), // another zone form
  (l) => l.replace(/\.\d{3}Z/, 'Z'), // no fraction
  (l) => l.replace(/T\d\d/, 'T25'), // an impossible hour
  (l) => `${l}\r`,
  (l) => `${l}\n${l}`,
  (l) => `${l}\n  continued on a line of its own`,
  (l) => l.replace(' (', ' '), // no prefix
  (l) => `${l}\n`, // a blank line after it
];

for (const form of ['ndjson', 'filter-log-events', 's3-gz'] as const) {
  for (const hostile of [false, true]) {
    test(`${form}${hostile ? ' with hostile lines' : ''}: the fast step gives what the general stages give`, async (t) => {
      const out = join(tmp, `${form}-${hostile}`);
      await generateArchive({ form, out, targetBytes: 2_000_000, seed: hostile ? 7 : 42, fileBytes: 700_000 });
      const files: { name: string; bytes: Buffer; stream?: string }[] = [];
      if (form === 's3-gz') {
        const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
        for (const path of walk(out).filter((p) => p.endsWith('.gz'))) {
          const text = gunzipSync(readFileSync(path)).toString('utf8');
          const stream = path.split('/').at(-2);
          files.push({ name: path, bytes: Buffer.from(hostile ? mutate(text, 37, S3_CHANGES) : text), ...(stream === undefined ? {} : { stream }) });
        }
      } else {
        const text = readFileSync(out, 'utf8');
        let changed = text;
        if (hostile && form === 'ndjson') changed = mutate(text, 41, JSON_CHANGES);
        if (hostile && form === 'filter-log-events') changed = mutateMessages(text, 11, DOCUMENT_CHANGES);
        t.true(!hostile || changed !== text);
        files.push({ name: out, bytes: Buffer.from(changed) });
      }
      t.true(files.length > 0);
      for (const { name, bytes, stream } of files) {
        const format: InputFormat | 'auto' = form === 's3-gz' ? 's3-export' : 'auto';
        for (const size of [1 << 20, 4093]) {
          const expected = await general(bytes, size, name, format, stream);
          const actual = await fast(bytes, size, name, format, stream);
          t.true(expected.traces.length > 5, 'a real archive');
          same(t, actual, expected, `${name} in chunks of ${size}`);
        }
      }
    });
  }
}

/** Changes to the message text of a subscription event (the text right after `"message":"`), as in JSON_CHANGES. */
const PAYLOAD_MESSAGE_CHANGES: ((message: string) => string)[] = [
  (m) => m.replace('(', '(é'), // non-ASCII inside the id: this event the general way, the payload still fast
  (m) => m.replace(') ', ') caf\u00e9 '), // non-ASCII in the text
  (m) => m.replace(') ', ') \\u001b[31m'), // an escaped ESC: the whole payload the general way
  (m) => m.replace(') ', ') \\x'), // an invalid escape: the payload is not JSON
  (m) => m.replace(') ', ') \t'), // a raw tab: not JSON either
  (m) => m.replace(') ', ') \u001b[31m'), // a raw ESC: not JSON
  (m) => m.replace(') ', ') \\"quoted\\" '),
  (m) => m.replace('(', '\\u0028'), // the prefix itself escaped
  (m) => m.replace(') ', ') Method completed with status: 200 '),
  (m) => m.replace(') ', ') INVALID-UTF8 '), // made bytes that are not UTF-8 below
];

/** Changes to a whole payload's layout: each sends it the general way, where it must read the same. */
const PAYLOAD_CHANGES: ((payload: string) => string)[] = [
  (p) => p.replace('"logEvents":[', '"logEvents": ['),
  (p) => p.replace('{"id":"', '{"id":"x'),
  (p) => p.replace(/"timestamp":(\d)/, '"timestamp":0$1'), // a leading zero: not JSON
  (p) => p.replace('"subscriptionFilters":[', '"policyLevel":"ACCOUNT_LEVEL_POLICY","subscriptionFilters":['),
  (p) => p.replace('"logGroup":"', '"logGroup":"\\u0061'),
  (p) => p.replace('"}]}', '"},]}'), // a trailing comma: not JSON
  (p) => `${p}\n`,
];

/** One change per payload: a layout change for every fifth, else a change to one of its messages. */
function mutatePayloads(text: string): Buffer {
  const payloads = text.split('}{"messageType"').map((p, i, all) => (i > 0 ? '{"messageType"' : '') + p + (i < all.length - 1 ? '}' : ''));
  const changed = payloads.map((payload, i) => {
    if (i % 5 === 4) return PAYLOAD_CHANGES[((i - 4) / 5) % PAYLOAD_CHANGES.length]!(payload);
    const parts = payload.split('"message":"');
    if (parts.length < 2) return payload;
    const j = 1 + ((i * 7) % (parts.length - 1));
    parts[j] = PAYLOAD_MESSAGE_CHANGES[i % PAYLOAD_MESSAGE_CHANGES.length]!(parts[j]!);
    return parts.join('"message":"');
  });
  const bytes = Buffer.from(changed.join(''));
  // Make the marked bytes invalid UTF-8 (0xff never occurs in it).
  for (let at = bytes.indexOf('INVALID-UTF8'); at >= 0; at = bytes.indexOf('INVALID-UTF8', at)) bytes[at] = 0xff;
  return bytes;
}

for (const hostile of [false, true]) {
  test(`firehose${hostile ? ' with hostile payloads' : ''}: the fast step gives what the general stages give`, async (t) => {
    const out = join(tmp, `firehose-${hostile}`);
    await generateArchive({ form: 'firehose', out, targetBytes: 2_000_000, seed: hostile ? 7 : 42, fileBytes: 700_000 });
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    const paths = walk(out);
    t.true(paths.length > 1);
    let refused = false;
    for (const path of paths) {
      const text = gunzipSync(readFileSync(path)).toString('utf8');
      const bytes = hostile ? mutatePayloads(text) : Buffer.from(text);
      t.true(!hostile || bytes.length !== Buffer.byteLength(text));
      for (const size of [1 << 20, 4093]) {
        const expected = await general(bytes, size, path, 'subscription');
        const actual = await fast(bytes, size, path, 'subscription');
        t.true(expected.traces.length > 5, 'a real archive');
        refused ||= expected.diagnostics.some((d) => d.code === 'MALFORMED_RECORD');
        same(t, actual, expected, `${path} in chunks of ${size}`);
      }
    }
    t.is(refused, hostile, 'hostile payloads include some that are not JSON');
  });
}
