/** Longest piece of log text a diagnostic message quotes. */
const QUOTE_MAX = 80;

/**
 * Log text made safe for a diagnostic message: cut to 80 characters and JSON-quoted, so control characters,
 * ANSI escapes and newlines of attacker-controlled input cannot reach a terminal raw.
 * @example
 * quoteText('a\nb'); // → '"a\\nb"'
 */
export function quoteText(text: string): string {
  return text.length > QUOTE_MAX ? `${JSON.stringify(text.slice(0, QUOTE_MAX))}…` : JSON.stringify(text);
}
