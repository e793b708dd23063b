/**
 * The fast path of subscription payloads (Firehose objects, a Lambda subscriber's decoded `awslogs.data`): a
 * `DATA_MESSAGE` in exactly the layout CloudWatch Logs writes, read in place, its events handed over as
 * {@link ByteEvent}s with no string made of their messages.
 *
 * Why: parsed with `JSON.parse`, every event of a payload became a LogEvent with its message as a string, and
 * the events of open requests outlive young-generation collections: on 200 MB of Firehose objects the collector
 * ran 43 full collections (0.75 s of pauses, 1.4 s in all) where NDJSON, read in place, needed a few.
 *
 * The layout, as CloudWatch Logs documents and writes it:
 * `{"messageType":"DATA_MESSAGE","owner":"…","logGroup":"…","logStream":"…","subscriptionFilters":["…"],`
 * `"logEvents":[{"id":"<digits>","timestamp":<digits>,"message":"…"},…]}`. A payload in any other shape (another
 * key order, spacing, an escaped name, a raw control character anywhere, invalid UTF-8, an escape the fast
 * readers refuse) is read the general way, whole; nothing of it has been emitted by then, so both ways give the
 * same events and diagnostics.
 * @module
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { LogEvent, SourcePosition } from '../types.js';
import { appendEvent } from './append-object-events.js';
import type { DecodeContext } from './decode-context.js';
import { decodeUtf8 } from './decode-utf8.js';
import { createByteEvent, readEscapedString, setByteMessage } from './event-sink.js';
import { readDigits } from './scan-flat-event.js';

/** A name: no quote, no backslash (an escaped name goes the general way). */
const NAME = '[^"\\\\]*';

/**
 * From `{` to the first event's `{` (or the `]` of an empty list). Literals around simple runs, no captures (a
 * capture would slice the payload's view and keep it alive), no repeated group: linear on any input, and its
 * backtrack stack stays small. So at most 2 subscription filters (real payloads name one or two): a repeated group
 * over a list of millions of names overflowed the regex stack; a longer list goes the general way.
 */
