/**
 * Redaction works in two steps: rules report the ranges to hide ({@link Span}s), then one pass builds the output.
 * Rules may report overlapping ranges (a JWT inside an authorizer `context` value): the outer range wins.
 * @module
 */

/** The text that replaces a secret. */
export const REDACTED = '[REDACTED]';

/** A range `[start, end)` of the input to replace with `replacement`. */
export interface Span {
  start: number;
  end: number;
  replacement: string;
}

/**
 * Replaces every span of `text`. Overlapping spans are merged: a span inside another is dropped; two that partly
 * overlap become one replaced by {@link REDACTED}. Returns `text` itself when there is nothing to replace.
 * @example applySpans('a secret b', [{ start: 2, end: 8, replacement: '[REDACTED]' }]) // 'a [REDACTED] b'
 */
export function applySpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  // Outer spans first on equal starts, so inner ones are recognised as contained.
  const sorted = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let cursor = 0;
  let current: Span | null = null;
  for (const span of sorted) {
    if (span.end <= span.start) continue;
    if (current !== null && span.start < current.end) {
      if (span.end > current.end) current = { start: current.start, end: span.end, replacement: REDACTED };
      continue;
    }
    if (current !== null) {
      parts.push(text.slice(cursor, current.start), current.replacement);
      cursor = current.end;
    }
    current = span;
  }
  if (current !== null) {
    parts.push(text.slice(cursor, current.start), current.replacement);
    cursor = current.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
