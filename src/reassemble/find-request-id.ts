/** The longest request id recognised: see {@link findRequestIdEnd}. */
export const MAX_REQUEST_ID_LENGTH = 200;

/**
 * Finds the end of the `(<requestId>) ` prefix that every execution-log message has carried since 2017
 * (LOG-FORMATS.md §3): `^\(([^)\s]{1,200})\) `. Runs once per event.
 *
 * This is the one definition of the prefix: the decoder (is this bare line an event of its own or a continuation?),
 * the reassembler (which request?), the extractor (where does the text start?) and the pipeline's head window all
 * call it, or {@link findRequestIdEndIn} on a message still in its chunk, so no stage can take a line for a request
 * line that another stage reads as a continuation.
 *
 * The character rule is the LOG-FORMATS one, deliberately loose: anything but `)` and whitespace (`\s`, Unicode
 * included). Ids are usually UUIDs, but clients can override them and WebSocket APIs put the base64 extended id
 * there (`(PDS1PEC4oAMFpyA=)`), so a stricter alphabet would drop real requests; `(` and control characters are
 * accepted for the same reason (an id `a(b` is odd, but nothing else would claim that line). Whitespace and `)`
 * cannot be in an id because they end it. Ids longer than {@link MAX_REQUEST_ID_LENGTH} characters are not
 * recognised: real ids are 36 (UUID) or about 16 (extended id) characters, and a longer parenthesised run at the
 * start of a line is text, e.g. a continuation line of a body, not a request.
 *
 * @param message - the event's message (or a bare text line).
 * @returns the index of the closing `)`: the id is `message.slice(1, end)` and the text starts at `end + 2`;
 *   or -1 when the message has no such prefix. Never 0 or 1 (an id has at least one character).
 * @example
 * findRequestIdEnd('(c0ffee-1) Starting execution for request: c0ffee-1'); // → 9
 * findRequestIdEnd('START RequestId: 8f5d… Version: $LATEST');             // → -1
 * findRequestIdEnd(`(${'a'.repeat(201)}) x`);                              // → -1 (too long)
 */
export function findRequestIdEnd(message: string): number {
  return findRequestIdEndIn(message, 0, message.length);
}

/**
 * {@link findRequestIdEnd} on the message `text[start, end)`, in place: the reassembler reads the messages of a
 * fast decoder's chunk this way, in the chunk's latin1 view, with no string made of them.
 *
 * Why a character loop, bounded by the message and by the longest id (it reads at most
 * `MAX_REQUEST_ID_LENGTH + 2` characters): an unbounded `\([^)\s]+\) ` run at a message start in a whole chunk
 * read on past the message to the next `)` or whitespace of the chunk, so a record of `(aaaa…` messages with no
 * whitespace (a subscription payload) cost time quadratic in its messages (1.5 s for 4,000 in 280 KB). The
 * sticky regular expression was about 20 ns per event faster on real ids; the bounded quantifier `{1,200}` was
 * no faster than this loop.
 *
 * @returns the index in `text` of the closing `)` (the id is `text.slice(start + 1, end)`, the text starts two
 *   after it), or -1 when the message has no prefix.
 * @example
 * findRequestIdEndIn('{"message":"(r1) Method completed"}', 12, 33); // → 15
 */
export function findRequestIdEndIn(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) !== 40 /* ( */) return -1;
  // The `)` must leave room for its space before `end`, and at most MAX_REQUEST_ID_LENGTH characters after `(`.
  const limit = Math.min(end - 1, start + MAX_REQUEST_ID_LENGTH + 2);
  for (let p = start + 1; p < limit; p++) {
    const c = text.charCodeAt(p);
    // Most id characters (letters, digits, `-`, `=`, `+`, `/`) are answered by this one test.
    if (c > 41 && c < 0xa0) continue;
    if (c === 41 /* ) */) return p > start + 1 && text.charCodeAt(p + 1) === 32 ? p : -1;
    if (isWhitespace(c)) return -1;
  }
  return -1;
}

/**
 * The request id of a message's `(<id>) ` prefix, or null.
 * @example
 * readRequestId('(PDS1PEC4oAMFpyA=) Extended Request Id: PDS1PEC4oAMFpyA='); // → 'PDS1PEC4oAMFpyA='
 */
export function readRequestId(message: string): string | null {
  const end = findRequestIdEnd(message);
  return end < 0 ? null : message.slice(1, end);
}

/** True for the characters of the regular-expression class `\s`. */
export function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
