/**
 * Text copied from the console or a terminal (LOG-FORMATS.md §2, copy-paste).
 * @module
 */
import type { DecodeContext } from './decode-context.js';
import type { ContinuationJoiner } from './join-continuations.js';
import type { LineRule } from './line-rule.js';
import { parseIsoTimestamp, type IsoParse } from './parse-timestamp.js';
import { hasRequestIdPrefix, startsForeignEvent } from './recognize-event-start.js';

const iso: IsoParse = { end: 0, zoned: false, fractionDigits: 0 };

/**
 * Text copied from the console or a terminal: `<ISO time> | <message>` (local offsets occur), a time alone on a
 * line followed by its message, or bare messages with no time at all (timestamp null).
 *
 * @example
 * const rule = createCopyPasteRule(ctx, joiner);
 * rule.line('2023-10-27T14:40:57.744+01:00 | (abc) Starting execution', 1, 56);
 */
export function createCopyPasteRule(ctx: DecodeContext, joiner: ContinuationJoiner): LineRule {
  let pendingTime: number | null = null;
  let pendingLine = 0;
  /** Once events are recognisable by a time or an `(id) ` prefix, other lines are continuations; in bare
   * unprefixed text (2016-era logs) each unindented line is an event. */
  let structured = false;

  /** Parse `<time>`, `<time> | msg`, `<time>|msg`, `<time>\tmsg` or `<time> msg`: message start, -2 for a time
   * alone, -1 for no time. */
  const timedMessageStart = (text: string): number => {
    if (Number.isNaN(parseIsoTimestamp(text, 0, iso))) return -1;
    const end = iso.end;
    if (text.slice(end).trim().length === 0) return -2;
    if (text.startsWith(' | ', end)) return end + 3;
    const c = text.charCodeAt(end);
    if (c === 124 /* | */) return text.charCodeAt(end + 1) === 32 ? end + 2 : end + 1;
    if (c === 9 || c === 32) return end + 1;
    return -1;
  };

  const dropPendingTime = (): void => {
    if (pendingTime === null) return;
    pendingTime = null;
    ctx.malformed('MALFORMED_RECORD', 'A timestamp line is followed by no message', {
      file: ctx.file,
      line: pendingLine,
    });
  };

  return {
    line(text, line, bytes) {
      const start = timedMessageStart(text);
      if (start === -2) {
        joiner.flush();
        dropPendingTime();
        pendingTime = parseIsoTimestamp(text, 0, iso);
        pendingLine = line;
        structured = true;
        return;
      }
      if (start >= 0) {
        dropPendingTime();
        structured = true;
        joiner.start(parseIsoTimestamp(text, 0, iso), text.slice(start), line, bytes);
        return;
      }
      if (pendingTime !== null) {
        if (text.trim().length === 0) return; // blank lines between a time and its message
        joiner.start(pendingTime, text, pendingLine, bytes);
        pendingTime = null;
        return;
      }
      if (hasRequestIdPrefix(text) || startsForeignEvent(text)) {
        structured = true;
        joiner.start(null, text, line, bytes);
        return;
      }
      const first = text.charCodeAt(0);
      const indented = first === 32 || first === 9 || first === 125 /* } */ || first === 93; /* ] */
      if (structured || indented || text.length === 0) joiner.continueWith(text, line, bytes);
      else joiner.start(null, text, line, bytes);
    },
    longLine(head, line) {
      const startsEvent =
        timedMessageStart(head) !== -1 || pendingTime !== null || !structured || hasRequestIdPrefix(head);
      pendingTime = null;
      joiner.dropTooLong(line, startsEvent, `Line ${line}`);
    },
    end() {
      dropPendingTime();
    },
  };
}
