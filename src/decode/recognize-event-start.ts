/**
 * Anchored, linear tests for "this line starts an event" shared by the text containers: nothing searches a line
 * for a marker, and the one regex (the request-id prefix) is a single sticky attempt.
 * @module
 */
import { findRequestIdEnd } from '../reassemble/find-request-id.js';

/**
 * `(<id>) ` at the start: the execution-log request-id prefix, by the reassembler's {@link findRequestIdEnd} (the
 * one definition: `^\(([^)\s]{1,200})\) `, LOG-FORMATS.md §3), so a bare line the decoder starts an event with is
 * exactly a line the reassembler reads a request id from, and a continuation is one it would not.
 *
 * @example
 * hasRequestIdPrefix('(a1b2) Starting execution'); // true
 * hasRequestIdPrefix('(a1b2)Starting execution');  // false
 */
export function hasRequestIdPrefix(text: string): boolean {
  return findRequestIdEnd(text) > 0;
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

