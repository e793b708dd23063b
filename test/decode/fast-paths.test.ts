/**
 * The byte fast paths of the decoders (event-sink.ts, read-aws-event.ts, read-data-message.ts,
 * join-continuations.ts) on hostile and edge-case input: they must never throw, must refuse what they cannot read
 * (the general way then gives what `JSON.parse` gives), must take the fast path where they can, and must let go of
 * the chunk they point into once an event is handed over.
 */
import test from 'ava';
import { createDecoder } from '../../src/decode/create-decoder.js';
import { createDecodeContext, type DecodeContext } from '../../src/decode/decode-context.js';
import { createByteEvent, createViewMarks, readEscapedString, type ByteEvent, type EventSink } from '../../src/decode/event-sink.js';
import { indentedLayout, readAwsEvent } from '../../src/decode/read-aws-event.js';
import { isBlank, readDigits } from '../../src/decode/scan-flat-event.js';
import type { InputFormat, LogEvent } from '../../src/types.js';

/** A sink that keeps copies of the ByteEvents (their message unescaped) and the LogEvents it is given. */
function recordingSink() {
  const bytes: { message: string; timestamp: number; eventId: string | undefined; logStream: string | undefined; logGroup: string | undefined }[] = [];
  const events: LogEvent[] = [];
  let last: ByteEvent | null = null;
  const sink: EventSink = {
    event: (e) => void events.push(e),
    bytes: (e) => {
      last = e;
      const raw = e.view.slice(e.start, e.end);
      bytes.push({
        message: e.backslash === -1 ? raw : (JSON.parse(`"${raw}"`) as string),
        timestamp: e.timestamp,
        eventId: e.idStart === -1 ? undefined : e.view.slice(e.idStart, e.idEnd),
        logStream: e.logStream ?? (e.streamStart === -1 ? undefined : e.view.slice(e.streamStart, e.streamEnd)),
        logGroup: e.logGroup,
      });
    },
  };
  return { sink, bytes, events, last: () => last };
}

function decodeWithSink(input: Buffer, format: InputFormat, maxRecordBytes = 1 << 26) {
  const recorded = recordingSink();
  const decoder = createDecoder({ file: 'input', format, maxRecordBytes }, recorded.sink);
  decoder.push(input);
  decoder.end();
  return { ...recorded, stats: decoder.stats };
}

function byteContext(): DecodeContext {
  return createDecodeContext({
    sink: recordingSink().sink,
    file: 'input',
    logGroup: undefined,
    logStream: undefined,
    maxRecordBytes: 1 << 26,
    onDiagnostic: undefined,
    onFormat: () => {},
  });
}

test('readEscapedString: the closing quote of a short escaped string far before the limit', (t) => {
  const s = `"a\\"b\\\\"` + ' '.repeat(200_000) + '"tail"';
  t.is(readEscapedString(s, 1, s.length), 7);
  t.is(readEscapedString(s, 1, 8), 7);
  t.is(readEscapedString(s, 1, 7), -1, 'a quote at the limit is past it');
});

test('readEscapedString: a 12 MB escaped string is refused, not a RangeError, whatever the limit', (t) => {
  for (const body of ['a'.repeat(12_000_000) + '\\n', '\\u0041'.repeat(2_000_000)]) {
    const s = `"${body}"`;
    for (const limit of [100, 70_000, s.length]) {
      let end: number | undefined;
      t.notThrows(() => {
        end = readEscapedString(s, 1, limit);
      });
      t.is(end, -1);
    }
  }
});

test('readEscapedString: a string of exactly its maximum is read, one longer is not', (t) => {
  const max = 64 * 1024;
  const at = (n: number) => `"\\n${'a'.repeat(n - 2)}"`;
  t.is(readEscapedString(at(max), 1, at(max).length), max + 1);
  t.is(readEscapedString(at(max + 1), 1, at(max + 1).length), -1);
});

test('readEscapedString: refuses invalid escapes, escaped ESC, raw controls and an unterminated string', (t) => {
  for (const s of ['"a\\x"', '"\\u001b[0m"', '"\\u001B"', '"a\u0001\\n"', '"a\\n', '"\\u12"']) {
    t.is(readEscapedString(s, 1, s.length), -1, JSON.stringify(s));
  }
  t.is(readEscapedString('"\\u001a\\/"', 1, 10), 9);
});

/** `JSON.stringify(doc, null, 4)` of an events document, as `aws logs filter-log-events` prints it. */
function indentedDocument(count: number, message: (k: number) => string): string {
  const events = Array.from({ length: count }, (_, k) => ({
    logStreamName: 'stream',
    timestamp: 1708734543163 + k,
    message: message(k),
    ingestionTime: 1708734544000 + k,
    eventId: String(37000000000000000000 + k * 1000),
  }));
  return JSON.stringify({ events, searchedLogStreams: [] }, null, 4);
}

