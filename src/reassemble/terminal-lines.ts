/**
 * The lines after which API Gateway logs nothing more for a request except, sometimes, trailers such as
 * `X-ray Tracing ID : Root=…` (2026 wording) or `AWS Integration Endpoint RequestId`. Seeing one starts the
 * grace period; the trace closes once the grace period of event time has passed with no new line.
 *
 * The single list of terminal lines: add a shape here and both the reassembler and its tests pick it up.
 */
import { isBlank } from '../decode/scan-flat-event.js';
export interface TerminalLine {
  /** The text (after the `(id) ` prefix) starts with this. */
  prefix: string;
  /** ...and contains this after the prefix. */
  contains?: string;
  /** ...and nothing but whitespace follows the prefix (bare `Unauthorized` of the console test). */
  whole?: boolean;
}

/**
 * Every terminal line shape, in one place.
 * @example
 * TERMINAL_LINES.some((line) => line.prefix === 'Method completed with status:'); // → true
 */
export const TERMINAL_LINES: readonly TerminalLine[] = [
  { prefix: 'Method completed with status:' },
  // Authorizer or cached policy refused the call (seen); a Method completed line may or may not follow.
  { prefix: 'The client is not authorized to perform this operation.' },
  // 401 from a missing identity source or from the Lambda answering Unauthorized (seen).
  { prefix: 'Unauthorized request:' },
  { prefix: 'Unauthorized', whole: true },
  // 500 from the authorizer (seen): `Execution failed due to configuration error: …` comes just before.
  { prefix: 'AuthorizerConfigurationException' },
  // Resource policy refusal, with or without the exception name (doc).
  { prefix: 'ExplicitDenyException' },
  { prefix: 'User: ', contains: 'execute-api:Invoke' },
  // Gateway responses (inferred for REST): the body is the last thing written.
  { prefix: 'Gateway response body:' },
  // API key refusals (inferred): INVALID_API_KEY / usage plan.
  { prefix: 'Invalid API Key' },
  { prefix: 'API Key ', contains: ' not authorized because' },
  { prefix: 'Usage Plan check failed' },
];

/**
 * Candidates by the first character of the text: one array read and usually zero or one `startsWith` per
 * event, instead of trying every shape on every line.
 */
const byFirstChar: (TerminalLine[] | undefined)[] = [];
for (const line of TERMINAL_LINES) {
  const c = line.prefix.charCodeAt(0);
  (byFirstChar[c] ??= []).push(line);
}

/**
 * True when the message text starting at `offset` is one of {@link TERMINAL_LINES}: {@link isTerminalRaw} on a
 * whole string with no escape, so the two ways of asking cannot disagree.
 * @param message - the whole message.
 * @param offset - where the text starts (after the `(id) ` prefix, or 0 for unprefixed lines).
 * @example
 * isTerminalLine('(r1) Method completed with status: 403', 5); // → true
 * isTerminalLine('(r1) Starting execution for request: r1', 5); // → false
 */
export function isTerminalLine(message: string, offset: number): boolean {
  // With no escape (Infinity) the raw reading always answers.
  return isTerminalRaw(message, offset, message.length, Infinity) === true;
}

/**
 * {@link isTerminalLine} on a message still in its raw JSON form: `raw[offset, end)` is the text, and `escape` the
 * index of its first backslash (Infinity when none), so the text is read in place in a chunk. Undefined when an
 * escape could change the answer: then ask {@link isTerminalLine} on the unescaped text. Nearly every line is
 * answered by its first character and at most one prefix, before any escape.
 * @example
 * isTerminalRaw('x(r1) Method completed with status: 200y', 6, 40, Infinity); // → true
 */
export function isTerminalRaw(raw: string, offset: number, end: number, escape: number): boolean | undefined {
  if (offset >= end) return false;
  if (escape === offset) return undefined;
  const candidates = byFirstChar[raw.charCodeAt(offset)];
  if (candidates === undefined) return false;
  for (const line of candidates) {
    const rest = offset + line.prefix.length;
    if (escape < rest) return undefined;
    if (rest > end || !raw.startsWith(line.prefix, offset)) continue;
    if (line.contains !== undefined || line.whole === true) {
      if (escape < end) return undefined;
      // On a slice (no copy): indexOf on `raw` itself would search on past the message, through the chunk.
      if (line.contains !== undefined && raw.slice(rest, end).indexOf(line.contains) < 0) continue;
      if (line.whole === true && !isBlank(raw, rest, end)) continue;
    }
    return true;
  }
  return false;
}
