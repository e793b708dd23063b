/**
 * The `filter-log-events` / `get-log-events` document: `{"events":[{…},{…}],"searchedLogStreams":[],…}`, merged by
 * the CLI into one document that is often gigabytes. Streamed: a byte-level state machine walks the top level,
 * skips every other key's value, and hands each element of `events` to the flat reader; only the element being read
 * is kept in memory.
 * @module
 */
import type { LogEvent } from '../types.js';
import type { ChunkView, ContainerDecoder, DecodeContext } from './decode-context.js';
import { createByteCapture } from './capture-bytes.js';
import { createElementReader } from './read-document-element.js';
import { createValueScan, resetValueScan, scanJsonValue } from './scan-json-value.js';
import { isSpace } from './scan-flat-event.js';

const enum State {
  /** Between documents. */
  Top,
  /** Bytes that are not a document: skipped up to the next `{`. */
  Garbage,
  /** In a document: a key, `,` or the closing `}`. */
  KeyOrEnd,
  /** Reading a key. */
  Key,
  Colon,
  /** A value: the events array, or anything to skip. */
  Value,
  /** Skipping a value. */
  Skip,
  /** In the events array: an element, `,` or `]`. */
  Array,
  /** Reading an element. */
  Element,
  /** Skipping an element not kept: too long, or a value that is not an object. */
  ElementSkip,
  /** After damage: skipped up to the next `{`, read as an event. */
  Resync,
}

/** Keys whose array holds the events (`logEvents` when a subscription payload is read as a document). */
const EVENT_KEYS = new Set(['events', 'logEvents']);
const MAX_KEY_BYTES = 64;

/**
 * `"`, `[`, `-`, a digit, or the first letter of `true`/`false`/`null`: a byte {@link scanJsonValue} can skip a
 * whole value from. (A delimiter such as `}` must never start a scan: a scalar scan would end before it, at once.)
 */
function startsValue(c: number): boolean {
  return c === 34 || c === 91 || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110;
}

/**
 * Create the decoder of an events document. Damage (a cut, a flipped byte) never stops it: each broken element is
 * one MALFORMED_RECORD (byte offset), and reading resumes at the next `{`; an element that is a whole value but
 * not an object (`2`, `"x"`, `null`) is one MALFORMED_RECORD and skipped.
 *
 * @example
 * const decoder = createEventsDocumentDecoder(ctx);
 * decoder.push(Buffer.from('{"events":[{"timestamp":1,"message":"(id) a"}]}'), out); decoder.end(out);
 */
