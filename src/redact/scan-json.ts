/**
 * A tolerant, iterative JSON skimmer for authorizer result bodies, which are often cut mid-value at 1024 bytes.
 *
 * It never recurses (a body of 100,000 `[` must not overflow the stack) and never backtracks: nesting is a depth
 * counter and strings are skipped with one forward loop, so the cost is linear in the text read.
 * @module
 */
import { isJsonSpace, scanWhile, type Work } from './scan-chars.js';

/** Where a scanned value ends (exclusive) and whether it ended properly or ran into the end of line or text. */
export interface ScanResult {
  end: number;
  closed: boolean;
}

/**
 * Skips JSON whitespace (newlines included: authorizer bodies may be pretty-printed over several lines).
 * @example skipJsonSpace(' \n {', 0, createWork()) // 3
 */
export function skipJsonSpace(text: string, pos: number, work: Work): number {
  return scanWhile(text, pos, isJsonSpace, work);
}

/**
 * Scans a JSON string whose opening quote is at `pos`. An unterminated string stops at the end of its line (a JSON
 * string cannot hold a raw newline) or of the text, with `closed: false`.
 * @example scanJsonString('"a\\"b" x', 0, createWork()) // { end: 6, closed: true }
 */
export function scanJsonString(text: string, pos: number, work: Work): ScanResult {
  let i = pos + 1;
  let result: ScanResult | undefined;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (c === 34 /* " */) {
      result = { end: i + 1, closed: true };
      break;
    }
    if (c === 10 || c === 13) {
      result = { end: i, closed: false };
      break;
    }
    i++;
  }
  const end = result ?? { end: Math.min(i, text.length), closed: false };
  work.steps += end.end - pos + 1;
  return end;
}

/** Chars that end a bare JSON token (number, `true`, `null`, or garbage). */
function endsBareToken(c: number): boolean {
  return isJsonSpace(c) || c === 44 || c === 125 || c === 93 || c === 123 || c === 91 || c === 34 || c === 58;
}

/**
 * Skips one JSON value starting at `pos` (string, object, array or bare token). Returns `end === pos` when there is
 * no value there (garbage); `closed: false` when the value runs into the end of the text (a truncated body).
 * @example skipJsonValue('{"a":[1,"]"]} rest', 0, createWork()) // { end: 13, closed: true }
 */
export function skipJsonValue(text: string, pos: number, work: Work): ScanResult {
  const first = text.charCodeAt(pos);
  if (first === 34) return scanJsonString(text, pos, work);
  if (first !== 123 && first !== 91) {
    let i = pos;
    while (i < text.length && !endsBareToken(text.charCodeAt(i))) i++;
    work.steps += i - pos + 1;
    return { end: i, closed: i < text.length };
  }
  // A container: count depth, skip strings whole so brackets inside them do not count.
  let depth = 0;
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const s = scanJsonString(text, i, work);
      if (!s.closed) return s;
      i = s.end;
      continue;
    }
    work.steps++;
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return { end: i + 1, closed: true };
    }
    i++;
  }
  return { end: text.length, closed: false };
}
