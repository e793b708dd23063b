/**
 * The fast path of the JSON containers: find `timestamp`, `message`, `logStreamName`, `eventId`/`id` in one flat
 * event object (`{"logStreamName":"…","timestamp":1,"message":"…","ingestionTime":2,"eventId":"…"}`, any key
 * order, any whitespace) without building the object.
 *
 * Why not `JSON.parse`: parsing every event costs 2–3x the read-and-count floor on its own (PERF-NOTES.md), and the
 * full analysis must stay within 2x. Here strings are found with native `indexOf` and only their positions are
 * kept; the caller makes strings of the few fields it needs, unescaping (by `JSON.parse` of that string alone) only
 * those that hold a backslash. Anything unusual (nested values, escaped keys, a string timestamp, bad syntax)
 * returns {@link FLAT_GENERAL} and the caller falls back to `JSON.parse`.
 *
 * It runs on any string whose character positions are byte positions: a per-line string, or a whole chunk decoded
 * as latin1 (UTF-8 bytes ≥ 0x80 never look like `"`, `\` or a brace, so the structure reads the same).
 * @module
 */

/** The object needs the general parser. */
export const FLAT_GENERAL = -1;
/** The object runs past the end of the text given: more input is needed. */
export const FLAT_INCOMPLETE = -2;

/** Where the fields of the last object read are. Start -1: absent. Reused on every call: read it right away. */
export interface FlatSpans {
  timestamp: number | null;
  messageStart: number;
  messageEnd: number;
  messageEscaped: boolean;
  idStart: number;
  idEnd: number;
  idEscaped: boolean;
  streamStart: number;
  streamEnd: number;
  streamEscaped: boolean;
  groupStart: number;
  groupEnd: number;
  groupEscaped: boolean;
}

/** The spans of the last {@link scanFlatEvent}. */
export const spans: FlatSpans = {
  timestamp: null,
  messageStart: -1,
  messageEnd: -1,
  messageEscaped: false,
  idStart: -1,
  idEnd: -1,
  idEscaped: false,
  streamStart: -1,
  streamEnd: -1,
  streamEscaped: false,
  groupStart: -1,
  groupEnd: -1,
  groupEscaped: false,
};

const enum Key {
  Other,
  Message,
  EventId,
  Id,
  Timestamp,
  LogStream,
  LogStreamName,
  LogGroup,
  LogGroupName,
  /** An `@`-field (Insights rows saved as NDJSON): left to the general path. */
  Insights,
}

/**
 * Which key starts at `at` (length `length`). Compared by length, first and last character only: a full compare
 * measured as much as the rest of the reader, and the keys are written by AWS or jq, never by the log's author
 * (a message cannot inject a key without breaking JSON escaping).
 */
function identifyKey(s: string, at: number, length: number): Key {
  const first = s.charCodeAt(at);
  const last = s.charCodeAt(at + length - 1);
  switch (length) {
    case 2:
      return first === 105 && last === 100 ? Key.Id : Key.Other;
    case 7:
      if (first === 109 && last === 101) return Key.Message;
      return first === 101 && last === 100 ? Key.EventId : Key.Other;
    case 8:
      return first === 108 && last === 112 ? Key.LogGroup : first === 64 ? Key.Insights : Key.Other;
    case 9:
      if (first === 116 && last === 112) return Key.Timestamp;
      return first === 108 && last === 109 ? Key.LogStream : Key.Other;
    case 12:
      return first === 108 && last === 101 ? Key.LogGroupName : Key.Other;
    case 13:
      return first === 108 && last === 101 ? Key.LogStreamName : Key.Other;
    default:
      return first === 64 ? Key.Insights : Key.Other;
  }
}

/** JSON whitespace: space, line feed, carriage return, tab. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * True when `s[from, end)` holds JSON whitespace only: what may follow an event object on its line. One helper for
 * the NDJSON decoder and the flat reader, so both call the same characters blank.
 * @example
 * isBlank('{} \r\n', 2, 5); // → true
 */
export function isBlank(s: string, from: number, end: number): boolean {
  for (let p = from; p < end; p++) if (!isSpace(s.charCodeAt(p))) return false;
  return true;
}

/**
 * The integer of the ASCII digits `s[from, to)` (at most 15: exact in a double), for a reader whose expression has
 * already matched them. In two small integers (the first 9 digits, then the rest with its scale), as in
 * {@link scanFlatEvent} and for its reason: one accumulator past 2^31 allocates a heap number per digit.
 * @example
 * readDigits('t:1708734543163,', 2, 15); // → 1708734543163
 */
