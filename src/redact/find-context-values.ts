/**
 * Authorizer `context` values: the Lambda returns them beside the policy and they often hold secrets (tokens, user
 * ids, entitlements). API Gateway logs them unmasked in `Authorizer result body before parsing: {…}`, sometimes cut
 * at 1024 bytes. Keys stay readable (they explain the request); every value becomes `"[REDACTED]"`.
 * @module
 */
import { trimTruncatedMarker, type Work } from './scan-chars.js';
import { scanJsonString, skipJsonSpace, skipJsonValue } from './scan-json.js';
import { REDACTED, type Span } from './spans.js';

/** What replaces one context value, quoted so the body stays JSON-shaped. */
export const REDACTED_JSON_VALUE = `"${REDACTED}"`;

/**
 * Reports a span for every value of the top-level `context` object of the JSON object at or after `pos` (after
 * whitespace). Tolerates bodies cut mid-way: an unfinished value is hidden up to the cut (a trailing ` [TRUNCATED]`
 * is kept); an unfinished key is kept. Stops at the first thing that is not JSON. Returns where scanning stopped.
 * @example
 * const spans: Span[] = [];
 * findContextValues('{"context":{"user":"alice"}}', 0, spans, createWork());
 * // spans: [{ start: 19, end: 26, replacement: '"[REDACTED]"' }]
 */
export function findContextValues(text: string, pos: number, spans: Span[], work: Work): number {
  let i = skipJsonSpace(text, pos, work);
  if (text.charCodeAt(i) !== 123 /* { */) return i;
  i++;
  for (;;) {
    i = skipJsonSpace(text, i, work);
    if (i >= text.length) return i;
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i++;
      continue;
    }
    if (c === 125 /* } */) return i + 1;
    if (c !== 34 /* " */) return i;
    const key = scanJsonString(text, i, work);
    if (!key.closed) return key.end;
    const isContext = key.end - i === 9 && text.startsWith('"context"', i);
    i = skipJsonSpace(text, key.end, work);
    if (text.charCodeAt(i) !== 58 /* : */) return i;
    i = skipJsonSpace(text, i + 1, work);
    if (i >= text.length) return i;
    if (isContext && text.charCodeAt(i) === 123) {
      i = hideObjectValues(text, i, spans, work);
      continue;
    }
    const value = skipJsonValue(text, i, work);
    if (value.end === i) return i;
    // A context that is not an object is invalid, but may still be a secret: hide it whole.
    if (isContext) spans.push(valueSpan(text, i, value.end, value.closed));
    if (!value.closed) return value.end;
    i = value.end;
  }
}

/** Hides every member value of the object at `pos` (its `{`); returns where it stopped. */
function hideObjectValues(text: string, pos: number, spans: Span[], work: Work): number {
  let i = pos + 1;
  for (;;) {
    i = skipJsonSpace(text, i, work);
    if (i >= text.length) return i;
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 125) return i + 1;
    if (c !== 34) return i;
    const key = scanJsonString(text, i, work);
    if (!key.closed) return key.end;
    i = skipJsonSpace(text, key.end, work);
    if (text.charCodeAt(i) !== 58) return i;
    i = skipJsonSpace(text, i + 1, work);
    if (i >= text.length) return i;
    const value = skipJsonValue(text, i, work);
    if (value.end === i) return i;
    spans.push(valueSpan(text, i, value.end, value.closed));
    if (!value.closed) return value.end;
    i = value.end;
  }
}

function valueSpan(text: string, start: number, end: number, closed: boolean): Span {
  return { start, end: closed ? end : trimTruncatedMarker(text, start, end), replacement: REDACTED_JSON_VALUE };
}
