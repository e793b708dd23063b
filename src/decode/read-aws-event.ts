/**
 * The fastest path of the JSON containers: an event in exactly the layout AWS writes, read by comparing the
 * literal text between its fields instead of parsing keys.
 *
 * `aws logs filter-log-events` prints `JSON.stringify(doc, null, 4)`, and `jq -c '.events[]'` keeps its key
 * order, so nearly every event of a big export reads
 * `{"logStreamName":"…","timestamp":N,"message":"…","ingestionTime":N,"eventId":"…"}`, compact or indented.
 * Checking that with `startsWith` at each seam costs a fraction of {@link scanFlatEvent}'s key-by-key walk
 * (measured on 200 MB of NDJSON: 160 ms for the walk). The message's end is its first unescaped quote, as
 * always; whatever does not fit the layout exactly (another key order, extra keys, spacing, an escaped stream
 * name) returns -1 and is read by scanFlatEvent, so this only ever agrees with it.
 * @module
 */
import type { ChunkView, DecodeContext } from './decode-context.js';
import { readEscapedString, setByteMessage, type ByteEvent } from './event-sink.js';
import { readDigits } from './scan-flat-event.js';

/**
 * One layout: a sticky regular expression for the text from `{` to the message's opening quote, one for the text
 * from its closing quote to `}`, and the length of the text between the timestamp's digits and the message.
 * Both expressions are literals around simple runs (`[^"\\]*`, `0|[1-9]\d*`, `\d+`): no nested quantifier, so each test is one
 * linear pass over the few dozen characters it reads. (Measured per NDJSON line: 49 ns for the head expression,
 * 130-170 ns for the same checks with six `startsWith` calls.)
 */
export interface AwsLayout {
  head: RegExp;
  tail: RegExp;
  /** Characters from the end of the timestamp's digits to the message's first character. */
  beforeMessage: number;
  /** Characters from `{` to the stream name's first character. */
  beforeStream: number;
  /** Characters from the event id's closing quote to the end of the event. */
  afterId: number;
  /** Characters from the timestamp key's colon to its first digit. */
  colon: number;
}

/** `text` as a regular expression that matches just it. */
function literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&').replace(/\n/g, '\\n');
}

/** The layout whose seams are `,` + `nl` + key + `:` + `colon` and whose last `"` is followed by `close`. */
function layout(nl: string, colon: string, close: string): AwsLayout {
  const open = `{${nl}"logStreamName":${colon}"`;
  const beforeMessage = `,${nl}"message":${colon}"`;
  const head = `${literal(open)}[^"\\\\]*${literal(`",${nl}"timestamp":${colon}`)}(?:0|[1-9]\\d{0,14})${literal(beforeMessage)}`;
  const tail = `${literal(`",${nl}"ingestionTime":${colon}`)}(?:0|[1-9]\\d*)${literal(`,${nl}"eventId":${colon}"`)}\\d+${literal(`"${close}`)}`;
  return {
    head: new RegExp(head, 'y'),
    tail: new RegExp(tail, 'y'),
    beforeMessage: beforeMessage.length,
    beforeStream: open.length,
    afterId: `"${close}`.length,
    colon: 1 + colon.length,
  };
}

/** The layout of NDJSON lines (`jq -c '.events[]'`). */
export const COMPACT_LAYOUT: AwsLayout = layout('', '', '}');

/** The indented layouts made so far, by indent (the element reader looks at most 62 spaces deep). */
const indentedLayouts: (AwsLayout | undefined)[] = [];

/**
 * The layout of an element of the AWS CLI's indented document whose keys are indented by `indent` spaces (12 in
 * `filter-log-events` output: the events array sits in the top-level object). Made once per indent and kept: a
 * document whose elements alternate indents (several documents merged) must not compile two expressions per
 * element.
 */
export function indentedLayout(indent: number): AwsLayout {
  const cached = indentedLayouts[indent];
  if (cached !== undefined) return cached;
  const made = layout(`\n${' '.repeat(indent)}`, ' ', `\n${' '.repeat(Math.max(0, indent - 4))}}`);
    indentedLayouts[indent] = made;
  return made;
}

/**
 * Reads the event at `view.text[at, …)` (ending before `limit`) if it is in `layout`, into `event` (its bytes,
 * view, message, time, stream and id positions, and `line` or `offset`, the other -1); returns the index just
 * after its `}`, or -1 to take the general way. The event must also be plain: ASCII, no ESC, valid escapes and no
 * raw control character in an escaped message (see fillFlatByteEvent for why).
 * @example
 * const end = readAwsEvent(ctx, buf, view, 0, view.text.length, COMPACT_LAYOUT, event, 1, -1); // → index after `}`
 */
export function readAwsEvent(
  ctx: DecodeContext,
  buf: Buffer,
  view: ChunkView,
  at: number,
  limit: number,
  layout: AwsLayout,
  event: ByteEvent,
  line: number,
  offset: number,
): number {
  const s = view.text;
  const marks = view.marks;
  const head = layout.head;
  head.lastIndex = at;
  if (!head.test(s)) return -1;
  const start = head.lastIndex;
  if (start >= limit) return -1;
  // The head expression matched `":` + digits + the text before the message: the digits follow the last colon.
  const digitsEnd = start - layout.beforeMessage;
  const timestamp = readDigits(s, s.lastIndexOf(':', digitsEnd) + layout.colon, digitsEnd);
  let end = s.indexOf('"', start);
  if (end < 0 || end >= limit) return -1;
  let backslash = marks.backslash(start);
  if (backslash < end) {
    // Escaped text: its end is its first unescaped quote, found while checking every escape in one pass.
    end = readEscapedString(s, start, limit);
    if (end < 0) return -1;
  } else backslash = -1;
  const tail = layout.tail;
  tail.lastIndex = end;
  if (!tail.test(s)) return -1;
  const after = tail.lastIndex;
  if (after > limit || !marks.plain(at, after)) return -1;
  // The event id: the digits the tail expression matched between its last two quotes.
  const idEnd = after - layout.afterId;
  const streamStart = at + layout.beforeStream;
  setByteMessage(event, buf, view, start, end, backslash, timestamp, line, offset);
  event.logStream = undefined;
  event.streamStart = streamStart;
  event.streamEnd = s.indexOf('"', streamStart);
  event.logGroup = ctx.logGroup;
  event.idStart = s.lastIndexOf('"', idEnd - 1) + 1;
  event.idEnd = idEnd;
  return after;
}