export function readDigits(s: string, from: number, to: number): number {
  const split = Math.min(to, from + 9);
  let high = 0;
  for (let p = from; p < split; p++) high = high * 10 + (s.charCodeAt(p) - 48);
  let low = 0;
  let scale = 1;
  for (let p = split; p < to; p++) {
    low = low * 10 + (s.charCodeAt(p) - 48);
    scale *= 10;
  }
  return high * scale + low;
}

/** JSON's number grammar (RFC 8259 §6), sticky: each part is a single run, so the match is linear. */
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Whether `s[from, to)` is exactly one JSON number. */
function isJsonNumber(s: string, from: number, to: number): boolean {
  JSON_NUMBER.lastIndex = from;
  return JSON_NUMBER.test(s) && JSON_NUMBER.lastIndex === to;
}

/** A run of JSON whitespace, matched in place (sticky): linear, no backtracking. */
const SPACE_RUN = /[ \n\r\t]+/y;

/**
 * Index of the first non-space character at or after `p` (which is a space). The AWS CLI indents its JSON by 4, so
 * a pretty-printed event carries ~90 spaces: irregexp's native loop skipped them in 0.8x the time of a
 * `charCodeAt` loop (a memo of the last runs compared with `startsWith` was slower than both).
 */
function skipSpaceRun(s: string, p: number): number {
  SPACE_RUN.lastIndex = p;
  return SPACE_RUN.test(s) ? SPACE_RUN.lastIndex : p;
}

/**
 * The next backslash at or after `from`, cached per text: positions only grow while a text is scanned, so each
 * character is searched at most once and a chunk with no backslash costs one scan, not one per string.
 */
let backslashText = '';
let backslashFrom = 0;
let backslashAt = -1;
function nextBackslash(s: string, from: number): number {
  // Same content means same positions: comparing by value is correct, and cheap (identity or length differ).
  if (s !== backslashText || from < backslashFrom || (backslashAt !== -1 && backslashAt < from)) {
    backslashText = s;
    backslashFrom = from;
    backslashAt = s.indexOf('\\', from);
  }
  return backslashAt === -1 ? Infinity : backslashAt;
}

