/**
 * Terminal safety for log text. Log lines are attacker-controlled (request ids, paths, headers): printed raw, an
 * ESC sequence could move the cursor, recolour or retitle the terminal, and a bidi override could make a line read
 * differently from what it is. Such characters are shown as visible escapes instead.
 * @module
 */

// One character class, no quantifier: linear. C0 except tab/newline, DEL, C1, line/paragraph separators, bidi
// embeddings/overrides/isolates.
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// For one-line fields, newline, carriage return and tab too: a newline in a principal could forge report lines.
const UNSAFE_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Options of {@link escapeControlChars}. */
export interface EscapeControlOptions {
  /** Keep newlines and tabs (for multi-line evidence). Default false: one-line fields. */
  multiline?: boolean;
}

/**
 * Replaces control characters with visible escapes: `\x1B` for C0/C1/DEL, `\u202E` for separators and bidi
 * controls. Returns the input itself when it holds none.
 * @example escapeControlChars('/pets\u001b[2J') // '/pets\\x1B[2J'
 * @example escapeControlChars('a\nb', { multiline: true }) // 'a\nb'
 */
export function escapeControlChars(text: string, options: EscapeControlOptions = {}): string {
  const pattern = options.multiline === true ? UNSAFE_MULTILINE : UNSAFE_SINGLE_LINE;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, escapeChar);
}

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
