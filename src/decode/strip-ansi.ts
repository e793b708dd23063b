/**
 * Remove terminal colour codes (`ESC[…m` and the other CSI sequences `aws logs tail` may print on a TTY).
 * @module
 */

const ESC = '\u001b';
/** A CSI sequence longer than this is not one we know: keep it as text rather than scan on (input is hostile). */
const MAX_SEQUENCE = 32;

/**
 * Strip ANSI CSI escape sequences (`ESC [ params final`, e.g. `\u001b[32m`) from `text`. Linear, no regex.
 *
 * @example
 * stripAnsi('\u001b[32m2024-02-24T00:29:03\u001b[0m hello'); // '2024-02-24T00:29:03 hello'
 */
export function stripAnsi(text: string): string {
  let esc = text.indexOf(ESC);
  if (esc === -1) return text;
  let result = '';
  let from = 0;
  while (esc !== -1) {
    const end = findSequenceEnd(text, esc);
    if (end !== -1) {
      result += text.slice(from, esc);
      from = end;
    }
    esc = text.indexOf(ESC, Math.max(esc + 1, from));
  }
  return result + text.slice(from);
}

/** Index just after the CSI sequence starting at `esc`, or -1 when it is not one. */
function findSequenceEnd(text: string, esc: number): number {
  if (text.charCodeAt(esc + 1) !== 0x5b /* [ */) return -1;
  const limit = Math.min(text.length, esc + MAX_SEQUENCE);
  for (let i = esc + 2; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x40 && c <= 0x7e) return i + 1; // final byte
    if (c < 0x20 || c > 0x3f) return -1; // neither parameter nor intermediate byte
  }
  return -1;
}
