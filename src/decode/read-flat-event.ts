/**
 * Strings from a {@link scanFlatEvent} result, for the fast path of the JSON containers (see
 * scan-flat-event.ts for why it does not use `JSON.parse`).
 * @module
 */
import { isBlank, scanFlatEvent, spans } from './scan-flat-event.js';
import { decodeUtf8 } from './decode-utf8.js';

/** The fields of a flat event, as strings. The same object is reused on every call: copy what you keep. */
export interface FlatEvent {
  timestamp: number | null;
  message: string | null;
  logStream: string | undefined;
  logGroup: string | undefined;
  eventId: string | undefined;
}

const result: FlatEvent = {
  timestamp: null,
  message: null,
  logStream: undefined,
  logGroup: undefined,
  eventId: undefined,
};

/**
 * Make a field's string: from `bytes` (UTF-8) when given, else a slice of `s`; unescaped when it holds a backslash.
 * Returns null when the escapes are invalid JSON.
 *
 * @example
 * spanText('{"m":"a\\nb"}', null, 6, 10, true); // 'a\nb'
 */
export function spanText(s: string, bytes: Buffer | null, start: number, end: number, escaped: boolean): string | null {
  const raw = bytes === null ? s.slice(start, end) : decodeUtf8(bytes, start, end);
  if (!escaped) return raw;
  try {
    // Unescape only strings that need it: JSON.parse of the string alone, a third of a whole-object parse.
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return null;
  }
}

/**
 * Read a flat event object filling the whole of `s` (whitespace aside), as strings sliced from `s`.
 * Returns the reused {@link FlatEvent}, or null when the text needs the general parser.
 *
 * @example
 * readFlatEvent('{"timestamp":1708734543163,"message":"(id) a\\"b","eventId":"42"}');
 * // { timestamp: 1708734543163, message: '(id) a"b', logStream: undefined, logGroup: undefined, eventId: '42' }
 */
export function readFlatEvent(s: string): FlatEvent | null {
  const end = scanFlatEvent(s, 0, s.length);
  if (end < 0 || !isBlank(s, end, s.length)) return null;
  return materializeFlatEvent(s, null);
}

/**
 * Turn the current {@link spans} into strings (from `bytes` when given: fresh strings that keep no large parent
 * string alive). Returns the reused {@link FlatEvent}, or null when an escape is invalid.
 *
 * @example
 * if (scanFlatEvent(text, at, text.length) >= 0) emit(materializeFlatEvent(text, chunk));
 */
export function materializeFlatEvent(s: string, bytes: Buffer | null): FlatEvent | null {
  const message = spanText(s, bytes, spans.messageStart, spans.messageEnd, spans.messageEscaped);
  if (message === null) return null;
  result.timestamp = spans.timestamp;
  result.message = message;
  result.eventId = undefined;
  result.logStream = undefined;
  result.logGroup = undefined;
  if (spans.idStart !== -1) {
    const id = spanText(s, bytes, spans.idStart, spans.idEnd, spans.idEscaped);
    if (id === null) return null;
    result.eventId = id;
  }
  if (spans.streamStart !== -1) {
    const stream = spanText(s, bytes, spans.streamStart, spans.streamEnd, spans.streamEscaped);
    if (stream === null) return null;
    result.logStream = stream;
  }
  if (spans.groupStart !== -1) {
    const group = spanText(s, bytes, spans.groupStart, spans.groupEnd, spans.groupEscaped);
    if (group === null) return null;
    result.logGroup = group;
  }
  return result;
}
