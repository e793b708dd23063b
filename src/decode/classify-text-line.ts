/**
 * How each line-oriented text container marks the start of an event (LOG-FORMATS.md §2). Every rule is anchored
 * at the start of the line and bounded: no regex runs over a whole (attacker-controlled) line.
 * @module
 */
import type { DecodeContext } from './decode-context.js';
import type { ContinuationJoiner } from './join-continuations.js';
import type { LineRule } from './line-rule.js';
import { parseIsoTimestamp, type IsoParse } from './parse-timestamp.js';
import { createConsoleRule } from './read-console-lines.js';
import { createCopyPasteRule } from './read-copy-paste-lines.js';

/** The text containers a {@link LineRule} exists for here (the markdown table has its own reader). */
export type TextFormat = 's3-export' | 'tail' | 'console' | 'copy-paste';

const iso: IsoParse = { end: 0, zoned: false, fractionDigits: 0 };

/** An ISO timestamp at the start of `text` followed by a space or the end of the line: epoch ms or NaN. */
function leadingIsoTime(text: string): number {
  const ms = parseIsoTimestamp(text, 0, iso);
  if (Number.isNaN(ms)) return NaN;
  return iso.end === text.length || text.charCodeAt(iso.end) === 32 ? ms : NaN;
}

/**
 * Create the line rule of `format`, feeding `joiner`.
 *
 * @example
 * const rule = createLineRule('s3-export', ctx, joiner);
 * rule.line('2024-02-24T00:29:03.163Z (id) hello', 1, 35);
 */
export function createLineRule(format: TextFormat, ctx: DecodeContext, joiner: ContinuationJoiner): LineRule {
  switch (format) {
    case 's3-export':
      // `2024-02-24T00:29:03.163Z <message>`
      return {
        line(text, line, bytes) {
          const ms = leadingIsoTime(text);
          if (Number.isNaN(ms) || !iso.zoned) joiner.continueWith(text, line, bytes);
          else joiner.start(ms, text.slice(iso.end + 1), line, bytes);
        },
        longLine(head, line) {
          joiner.dropTooLong(line, !Number.isNaN(leadingIsoTime(head)) && iso.zoned, `Line ${line}`);
        },
        end() {},
      };
    case 'tail':
      // detailed: `2024-02-24T00:29:03.163000+00:00 <logStream> <message>`; short: `2024-02-24T00:29:03 <message>`
      return {
        line(text, line, bytes) {
          const ms = leadingIsoTime(text);
          if (Number.isNaN(ms)) {
            joiner.continueWith(text, line, bytes);
          } else if (iso.zoned) {
            const space = text.indexOf(' ', iso.end + 1);
            const stream = text.slice(iso.end + 1, space === -1 ? text.length : space);
            joiner.start(ms, space === -1 ? '' : text.slice(space + 1), line, bytes, stream || undefined);
          } else {
            joiner.start(ms, text.slice(iso.end + 1), line, bytes);
          }
        },
        longLine(head, line) {
          joiner.dropTooLong(line, !Number.isNaN(leadingIsoTime(head)), `Line ${line}`);
        },
        end() {},
      };
    case 'console':
      return createConsoleRule(ctx, joiner);
    case 'copy-paste':
      return createCopyPasteRule(ctx, joiner);
  }
}