/** Index of the quote closing the string whose content starts at `p`, or -1. Skips escaped quotes. */
export function findStringEnd(s: string, p: number): number {
  let quote = s.indexOf('"', p);
  while (quote !== -1 && s.charCodeAt(quote - 1) === 92 /* \ */) {
    let backslashes = 1;
    while (s.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if ((backslashes & 1) === 0) break;
    quote = s.indexOf('"', quote + 1);
  }
  return quote;
}

/**
 * Read the flat event object that starts at `start` (whitespace allowed before it) and must end before `limit`.
 * Returns the index just after its closing brace, {@link FLAT_GENERAL} or {@link FLAT_INCOMPLETE}; the fields
 * are in {@link spans}.
 *
 * @example
 * const end = scanFlatEvent('{"timestamp":5,"message":"a\\"b"}', 0, 30); // 30
 * spans.timestamp; // 5; spans.messageStart 26, messageEnd 30, messageEscaped true
 */
export function scanFlatEvent(s: string, start: number, limit: number): number {
  spans.timestamp = null;
  spans.messageStart = spans.idStart = spans.streamStart = spans.groupStart = -1;
  // Precedence as in read-event-fields.ts, whatever the key order: eventId over id, *Name over the short forms.
  let idFromEventId = false;
  let streamFromName = false;
  let groupFromName = false;
  let p = start;
  let c = s.charCodeAt(p);
  if (isSpace(c)) c = s.charCodeAt((p = skipSpaceRun(s, p)));
  if (p >= limit) return FLAT_INCOMPLETE;
  if (c !== 123 /* { */) return FLAT_GENERAL;
  c = s.charCodeAt(++p);
  if (isSpace(c)) c = s.charCodeAt((p = skipSpaceRun(s, p)));
  for (;;) {
    if (p >= limit) return FLAT_INCOMPLETE;
    if (c !== 34) return FLAT_GENERAL; // also the empty object: not an event
    const keyStart = p + 1;
    const keyEnd = s.indexOf('"', keyStart);
    if (keyEnd === -1 || keyEnd >= limit) return FLAT_INCOMPLETE;
    if (s.charCodeAt(keyEnd - 1) === 92) return FLAT_GENERAL;
    const key = identifyKey(s, keyStart, keyEnd - keyStart);
    if (key === Key.Insights) return FLAT_GENERAL;
    p = keyEnd + 1;
    c = s.charCodeAt(p);
    if (isSpace(c)) c = s.charCodeAt((p = skipSpaceRun(s, p)));
    if (p >= limit) return FLAT_INCOMPLETE;
    if (c !== 58 /* : */) return FLAT_GENERAL;
    c = s.charCodeAt(++p);
    if (isSpace(c)) c = s.charCodeAt((p = skipSpaceRun(s, p)));
    if (p >= limit) return FLAT_INCOMPLETE;
    if (c === 34) {
      const from = p + 1;
      const end = findStringEnd(s, from);
      if (end === -1 || end >= limit) return FLAT_INCOMPLETE;
      if (key !== Key.Other) {
        const escaped = nextBackslash(s, from) < end;
        switch (key) {
          case Key.Message:
            spans.messageStart = from;
            spans.messageEnd = end;
            spans.messageEscaped = escaped;
            break;
          case Key.EventId:
          case Key.Id:
            if (key === Key.Id && idFromEventId) break;
            idFromEventId = key === Key.EventId;
            spans.idStart = from;
            spans.idEnd = end;
            spans.idEscaped = escaped;
            break;
          case Key.LogStreamName:
          case Key.LogStream:
            if (key === Key.LogStream && streamFromName) break;
            streamFromName = key === Key.LogStreamName;
            spans.streamStart = from;
            spans.streamEnd = end;
            spans.streamEscaped = escaped;
            break;
          case Key.LogGroupName:
          case Key.LogGroup:
            if (key === Key.LogGroup && groupFromName) break;
            groupFromName = key === Key.LogGroupName;
            spans.groupStart = from;
            spans.groupEnd = end;
            spans.groupEscaped = escaped;
            break;
          default:
            return FLAT_GENERAL; // a string timestamp: the general path parses ISO text
        }
      }
      p = end + 1;
    } else if ((c >= 48 && c <= 57) || c === 45) {
      const numberStart = p;
      // Digits go into two small integers (high: the first 9 digits, low: the rest, with its scale) rather than one
      // accumulator: past 2^31 an accumulator leaves V8's small-integer range and every step allocates a heap
      // number, which measured 40 % of this whole function on a 13-digit epoch-ms timestamp.
      let high = 0;
      let low = 0;
      let scale = 1;
      let digits = 0;
      let plain = c !== 45;
      for (;;) {
        if (c >= 48 && c <= 57) {
          if (digits < 9) high = high * 10 + (c - 48);
          else if (digits < 15) {
            low = low * 10 + (c - 48);
            scale *= 10;
          } else plain = false;
          digits++;
        } else if (c === 45 || c === 43 || c === 46 || c === 101 || c === 69) plain = false;
        else break;
        c = s.charCodeAt(++p);
      }
      if (p >= limit) return FLAT_INCOMPLETE;
      // What the loop took is JSON's number characters, not yet a JSON number: `0123`, `1.`, `1e` or `--1` make
      // JSON.parse refuse the line, so the general path must decide them, or the same line would be malformed on
      // one path and an event on the other. Plain digits need only the leading-zero check; the rest (signs,
      // fractions, exponents: rare in a log event) the grammar's expression, anchored and linear.
      if (plain ? digits > 1 && s.charCodeAt(numberStart) === 48 : !isJsonNumber(s, numberStart, p)) return FLAT_GENERAL;
      if (key === Key.Timestamp) {
        const num = plain ? high * scale + low : Number(s.slice(numberStart, p));
        if (Number.isNaN(num)) return FLAT_GENERAL;
        spans.timestamp = num;
      } else if (key !== Key.Other) return FLAT_GENERAL;
    } else if (key !== Key.Other) {
      return FLAT_GENERAL; // null, a literal or a nested value under a key we read: the general path decides
    } else if (s.startsWith('null', p)) p += 4;
    else if (s.startsWith('true', p)) p += 4;
    else if (s.startsWith('false', p)) p += 5;
    else return p + 5 >= limit ? FLAT_INCOMPLETE : FLAT_GENERAL; // a nested value, garbage, or a cut literal
    c = s.charCodeAt(p);
    if (isSpace(c)) c = s.charCodeAt((p = skipSpaceRun(s, p)));
    if (p >= limit) return FLAT_INCOMPLETE;
    if (c === 44 /* , */) {
      c = s.charCodeAt(++p);
      if (isSpace(c)) c = s.charCodeAt((p = skipSpaceRun(s, p)));
      continue;
    }
    if (c !== 125 /* } */) return FLAT_GENERAL;
    return spans.messageStart === -1 ? FLAT_GENERAL : p + 1;
  }
}
