/**
 * Recognises values API Gateway already masked: it stars a value except its last 6 characters
 * (`************abc123`), about half of it for short values (LOG-FORMATS.md §3). Those are kept as logged: they are
 * safe and they are how a person matches a caller.
 * @module
 */
import { isAlnum } from './scan-chars.js';

/**
 * True when `text[start, end)` looks masked: leading `*`s, then a visible tail no longer than 6 characters or the
 * number of stars. An optional scheme word (`Bearer ****abc123`) is skipped first.
 * @example isMaskedRange('************abc123', 0, 18) // true
 * @example isMaskedRange('eyJhbGciOi', 0, 10) // false
 */
export function isMaskedRange(text: string, start: number, end: number): boolean {
  let i = start;
  // Skip one scheme word of letters followed by a space (Bearer, Basic, AWS4-HMAC-SHA256).
  let j = i;
  while (j < end && j - i < 32 && (isAlnum(text.charCodeAt(j)) || text.charCodeAt(j) === 45)) j++;
  if (j > i && j < end && text.charCodeAt(j) === 32) i = j + 1;
  let stars = 0;
  while (i + stars < end && text.charCodeAt(i + stars) === 42 /* * */) stars++;
  if (stars === 0) return false;
  const tail = end - i - stars;
  return tail <= Math.max(6, stars);
}
