/**
 * Character-level scanning helpers shared by the redaction rules.
 *
 * Every scan is a plain forward loop over char codes: no regular expression touches unbounded input, so the cost of
 * redaction is visibly linear in the text length. Each helper adds the characters it inspected to a {@link Work}
 * counter; the tests use it to prove linearity on adversarial input by counting, not by timing.
 * @module
 */

/** Counts characters inspected, so tests can check that redaction stays linear. */
export interface Work {
  steps: number;
}

/** Creates a fresh work counter. @example `const work = createWork(); redactText(text, work); work.steps` */
export function createWork(): Work {
  return { steps: 0 };
}

/** A predicate on one UTF-16 code unit. */
export type CharTest = (code: number) => boolean;

/** `A-Z a-z 0-9`. */
export const isAlnum: CharTest = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** base64url alphabet: `A-Z a-z 0-9 - _` (JWT segments). */
export const isBase64Url: CharTest = (c) => isAlnum(c) || c === 45 || c === 95;

/** Characters of a bearer token (RFC 6750 `b64token`) plus `*`, so a masked token is read whole and recognised. */
export const isTokenChar: CharTest = (c) =>
  isBase64Url(c) || c === 46 /* . */ || c === 126 /* ~ */ || c === 43 /* + */ || c === 47 /* / */ || c === 61 /* = */ || c === 42; /* * */

/** base64 plus `%` (URL-encoded session tokens) and `=` padding. */
export const isBase64OrPercent: CharTest = (c) => isAlnum(c) || c === 43 || c === 47 || c === 61 || c === 37;

/** Space or tab. */
export const isBlank: CharTest = (c) => c === 32 || c === 9;

/** JSON whitespace. */
export const isJsonSpace: CharTest = (c) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Returns the first position at or after `pos` whose char fails `test` (or `text.length`).
 * @example scanWhile('aaab', 0, (c) => c === 97, createWork()) // 3
 */
export function scanWhile(text: string, pos: number, test: CharTest, work: Work): number {
  let i = pos;
  while (i < text.length && test(text.charCodeAt(i))) i++;
  work.steps += i - pos + 1;
  return i;
}

/** The marker API Gateway appends to an execution-log event cut at 1024 bytes. */
export const TRUNCATED_MARKER = ' [TRUNCATED]';

/**
 * Moves `end` back before a ` [TRUNCATED]` marker that ends the range `[start, end)`, if there is one.
 * @example trimTruncatedMarker('abc [TRUNCATED]', 0, 15) // 3
 */
export function trimTruncatedMarker(text: string, start: number, end: number): number {
  const at = end - TRUNCATED_MARKER.length;
  return at >= start && text.startsWith(TRUNCATED_MARKER, at) ? at : end;
}