test('an escaped element anywhere in a 256 KiB chunk takes the layout fast path', (t) => {
  const text = indentedDocument(950, (k) => `(req-${k}) Endpoint response body: {"message":"Unauthorized","n":${k}}`);
  t.true(text.length > 256 * 1024);
  const chunk = Buffer.from(text);
  const ctx = byteContext();
  const view = ctx.viewOf(chunk);
  const event = createByteEvent();
  const parsed = (JSON.parse(text) as { events: { message: string; timestamp: number; eventId: string }[] }).events;
  let at = text.indexOf('{\n            "logStreamName"');
  let k = 0;
  for (; at !== -1; k++) {
    const after = readAwsEvent(ctx, chunk, view, at, text.length, indentedLayout(12), event, -1, at);
    t.true(after > at, `element ${k} (${text.length - at} bytes before the chunk end) is read in place`);
    t.is(JSON.parse(`"${text.slice(event.start, event.end)}"`), parsed[k]!.message);
    t.is(event.timestamp, parsed[k]!.timestamp);
    t.is(text.slice(event.idStart, event.idEnd), parsed[k]!.eventId);
    t.is(event.offset, at);
    at = text.indexOf('{\n            "logStreamName"', after);
  }
  t.is(k, 950);
});

test('indentedLayout: one layout per indent, made once', (t) => {
  t.is(indentedLayout(8), indentedLayout(8));
  t.is(indentedLayout(12), indentedLayout(12));
  t.not(indentedLayout(8), indentedLayout(12));
});

test('a document whose elements alternate indents decodes as JSON.parse reads it, on the fast path', (t) => {
  const one = (indent: number, k: number) =>
    JSON.stringify({ events: [{ logStreamName: 's', timestamp: k, message: `(r${k}) a\tb`, ingestionTime: 1, eventId: String(k + 10) }] }, null, indent)
      .replace(/^\{\s*"events": \[\s*/, '')
      .replace(/\s*\]\s*\}$/, '');
  const elements = Array.from({ length: 20 }, (_, k) => one(k % 2 === 0 ? 4 : 2, k));
  const input = `{\n    "events": [\n        ${elements.join(',\n        ')}\n    ]\n}`;
  const expected = (JSON.parse(input) as { events: { message: string }[] }).events.map((e) => e.message);
  const { bytes, events } = decodeWithSink(Buffer.from(input), 'filter-log-events');
  t.deepEqual(events, []);
  t.deepEqual(bytes.map((e) => e.message), expected);
});

interface PayloadEvent {
  id: string;
  timestamp: number;
  message: string;
}

function payload(filters: string[], logEvents: PayloadEvent[]): string {
  return JSON.stringify({ messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: 'API-Gateway-Execution-Logs_abc/prod', logStream: 'stream-1', subscriptionFilters: filters, logEvents });
}

const EVENTS: PayloadEvent[] = [
  { id: '37000000000000000000000001', timestamp: 1708734543163, message: '(r1) Starting execution for request: r1' },
  { id: '37000000000000000000000002', timestamp: 1708734543170, message: '(r1) Endpoint response body: {"a":"\\u00e9\\n"}' },
];

/** The events `JSON.parse` finds in the payload, as the sink records them. */
function parsedEvents(text: string) {
  const value = JSON.parse(text) as { logGroup: string; logStream: string; logEvents: PayloadEvent[] };
  return value.logEvents.map((e) => ({ message: e.message, timestamp: e.timestamp, eventId: e.id, logStream: value.logStream, logGroup: value.logGroup }));
}

test('a payload with 1 or 2 subscription filters takes the fast path, with the ids, times and messages JSON.parse reads', (t) => {
  for (const filters of [[], ['f1'], ['f1', 'f2']]) {
    const text = payload(filters, EVENTS);
    const { bytes, events } = decodeWithSink(Buffer.from(text), 'subscription');
    t.deepEqual(events, [], `${filters.length} filters`);
    t.deepEqual(bytes, parsedEvents(text));
  }
});

for (const count of [3, 1_000_000]) {
  test(`a payload with ${count} subscription filters goes the general way, without throwing, with JSON.parse's events`, (t) => {
    const text = payload(Array.from({ length: count }, (_, k) => `f${k % 10}`), EVENTS);
    let decoded: ReturnType<typeof decodeWithSink> | undefined;
    t.notThrows(() => {
      decoded = decodeWithSink(Buffer.from(text), 'subscription');
    });
    if (decoded === undefined) return;
    t.deepEqual(decoded.bytes, [], 'no event taken the fast way');
    t.deepEqual(
      decoded.events.map((e) => ({ message: e.message, timestamp: e.timestamp, eventId: e.eventId, logStream: e.logStream, logGroup: e.logGroup })),
      parsedEvents(text),
    );
  });
}

test('a payload whose escaped message is longer than the escaped-string maximum goes the general way', (t) => {
  const long = [{ id: '1', timestamp: 5, message: `(r) ${'x\n'.repeat(40_000)}` }];
  const text = payload(['f'], long);
  const { bytes, events } = decodeWithSink(Buffer.from(text), 'subscription');
  t.deepEqual(bytes, []);
  t.deepEqual(events.map((e) => e.message), [long[0]!.message]);
});

