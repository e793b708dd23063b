/**
 * Anchored, bounded tests for "this line starts an event" shared by the text containers: no regex runs over a whole
 * (attacker-controlled) line.
 * @module
 */

/**
 * `(<id>) ` at the start, the id without whitespace or `)`: the execution-log request-id prefix
 * (`^\(([^)\s]+)\) ` of LOG-FORMATS.md §3, at most 200 characters looked at).
 *
 * @example
 * hasRequestIdPrefix('(a1b2) Starting execution'); // true
 */
export function hasRequestIdPrefix(text: string): boolean {
  if (text.charCodeAt(0) !== 40 /* ( */) return false;
  const limit = Math.min(text.length - 1, 200);
  for (let i = 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 41 /* ) */) return i > 1 && text.charCodeAt(i + 1) === 32;
    if (c <= 32 || c === 40) return false;
  }
  return false;
}

const FOREIGN_STARTS = ['START RequestId: ', 'END RequestId: ', 'REPORT RequestId: ', 'INIT_START ', 'INIT_REPORT '];

/**
 * A line another service writes into the same places (Lambda runtime, an access-log record): an event of its own,
 * never a continuation.
 *
 * @example
 * startsForeignEvent('START RequestId: 6f1c Version: $LATEST'); // true
 */
export function startsForeignEvent(text: string): boolean {
  for (const prefix of FOREIGN_STARTS) if (text.startsWith(prefix)) return true;
  // A one-line JSON object (an access-log record) is an event of its own; a pretty-printed body's lines are not
  // one-line objects.
  return text.startsWith('{"') && text.endsWith('}');
}