export function createEventsDocumentDecoder(ctx: DecodeContext): ContainerDecoder {
  const file = ctx.file;
  const scan = createValueScan();
  const capture = createByteCapture(ctx.maxRecordBytes);
  const keyCapture = createByteCapture(MAX_KEY_BYTES);
  let state = State.Top;
  let documentStart = 0;
  let sawEvents = false;
  let key = '';
  let base = 0; // offset of the current chunk's first byte in the stream
  let recordOffset = 0;
  let out: LogEvent[] = [];
  const elements = createElementReader(ctx);

  function damaged(at: number, what: string, next: State): State {
    ctx.malformed('MALFORMED_RECORD', what, { file, offset: base + at });
    return next;
  }

  function push(chunk: Buffer): void {
    const length = chunk.length;
    // Decoded once per chunk, for reading elements in place; latin1 keeps one character per byte.
    let view: ChunkView | null = null;
    let p = 0;
    while (p < length) {
      switch (state) {
        case State.Top:
        case State.KeyOrEnd:
        case State.Colon:
        case State.Value:
        case State.Array: {
          const c = chunk[p] as number;
          if (isSpace(c)) {
            p++;
            break;
          }
          if (state === State.Array && c === 123) {
            view ??= ctx.viewOf(chunk);
            const end = elements.readInPlace(chunk, view, p, base + p, out);
            if (end !== -1) {
              p = end;
              break;
            }
          }
          state = step(c, p);
          if (state !== State.Element && state !== State.Key && state !== State.Skip && state !== State.ElementSkip) p++;
          break;
        }
        case State.Garbage:
        case State.Resync: {
          const brace = chunk.indexOf(123, p);
          if (brace === -1) {
            p = length;
            break;
          }
          p = brace;
          if (state === State.Garbage) state = State.Top;
          else {
            state = State.Element;
            startValue(p);
          }
          break;
        }
        case State.Key:
        case State.Skip:
        case State.Element:
        case State.ElementSkip: {
          const end = scanJsonValue(chunk, p, scan);
          if (end === -1) {
            if (state === State.Key && !keyCapture.carry(chunk)) key = '\u0000'; // too long to be one we want
            if (state === State.Element && !capture.carry(chunk)) {
              ctx.malformed('RECORD_TOO_LONG', `Event exceeds ${ctx.maxRecordBytes} bytes`, {
                file,
                offset: recordOffset,
              });
              state = State.ElementSkip;
            }
            p = length;
            break;
          }
          if (state === State.Key) {
            const bytes = keyCapture.finish(chunk, end);
            if (key !== '\u0000') key = bytes === null ? '' : bytes.toString('latin1', 1, bytes.length - 1);
            state = State.Colon;
          } else if (state === State.Element) {
            const bytes = capture.finish(chunk, end);
            if (bytes === null) {
              ctx.malformed('RECORD_TOO_LONG', `Event exceeds ${ctx.maxRecordBytes} bytes`, {
                file,
                offset: recordOffset,
              });
            } else elements.read(bytes, recordOffset, out);
            state = State.Array;
          } else state = state === State.Skip ? State.KeyOrEnd : State.Array;
          p = end;
          break;
        }
      }
    }
    base += length;
  }

  function startValue(at: number): void {
    resetValueScan(scan);
    recordOffset = base + at;
    capture.begin(at);
  }

  /** One structural byte at `p`: the next state. Element, Key and Skip start at `p` itself. */
  function step(c: number, p: number): State {
    switch (state) {
      case State.Top:
        if (c === 123) {
          documentStart = base + p;
          sawEvents = false;
          return State.KeyOrEnd;
        }
        if (c === 0xef || c === 0xbb || c === 0xbf) return State.Top; // a stray byte-order mark
        return damaged(p, 'Unexpected data outside the document', State.Garbage);
      case State.KeyOrEnd:
        if (c === 44) return State.KeyOrEnd;
        if (c === 125) {
          // A document with no events array (an event object read as a document, say) must not vanish silently.
          if (!sawEvents) ctx.malformed('MALFORMED_RECORD', 'Document has no events array', { file, offset: documentStart });
          return State.Top;
        }
        if (c === 34) {
          resetValueScan(scan);
          keyCapture.begin(p);
          key = '';
          return State.Key;
        }
        return damaged(p, 'Unexpected byte where a key was expected', State.Resync);
      case State.Colon:
        if (c === 58) return State.Value;
        return damaged(p, 'Unexpected byte after a key', State.Resync);
      case State.Value:
        if (c === 91 && EVENT_KEYS.has(key)) {
          sawEvents = true;
          return State.Array;
        }
        resetValueScan(scan);
        return State.Skip;
      case State.Array:
        if (c === 44) return State.Array;
        if (c === 93) return State.KeyOrEnd;
        if (c === 123) {
          startValue(p);
          return State.Element;
        }
        // A whole value that is not an object (`2`, `"x"`, `[…]`, `null`) is skipped as one value, so reading goes on
        // at its `,` or `]`. Resyncing to the next `{` instead would skip the array's `]` and, with no event after
        // the value, leave the decoder mid-document at the end (a false TRUNCATED_INPUT on a complete document).
        // Any other byte is damage: resync.
        if (startsValue(c)) resetValueScan(scan);
        return damaged(p, 'Element of events is not an object', startsValue(c) ? State.ElementSkip : State.Resync);
      default:
        return state;
    }
  }

  return {
    keepsChunks: ctx.takesBytes,
    push(chunk, target) {
      out = target;
      push(chunk);
    },
    end(target) {
      out = target;
      const source = { file, offset: base };
      if (state === State.Element) {
        ctx.malformed('MALFORMED_RECORD', 'Event cut off by the end of input', { file, offset: recordOffset });
      }
      if (state !== State.Top && state !== State.Garbage) {
        ctx.report('TRUNCATED_INPUT', 'error', 'Document ends mid-way; the complete events before the cut are kept', source);
      }
      capture.clear();
      state = State.Top;
    },
  };
}
