/**
 * Logs Insights results copied as a markdown table:
 * `| @timestamp | @message |`, a `|---|---|` separator, then one `| … | … |` row per event.
 * The layout is matched loosely (an inferred shape): lines before the header are skipped, an unescaped `|` inside a
 * message is kept in the message column, and a line that does not start with `|` continues the previous row.
 * @module
 */
import type { DecodeContext } from './decode-context.js';
import type { LineRule } from './line-rule.js';
import type { ContinuationJoiner } from './join-continuations.js';
import { readEventFields } from './read-event-fields.js';

/**
 * Split a table row into trimmed cells; `\|` is an escaped pipe.
 *
 * @example
 * splitMarkdownRow('| a | b \\| c |'); // ['a', 'b | c']
 */
export function splitMarkdownRow(text: string): string[] {
  let body = text.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  let from = 0;
  for (let bar = body.indexOf('|'); bar !== -1; bar = body.indexOf('|', bar + 1)) {
    if (body.charCodeAt(bar - 1) === 92 /* \ */) {
      cell += `${body.slice(from, bar - 1)}|`;
    } else {
      cells.push((cell + body.slice(from, bar)).trim());
      cell = '';
    }
    from = bar + 1;
  }
  cells.push((cell + body.slice(from)).trim());
  return cells;
}

function isSeparatorRow(cells: string[]): boolean {
  return cells.every((cell) => {
    let dashes = 0;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 45) dashes++;
      else if (c !== 58 /* : */ || (i !== 0 && i !== cell.length - 1)) return false;
    }
    return dashes > 0;
  });
}

/**
 * Create the line rule of the markdown table container.
 *
 * @example
 * const rule = createMarkdownRule(ctx, joiner);
 * rule.line('| @timestamp | @message |', 1, 25);
 */
export function createMarkdownRule(ctx: DecodeContext, joiner: ContinuationJoiner): LineRule {
  let columns: Map<string, number> | null = null;
  let width = 0;
  let messageColumn = -1;

  return {
    line(text, line, bytes) {
      if (!text.trimStart().startsWith('|')) {
        if (columns !== null) joiner.continueWith(text, line, bytes);
        else if (text.trim().length > 0) ctx.skip();
        return;
      }
      let cells = splitMarkdownRow(text);
      if (columns === null) {
        columns = new Map(cells.map((name, index) => [name, index]));
        width = cells.length;
        messageColumn = columns.get('@message') ?? columns.get('message') ?? width - 1;
        ctx.skip();
        return;
      }
      if (isSeparatorRow(cells)) {
        ctx.skip();
        return;
      }
      if (cells.length > width && messageColumn >= 0) {
        // Pipes inside the message were not escaped: give the surplus cells back to the message.
        const surplus = cells.length - width;
        const message = cells.slice(messageColumn, messageColumn + surplus + 1).join(' | ');
        cells = [...cells.slice(0, messageColumn), message, ...cells.slice(messageColumn + surplus + 1)];
      }
      const index = columns;
      const fields = readEventFields((name) => {
        const i = index.get(name);
        return i === undefined ? undefined : cells[i];
      });
      if (fields.message === null) {
        joiner.flush();
        ctx.malformed('MALFORMED_RECORD', 'Table row has no @message column', { file: ctx.file, line });
        return;
      }
      joiner.start(fields.timestamp, fields.message, line, bytes, fields.logStream, fields.logGroup, fields.eventId);
    },
    longLine(head, line) {
      joiner.dropTooLong(line, head.trimStart().startsWith('|'), `Line ${line}`);
    },
    end() {},
  };
}
