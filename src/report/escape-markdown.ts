/**
 * Markdown safety for log text pasted into tickets: a `|` would break the table, a backtick open a code span, `<`
 * inject HTML, `[`/`]` forge links or images, `*`/`_` restyle, a newline end the row.
 * @module
 */
import { escapeControlChars } from './escape-control.js';

// A single character class: linear.
const MARKDOWN_SPECIAL = /[\\`*_[\]|<>&#!~]/g;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Escapes text for one markdown table cell: control characters made visible, markdown punctuation backslashed,
 * `<`, `>`, `&` as entities, newlines as `<br>`.
 * @example escapeMarkdownCell('a|b `c` <script>') // 'a\\|b \\`c\\` &lt;script&gt;'
 */
export function escapeMarkdownCell(text: string): string {
  const visible = escapeControlChars(text, { multiline: true }).replace(/\t/g, ' ');
  MARKDOWN_SPECIAL.lastIndex = 0;
  const escaped = visible.replace(MARKDOWN_SPECIAL, (c) => ENTITIES[c] ?? `\\${c}`);
  return escaped.replace(/\r?\n/g, '<br>');
}
