/**
 * The duplicate rule ({@link isSameEvent}: the same event id when both have one, else the same stream and message)
 * is read four ways by the line store: a stored LogEvent or byte line, against a new LogEvent or ByteEvent, with
 * streams and ids still bytes where the decoder left them, escapes undone only where they differ. Each way must
 * answer what isSameEvent answers on the two events as LogEvents.
 */
import test from 'ava';
import fc from 'fast-check';
import { createByteEvent, type ByteEvent } from '../../src/decode/event-sink.js';
import { appendBytes, appendObject, ChunkTable, createTracePool, detachTrace, holdsBytes, holdsEvent } from '../../src/reassemble/open-trace.js';
import { isSameEvent } from '../../src/reassemble/same-event.js';
import type { LogEvent } from '../../src/types.js';
import { T0 } from './helpers.js';

interface Spec {
  text: string;
  /** Each non-prefix character written as `\u00XX` in the raw bytes (a ByteEvent with escapes). */
  escaped: boolean;
  eventId: string | undefined;
  stream: string | undefined;
  /** A ByteEvent's stream as bytes of its chunk (else as a string). */
  streamInBytes: boolean;
  /** As a ByteEvent (else a LogEvent). */
  bytes: boolean;
}

const PREFIX = '(r) ';

/** Values that differ only in their first, middle or last character, or in length: each check must do its part. */
const arbSpec = fc.record({
  text: fc.constantFrom('AB', 'BB', 'AC', 'A', 'Method completed with status: 403', ''),
  escaped: fc.boolean(),
  eventId: fc.constantFrom('11', '21', '12', '1', '', undefined),
  stream: fc.constantFrom('s1', 't1', 's2', 's', '', undefined),
  streamInBytes: fc.boolean(),
  bytes: fc.boolean(),
});

function logEventOf(spec: Spec): LogEvent {
  const event: LogEvent = { timestamp: T0, message: PREFIX + spec.text, source: { file: 'f' } };
  if (spec.stream !== undefined) event.logStream = spec.stream;
  if (spec.eventId !== undefined) event.eventId = spec.eventId;
  return event;
}

/** Text written into one chunk, piece by piece, and the positions of the pieces. */
class ChunkWriter {
  view = '';
  put(text: string): number {
    this.view += `"${text}",`;
    return this.view.length - text.length - 2;
  }
}

/**
 * `spec` as a ByteEvent in `writer`'s chunk (positions only: {@link seal} sets the bytes). With `sharedStream`, its
 * stream points at those bytes (another event's stream in the same record) instead of bytes of its own.
 */
function placeBytes(spec: Spec, writer: ChunkWriter, sharedStream: number): ByteEvent {
  const b = createByteEvent();
  const raw = PREFIX + (spec.escaped ? [...spec.text].map((ch) => `\\u00${ch.charCodeAt(0).toString(16)}`).join('') : spec.text);
  b.start = writer.put(raw);
  b.end = b.start + raw.length;
  b.backslash = raw.indexOf('\\') < 0 ? -1 : b.start + raw.indexOf('\\');
  b.timestamp = T0;
  b.line = 1;
  if (spec.eventId !== undefined) {
    b.idStart = writer.put(spec.eventId);
    b.idEnd = b.idStart + spec.eventId.length;
  }
  if (spec.stream !== undefined && spec.streamInBytes) {
    b.streamStart = sharedStream >= 0 ? sharedStream : writer.put(spec.stream);
    b.streamEnd = b.streamStart + spec.stream.length;
  } else b.logStream = spec.stream;
  return b;
}

function seal(writer: ChunkWriter, events: ByteEvent[]): void {
  const bytes = Buffer.from(writer.view, 'latin1');
  for (const b of events) {
    b.bytes = bytes;
    b.array = bytes;
    b.view = writer.view;
  }
}

test('every way of storing and asking gives the answer of isSameEvent', (t) => {
  fc.assert(
    fc.property(arbSpec, arbSpec, fc.boolean(), fc.boolean(), (a, b, oneChunk, detach) => {
      const expected = isSameEvent(logEventOf(a), logEventOf(b));
      const first = new ChunkWriter();
      const second = oneChunk ? first : new ChunkWriter();
      const stored = a.bytes ? placeBytes(a, first, -1) : null;
      // In one chunk, the same stream can be the same bytes (one stream per record).
      const shared = stored !== null && oneChunk && a.stream === b.stream ? stored.streamStart : -1;
      const asked = b.bytes ? placeBytes(b, second, shared) : null;
      if (oneChunk) seal(first, [stored, asked].filter((e) => e !== null));
      else {
        if (stored !== null) seal(first, [stored]);
        if (asked !== null) seal(second, [asked]);
      }

      const trace = createTracePool().take('r');
      trace.chunks = new ChunkTable();
      if (stored === null) appendObject(trace, logEventOf(a));
      else {
        // The grouper asks before it appends: that fills the event's id digest.
        holdsBytes(trace, stored);
        appendBytes(trace, stored, PREFIX.length, trace.chunks.idOf(stored.bytes));
      }
      // Out of the chunk, into the trace's own store: the same answers.
      if (detach) detachTrace(trace);
      const found = asked === null ? holdsEvent(trace, logEventOf(b)) : holdsBytes(trace, asked);
      return found === expected;
    }),
    { numRuns: 10_000 },
  );
  t.pass();
});
