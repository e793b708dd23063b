/**
 * The JSON containers' fast path for the pipeline's own step: a flat event found by {@link scanFlatEvent} in a
 * chunk's latin1 view becomes a {@link ByteEvent}, with no string made of its message.
 * @module
 */
import type { ChunkView, DecodeContext } from './decode-context.js';
import { readEscapedString, setByteMessage, type ByteEvent } from './event-sink.js';
import { spans } from './scan-flat-event.js';

/**
 * Fills `event` from the {@link spans} of the flat event just scanned at `view.text[at, end)`, in `buf`. Returns
 * false when the event must go the general way, which then reads it exactly as it always did: a byte that is
 * not ASCII (UTF-8 decoding, INVALID_UTF8), an ESC (ANSI codes are stripped), no timestamp, an escape in a field
 * other than the message, or in an escaped message an invalid escape, an escaped ESC or a raw control character
 * (which make the general way call it malformed). So both ways give the same events.
 * @param line - the event's line, or -1; `offset` its byte offset, or -1.
 * @example
 * if (scanFlatEvent(view.text, start, end) === end && fillFlatByteEvent(ctx, buf, view, start, end, event, line, -1)) ctx.emitBytes(event);
 */
export function fillFlatByteEvent(
  ctx: DecodeContext,
  buf: Buffer,
  view: ChunkView,
  at: number,
  end: number,
  event: ByteEvent,
  line: number,
  offset: number,
): boolean {
  const { text, marks } = view;
  if (spans.timestamp === null || !marks.plain(at, end)) return false;
  if ((spans.idStart >= 0 && spans.idEscaped) || (spans.streamStart >= 0 && spans.streamEscaped) || (spans.groupStart >= 0 && spans.groupEscaped)) {
    return false;
  }
  const start = spans.messageStart;
  const stop = spans.messageEnd;
  let backslash = -1;
  if (spans.messageEscaped) {
    backslash = marks.backslash(start);
    // Raw control characters make escaped JSON text invalid; unescaped text keeps them as they are, both ways.
    if (readEscapedString(text, start, stop + 1) !== stop) return false;
  }
  setByteMessage(event, buf, view, start, stop, backslash, spans.timestamp, line, offset);
  if (spans.streamStart >= 0) {
    event.logStream = undefined;
    event.streamStart = spans.streamStart;
    event.streamEnd = spans.streamEnd;
  } else {
    event.logStream = ctx.logStream;
    event.streamStart = event.streamEnd = -1;
  }
  event.logGroup = spans.groupStart >= 0 ? ctx.nameAt(text, spans.groupStart, spans.groupEnd) : ctx.logGroup;
  event.idStart = spans.idStart;
  event.idEnd = spans.idStart >= 0 ? spans.idEnd : -1;
  return true;
}
