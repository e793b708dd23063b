import { isWhitespace } from '../reassemble/find-request-id.js';

/** The marker standard execution logs append to an event cut at 1024 bytes (LOG-FORMATS.md §3). */
export const TRUNCATED_MARKER = ' [TRUNCATED]';

/**
 * The text from `from` to the end, trailing whitespace removed.
 * @example
 * restOf('Extended Request Id: abc= ', 21); // → 'abc='
 */
export function restOf(text: string, from: number): string {
  let end = text.length;
  while (end > from && isWhitespace(text.charCodeAt(end - 1))) end--;
  return text.slice(from, end);
}

/**
 * The run of characters from `from` up to whitespace, `,` or `}` (a value in a `{k=v, k=v}` header map).
 * @example
 * tokenAt('{a=1, b=2}', 3); // → '1'
 */
export function tokenAt(text: string, from: number): string {
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 44 /* , */ || c === 125 /* } */ || isWhitespace(c)) break;
    end++;
  }
  return text.slice(from, end);
}

/**
 * The value of `key` in a `{k=v, k=v}` map as API Gateway prints headers, or null.
 * @example
 * mapValue('{Accept=application/json, x-amzn-apigateway-api-id=abc123}', 'x-amzn-apigateway-api-id'); // → 'abc123'
 */
export function mapValue(text: string, key: string): string | null {
  const needle = `${key}=`;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    // The key must start an entry (after `{` or `, `), not end another key's name.
    const before = text.charCodeAt(at - 1);
    if (before !== 123 /* { */ && !(before === 32 && text.charCodeAt(at - 2) === 44) /* , */) continue;
    const value = tokenAt(text, at + needle.length);
    return value === '' ? null : value;
  }
  return null;
}

/**
 * A three-digit HTTP status at `from` (after optional spaces), or null.
 * @example
 * readStatus('Method completed with status: 403', 29); // → 403
 */
export function readStatus(text: string, from: number): number | null {
  while (text.charCodeAt(from) === 32) from++;
  let status = 0;
  for (let i = 0; i < 3; i++) {
    const digit = text.charCodeAt(from + i) - 48;
    if (!(digit >= 0 && digit <= 9)) return null;
    status = status * 10 + digit;
  }
  const next = text.charCodeAt(from + 3);
  return next >= 48 && next <= 57 ? null : status;
}

/**
 * Removes a trailing ` [TRUNCATED]` (and whitespace after it).
 * @returns the text without the marker, and whether it was there.
 * @example
 * stripTruncated('{"a":1 [TRUNCATED]'); // → { text: '{"a":1', truncated: true }
 */
export function stripTruncated(text: string): { text: string; truncated: boolean } {
  const trimmed = restOf(text, 0);
  if (!trimmed.endsWith(TRUNCATED_MARKER)) return { text: trimmed, truncated: false };
  return { text: trimmed.slice(0, -TRUNCATED_MARKER.length), truncated: true };
}

/**
 * The string value of `"key":"…"` in JSON text, only when its closing quote is present (truncation often
 * cuts it), or null. The value is taken up to the next quote: the values read this way (ARNs, `TOKEN`) hold
 * no escaped quotes, and one that does is refused rather than misread.
 * @example
 * jsonStringValue('{"type":"TOKEN","methodArn":"arn:aws:execute-ap [TRUNCATED]', 'methodArn'); // → null
 */
export function jsonStringValue(text: string, key: string): string | null {
  const needle = `"${key}":`;
  let at = text.indexOf(needle);
  if (at < 0) return null;
  at += needle.length;
  // Pre-2018 bodies print a space after the colon: `"type": "TOKEN"`.
  while (text.charCodeAt(at) === 32) at++;
  if (text.charCodeAt(at) !== 34 /* " */) return null;
  const close = text.indexOf('"', at + 1);
  // An escaped quote means a value this reader does not unescape: better unknown than wrong.
  if (close < 0 || text.charCodeAt(close - 1) === 92 /* \\ */) return null;
  return text.slice(at + 1, close);
}
