/** Helpers shared by the report tests. */

/** Counts non-overlapping occurrences of `needle` in `text`. */
export function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Every `name="value"` pair of the elements of `html` that carry `attribute`, as a list of attribute maps. */
export function elementsWith(html: string, tag: string, attribute: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const open = new RegExp(`<${tag}\\b([^>]*)>`, 'g');
  for (const match of html.matchAll(open)) {
    const attrs: Record<string, string> = {};
    for (const a of (match[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1] ?? ''] = a[2] ?? '';
    if (attribute in attrs) out.push(attrs);
  }
  return out;
}

/** Control characters that must never reach a terminal from log text (C0 but newline, DEL, C1). */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
