/**
 * Turn one element of an events array into an event: in place when it is flat and whole in the chunk (the fast
 * path), else from its captured bytes (flat reader, then `JSON.parse`).
 * @module
 */
import { isUtf8 } from 'node:buffer';
import type { LogEvent, SourcePosition } from '../types.js';
import { appendObjectEvents } from './append-object-events.js';
import type { ChunkView, DecodeContext } from './decode-context.js';
import { createByteEvent } from './event-sink.js';
import { indentedLayout, readAwsEvent } from './read-aws-event.js';
import { fillFlatByteEvent } from './read-flat-bytes.js';
import { materializeFlatEvent, readFlatEvent } from './read-flat-event.js';
import { scanFlatEvent } from './scan-flat-event.js';

/** Reads elements for the events-document decoder. */
export interface ElementReader {
  /**
   * The fast path: an element that is flat and lies wholly in `chunk` is read from the chunk's latin1 view
   * (positions are byte positions), and only its fields are decoded, as fresh UTF-8 strings that keep no chunk
   * alive; when the context takes ByteEvents, a plain one (see fillFlatByteEvent) is handed over as one, no string
   * made. Returns the index after the element, or -1 to take the general path (it spans chunks, is not flat, or is
   * over the size cap, which the general path reports).
   */
  readInPlace(chunk: Buffer, view: ChunkView, at: number, offset: number, out: LogEvent[]): number;
  /** The general path, on an element's bytes. */
  read(bytes: Buffer, offset: number, out: LogEvent[]): void;
}

/**
 * Create the element reader of one decoder.
 *
 * @example
 * const elements = createElementReader(ctx);
 * elements.read(Buffer.from('{"timestamp":1,"message":"a"}'), 0, out);
 */
export function createElementReader(ctx: DecodeContext): ElementReader {
  const file = ctx.file;
  const fast = ctx.takesBytes;
  const event = createByteEvent();
  

  /**
   * readAwsEvent for an element at `at` (a `{`, at byte `offset`), its layout learned from the spaces before its
   * first key (the AWS CLI's indent is 12): indentedLayout keeps one per indent, compiled once.
   */
  function readInLayout(chunk: Buffer, view: ChunkView, at: number, offset: number): number {
    const text = view.text;
    if (text.charCodeAt(at + 1) !== 10) return -1;
    let k = at + 2;
    while (text.charCodeAt(k) === 32 && k - at < 64) k++;
        return readAwsEvent(ctx, chunk, view, at, text.length, indentedLayout(k - at - 2), event, -1, offset);
  }

  /**
   * INVALID_UTF8 when an event made from `bytes[start, end)` holds U+FFFD and those bytes are not valid UTF-8 (a
   * literal U+FFFD is valid). Judged on the events, not the raw element, so both paths report alike.
   */
  function checkUtf8(bytes: Buffer, start: number, end: number, out: LogEvent[], first: number, source: SourcePosition) {
    for (let i = first; i < out.length; i++) {
      const e = out[i] as LogEvent;
      if (
        e.message.indexOf('\ufffd') !== -1 ||
        (e.logStream?.indexOf('\ufffd') ?? -1) !== -1 ||
        (e.eventId?.indexOf('\ufffd') ?? -1) !== -1 ||
        (e.logGroup?.indexOf('\ufffd') ?? -1) !== -1
      ) {
        if (!isUtf8(bytes.subarray(start, end))) {
          ctx.report('INVALID_UTF8', 'warning', 'Bytes that are not valid UTF-8 were replaced with U+FFFD', source);
        }
        return;
      }
    }
  }

  return {
    readInPlace(chunk, view, at, offset, out) {
      if (fast) {
        const after = readInLayout(chunk, view, at, offset);
        if (after >= 0 && after - at <= ctx.maxRecordBytes) {
          ctx.emitBytes(event);
          return after;
        }
      }
      const text = view.text;
      const end = scanFlatEvent(text, at, text.length);
      if (end < 0 || end - at > ctx.maxRecordBytes) return -1;
      if (fast && fillFlatByteEvent(ctx, chunk, view, at, end, event, -1, offset)) {
        ctx.emitBytes(event);
        return end;
      }
      const flat = materializeFlatEvent(text, chunk);
      if (flat === null) return -1;
      const source = { file, offset };
      const first = out.length;
      ctx.emit(out, flat.timestamp, flat.message as string, source, flat.logStream, flat.logGroup, flat.eventId);
      checkUtf8(chunk, at, end, out, first, source);
      return end;
    },
    read(bytes, offset, out) {
      const source = { file, offset };
      const first = out.length;
      const text = bytes.toString('utf8');
      const flat = readFlatEvent(text);
      if (flat !== null) {
        ctx.emit(out, flat.timestamp, flat.message as string, source, flat.logStream, flat.logGroup, flat.eventId);
      } else {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          ctx.malformed('MALFORMED_RECORD', 'Event at this offset is not valid JSON', source);
          return;
        }
        appendObjectEvents(value, text, ctx, source, out);
      }
      checkUtf8(bytes, 0, bytes.length, out, first, source);
    },
  };
}
