/**
 * HTML safety: every field of a report comes from log text an attacker may control.
 * @module
 */

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @example escapeHtml('<img src=x onerror="a">') // '&lt;img src=x onerror=&quot;a&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  HTML_SPECIAL.lastIndex = 0;
  if (!HTML_SPECIAL.test(text)) return text;
  HTML_SPECIAL.lastIndex = 0;
  return text.replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c] ?? c);
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * Serialises a value as JSON that is safe inside `<script type="application/json">`: `<`, `>`, `&`, U+2028 and
 * U+2029 become `\u` escapes, so no `</script>` or `<!--` can appear and the text stays valid JavaScript too.
 * @example serializeJsonForScript({ a: '</script>' }) // '{"a":"\\u003c/script\\u003e"}'
 */
export function serializeJsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
