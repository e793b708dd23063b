/**
 * The decoder of the line-oriented text containers: S3 export, `aws logs tail`, console test output, copy-paste
 * and the Logs Insights markdown table.
 * @module
 */
import type { ContainerDecoder, DecodeContext } from './decode-context.js';
import { createLineRule, type TextFormat } from './classify-text-line.js';
import type { LineRule } from './line-rule.js';
import { createContinuationJoiner } from './join-continuations.js';
import { createMarkdownRule } from './read-markdown-table.js';
import { createS3TimeReader } from './read-s3-time.js';
import { createLineSplitter } from './split-lines.js';
import { stripAnsi } from './strip-ansi.js';

/** `2024-02-24T00:29:03.163Z`. */
const S3_TIME_LENGTH = 24;

const DESCRIPTIONS: Record<TextFormat | 'insights-markdown', string> = {
  's3-export': 'S3 export',
  tail: 'aws logs tail',
  console: 'Console test log',
  'copy-paste': 'Copied text',
  'insights-markdown': 'Logs Insights table',
};

/**
 * Create the decoder of a line-oriented text container. Each line is decoded from the byte chunk on its own
 * (see split-lines.ts for why), stripped of ANSI codes, and handed to the container's line rule.
 *
 * @example
 * const decoder = createTextLinesDecoder('s3-export', ctx);
 * const out: LogEvent[] = [];
 * decoder.push(Buffer.from('2024-02-24T00:29:03.163Z (id) hello\n'), out); decoder.end(out);
 */
export function createTextLinesDecoder(format: TextFormat | 'insights-markdown', ctx: DecodeContext): ContainerDecoder {
  const describe = DESCRIPTIONS[format];
  const joiner = createContinuationJoiner(ctx, format === 'copy-paste' ? 'event' : 'malformed', describe);
  const rule: LineRule =
    format === 'insights-markdown' ? createMarkdownRule(ctx, joiner) : createLineRule(format, ctx, joiner);
  // S3 export lines (`2024-02-24T00:29:03.163Z (id) …`) skip the string when the context takes ByteEvents.
  const s3Time = format === 's3-export' && ctx.takesBytes ? createS3TimeReader() : null;
  const splitter = createLineSplitter(
    ctx.maxRecordBytes,
    (buf, start, end, line) => {
      if (s3Time !== null) {
        const view = ctx.viewOf(buf);
        const ms = s3Time(view.text, start, end);
        if (!Number.isNaN(ms) && view.marks.plain(start, end)) {
          joiner.startBytes(buf, view, start + S3_TIME_LENGTH + 1, end, ms, line, end - start);
          return;
        }
      }
      let text = ctx.decodeText(buf, start, end, { file: ctx.file, line });
      // ESC only appears in coloured `aws logs tail` output; the indexOf is a native scan, cheap when absent.
      if (text.indexOf('\u001b') !== -1) text = stripAnsi(text);
      rule.line(text, line, end - start);
    },
    (head, line) => rule.longLine(stripAnsi(head.toString('utf8')), line),
  );
  return {
    keepsChunks: s3Time !== null,
    push(chunk, out) {
      joiner.out = out;
      splitter.push(chunk);
    },
    end(out) {
      joiner.out = out;
      splitter.end();
      rule.end();
      joiner.flush();
    },
  };
}