test('the text joiner lets go of the chunk once its held span is handed over or made a LogEvent', (t) => {
  const lines = (last: string) => Buffer.from(`2024-02-24T00:29:03.163Z (r1) one\n2024-02-24T00:29:03.164Z (r1) two\n${last}`);
  for (const [last, count] of [['2024-02-24T00:29:03.165Z (r1) three\n', 3], ['a continuation line\n', 2]] as const) {
    const { bytes, events, last: held } = decodeWithSink(lines(last), 's3-export');
    t.true(bytes.length >= 1);
    const span = held();
    if (span === null) return t.fail('no ByteEvent');
    t.is(span.bytes.length, 0, 'its buffer');
    t.is(span.array.length, 0, 'its array');
    t.is(span.view, '', 'its latin1 view');
    t.is(bytes.length + events.length, count);
  }
});

test('ViewMarks.ascii says whether the whole buffer is ASCII', (t) => {
  t.true(createViewMarks(Buffer.from('plain'), 'plain').ascii);
  const bytes = Buffer.from('caf\u00e9');
  t.false(createViewMarks(bytes, bytes.toString('latin1')).ascii);
});

test('readDigits reads up to 15 digits exactly; isBlank takes JSON whitespace only', (t) => {
  t.is(readDigits('x:1708734543163,', 2, 15), 1708734543163);
  t.is(readDigits('999999999999999', 0, 15), 999999999999999);
  t.is(readDigits('0', 0, 1), 0);
  t.is(readDigits('42', 0, 2), 42);
  t.true(isBlank('{} \t\r\n', 2, 6));
  t.true(isBlank('{}', 2, 2));
  t.false(isBlank('{} \u00a0', 2, 4));
  t.false(isBlank('{} x', 2, 4));
});

/**
 * Numbers the way JSON.parse takes them. The fast readers match digits with their own expressions and loops; a
 * line JSON.parse refuses (`0123`, `1.`, `1e`, `--1`) was an event on the fast path and a malformed record on the
 * general one, so the same export counted differently by where a chunk boundary fell. In every container and every
 * numeric field, an event iff JSON.parse accepts the text, else one malformed record.
 */
const NUMBERS = ['0', '-0', '7', '1708734543163', '1.5', '-1', '1e5', '1E+2', '0.25', '0123', '00', '1.', '01.5', '1e', '--1', '-', '+1', '.5', '1.5.5', '0x10'];
const EVENT_SHAPES: ((n: string) => string)[] = [
  (n) => `{"logStreamName":"s","timestamp":${n},"message":"(r1) a","ingestionTime":1,"eventId":"1"}`,
  (n) => `{"logStreamName":"s","timestamp":1,"message":"(r1) a","ingestionTime":${n},"eventId":"1"}`,
  (n) => `{"timestamp":${n},"message":"(r1) a"}`,
  (n) => `{"timestamp":1,"message":"(r1) a","other":${n}}`,
  // CloudWatch's subscription layout: the only shape readDataMessage takes in place.
  (n) => `{"id":"37000000000000000000000001","timestamp":${n},"message":"(r1) a"}`,
];
const CONTAINERS: [InputFormat, (event: string) => string][] = [
  ['ndjson', (e) => `${e}\n`],
  ['filter-log-events', (e) => `{"events":[${e}],"searchedLogStreams":[]}`],
  ['filter-log-events', (e) => `{\n    "events": [\n        ${e.replaceAll('":', '": ').replaceAll(',"', ',\n            "')}\n    ]\n}\n`],
  ['subscription', (e) => `{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"g","logStream":"s","subscriptionFilters":[],"logEvents":[${e.replace('"logStreamName":"s"', '"id":"1"')}]}`],
];

test('a number JSON.parse refuses makes the event malformed on every path; one it takes is read as JSON.parse reads it', (t) => {
  for (const [format, wrap] of CONTAINERS) {
    for (const shape of EVENT_SHAPES) {
      for (const n of NUMBERS) {
        const text = wrap(shape(n));
        let parsed: unknown;
        try {
          parsed = JSON.parse(format === 'ndjson' ? text.trim() : text);
        } catch {
          parsed = undefined;
        }
        const { bytes, events, stats } = decodeWithSink(Buffer.from(text), format);
        const timestamps = [...bytes.map((e) => e.timestamp), ...events.map((e) => e.timestamp)];
        const label = `${format} ${JSON.stringify(text.slice(0, 90))}`;
        if (parsed === undefined) {
          t.deepEqual(timestamps, [], label);
          t.is(stats.malformed, 1, label);
        } else {
          t.is(stats.malformed, 0, label);
          t.is(timestamps.length, 1, label);
          const inTimestamp = shape !== EVENT_SHAPES[1] && shape !== EVENT_SHAPES[3];
          if (format === 'subscription' && shape === EVENT_SHAPES[4] && /^(?:0|[1-9]\d*)$/.test(n)) {
            t.is(bytes.length, 1, `${label}: read in place (readDataMessage)`);
          }
          if (!inTimestamp) t.is(timestamps[0], 1, label);
          else if (/^(?:0|[1-9]\d*)$/.test(n)) t.is(timestamps[0], Number(n), label);
        }
      }
    }
  }
});
