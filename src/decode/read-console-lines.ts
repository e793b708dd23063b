/**
 * Console test output (LOG-FORMATS.md §2): `Execution log for request <id>`, then
 * `Thu Aug 31 01:07:25 UTC 2017 : <message>` lines.
 * @module
 */
import type { DecodeContext } from './decode-context.js';
import type { ContinuationJoiner } from './join-continuations.js';
import type { LineRule } from './line-rule.js';
import { parseConsoleTimestamp, type IsoParse } from './parse-timestamp.js';
import { hasRequestIdPrefix } from './recognize-event-start.js';

const iso: IsoParse = { end: 0, zoned: false, fractionDigits: 0 };

const CONSOLE_HEADER = 'Execution log for request ';

/**
 * The console rule. Its messages carry no `(id) ` prefix; the header is the only place naming the request, and the
 * header is not an event, so the id is put in front of each message: every container then yields the deployed-stage
 * message shape. A line that is neither header nor timed (the bare `Unauthorized` of a 401 test) continues the
 * event before it.
 *
 * @example
 * const rule = createConsoleRule(ctx, joiner);
 * rule.line('Execution log for request abc', 1, 29);
 * rule.line('Thu Aug 31 01:07:25 UTC 2017 : Starting execution', 2, 49); // message '(abc) Starting execution'
 */
export function createConsoleRule(ctx: DecodeContext, joiner: ContinuationJoiner): LineRule {
  let requestId: string | null = null;
  const consoleTime = (text: string): number => {
    const ms = parseConsoleTimestamp(text, 0, iso);
    if (Number.isNaN(ms)) return NaN;
    return text.startsWith(' :', iso.end) ? ms : NaN;
  };
  return {
    line(text, line, bytes) {
      if (text.startsWith(CONSOLE_HEADER)) {
        joiner.flush();
        const rest = text.slice(CONSOLE_HEADER.length).trim();
        const space = rest.indexOf(' ');
        requestId = (space === -1 ? rest : rest.slice(0, space)) || null;
        ctx.skip();
        return;
      }
      const ms = consoleTime(text);
      if (Number.isNaN(ms)) {
        joiner.continueWith(text, line, bytes);
        return;
      }
      let message = text.slice(text.charCodeAt(iso.end + 2) === 32 ? iso.end + 3 : iso.end + 2);
      if (requestId !== null && !hasRequestIdPrefix(message)) message = `(${requestId}) ${message}`;
      joiner.start(ms, message, line, bytes);
    },
    longLine(head, line) {
      joiner.dropTooLong(line, head.startsWith(CONSOLE_HEADER) || !Number.isNaN(consoleTime(head)), `Line ${line}`);
    },
    end() {},
  };
}