const HEAD = new RegExp(
  `\\{"messageType":"DATA_MESSAGE","owner":"${NAME}","logGroup":"${NAME}","logStream":"${NAME}",` +
    `"subscriptionFilters":\\[(?:"${NAME}"(?:,"${NAME}")?)?\\],"logEvents":\\[`,
  'y',
);
/** From an event's `{` to its message's first character. A timestamp is JSON's integer: no leading zero. */
const EVENT_HEAD = /\{"id":"\d+","timestamp":(?:0|[1-9]\d{0,14}),"message":"/y;
/** Any raw control character: JSON strings cannot hold one, and this layout has no whitespace. */
const CONTROL = /[\u0000-\u001f]/;

const GROUP_KEY = '","logGroup":"';
const STREAM_KEY = '","logStream":"';
const FILTERS_KEY = '","subscriptionFilters":[';
const MESSAGE_KEY = ',"message":"';
/** What EVENT_HEAD matched between the id's closing quote and the timestamp's first digit. */
const TIMESTAMP_KEY = '","timestamp":';
/** `{"id":"`: what EVENT_HEAD matched before the id's first digit. */
const ID_OFFSET = 7;

/** Positions of one event, found in the first pass (6 numbers per event; see {@link Slot}). */
const enum Slot {
  IdStart,
  IdEnd,
  MessageStart,
  MessageEnd,
  Backslash,
  Timestamp,
  Stride,
}

/** What the first pass found, reused across payloads. */
let found = new Float64Array(Slot.Stride * 1024);
/** Events that are not ASCII, parsed in the first pass (by index); most payloads have none. */
const parsed = new Map<number, Record<string, unknown>>();
const event = createByteEvent();

/**
 * Reads the payload `bytes` (a whole JSON value, at `source`) if it is a `DATA_MESSAGE` in the layout above: emits
 * its events through `ctx` and returns true. Returns false, having emitted nothing, for the general way. Only
 * for a context that takes ByteEvents.
 * @example
 * if (!readDataMessage(ctx, payload, { file, offset }, out)) appendObjectEvents(JSON.parse(text), text, ctx, source, out);
 */
export function readDataMessage(ctx: DecodeContext, bytes: Buffer, source: SourcePosition, out: LogEvent[]): boolean {
  // Cheap refusals first, on the bytes: the first key, then (in one native pass each, the view's marks asking
  // `isAscii` once for both) the encoding.
  if (bytes.length < 64 || bytes[2] !== 0x6d /* m of messageType */) return false;
  const view = ctx.viewOf(bytes);
  const ascii = view.marks.ascii;
  if (!ascii && !isUtf8(bytes)) return false;
  const s = view.text;
  if (CONTROL.test(s)) return false;
  HEAD.lastIndex = 0;
  if (!HEAD.test(s)) return false;
  let at = HEAD.lastIndex;
  const groupStart = s.indexOf(GROUP_KEY) + GROUP_KEY.length;
  const streamStart = s.indexOf(STREAM_KEY, groupStart) + STREAM_KEY.length;
  const groupEnd = streamStart - STREAM_KEY.length;
  const streamEnd = s.indexOf(FILTERS_KEY, streamStart);
  if (!ascii && !isAscii(bytes.subarray(0, at))) return false;

  // First pass: every event in the layout, or none is emitted.
  parsed.clear();
  let n = 0;
  const end = s.length;
  if (s.charCodeAt(at) === 0x5d /* ] */) at++;
  else {
    for (;;) {
      const itemStart = at;
      EVENT_HEAD.lastIndex = at;
      if (!EVENT_HEAD.test(s)) return false;
      const start = EVENT_HEAD.lastIndex;
      let stop = s.indexOf('"', start);
      if (stop < 0) return false;
      let backslash = view.marks.backslash(start);
      if (backslash < stop) {
        // Bounded by readEscapedString itself: a message longer than it reads sends the payload the general way.
        stop = readEscapedString(s, start, end);
        if (stop < 0) return false;
      } else backslash = -1;
      // `"}` then `,` and the next event, or `]`.
      if (s.charCodeAt(stop + 1) !== 0x7d) return false;
      const after = stop + 2;
      if ((n + 1) * Slot.Stride > found.length) {
        const more = new Float64Array(found.length * 2);
        more.set(found);
        found = more;
      }
      const f = n * Slot.Stride;
      // EVENT_HEAD matched `{"id":"<digits>","timestamp":<digits>,"message":"`: every seam is at a known distance.
      const digitsEnd = start - MESSAGE_KEY.length;
      const colon = s.lastIndexOf(':', digitsEnd);
      found[f + Slot.IdStart] = itemStart + ID_OFFSET;
      found[f + Slot.IdEnd] = colon + 1 - TIMESTAMP_KEY.length;
      found[f + Slot.MessageStart] = start;
      found[f + Slot.MessageEnd] = stop;
      found[f + Slot.Backslash] = backslash;
      found[f + Slot.Timestamp] = readDigits(s, colon + 1, digitsEnd);
      if (!ascii && !view.marks.plain(itemStart, after)) {
        // Not ASCII: read the general way, here, so that an event JSON refuses sends the whole payload there.
        let item: unknown;
        try {
          item = JSON.parse(decodeUtf8(bytes, itemStart, after));
        } catch {
          return false;
        }
        parsed.set(n, item as Record<string, unknown>);
      }
      n++;
      const next = s.charCodeAt(after);
      if (next === 0x2c /* , */) at = after + 1;
      else if (next === 0x5d /* ] */) {
        at = after + 1;
        break;
      } else return false;
    }
  }
  if (at !== end - 1 || s.charCodeAt(at) !== 0x7d /* } */) return false;

  // Second pass: emit, in order.
  const group = ctx.nameAt(s, groupStart, groupEnd);
  const stream = ctx.nameAt(s, streamStart, streamEnd);
  const offset = source.offset ?? -1;
  for (let k = 0; k < n; k++) {
    const item = parsed.size === 0 ? undefined : parsed.get(k);
    if (item !== undefined) {
      appendEvent(item, undefined, ctx, source, out, stream, group);
      continue;
    }
    const f = k * Slot.Stride;
    setByteMessage(
      event,
      bytes,
      view,
      found[f + Slot.MessageStart]!,
      found[f + Slot.MessageEnd]!,
      found[f + Slot.Backslash]!,
      found[f + Slot.Timestamp]!,
      -1,
      offset,
    );
    event.logStream = stream;
    event.streamStart = event.streamEnd = -1;
    event.logGroup = group;
    event.idStart = found[f + Slot.IdStart]!;
    event.idEnd = found[f + Slot.IdEnd]!;
    ctx.emitBytes(event);
  }
  parsed.clear();
  return true;
}
