/**
 * NDJSON: one event object per line (`jq -c '.events[]'`, forwarders). The hot path of the JSON forms.
 * @module
 */
import type { LogEvent } from '../types.js';
import type { ContainerDecoder, DecodeContext } from './decode-context.js';
import { appendObjectEvents } from './append-object-events.js';
import { createByteEvent } from './event-sink.js';
import { COMPACT_LAYOUT, readAwsEvent } from './read-aws-event.js';
import { fillFlatByteEvent } from './read-flat-bytes.js';
import { readFlatEvent } from './read-flat-event.js';
import { isBlank, scanFlatEvent } from './scan-flat-event.js';
import { createLineSplitter } from './split-lines.js';

/**
 * Create the NDJSON decoder. Each line is decoded from the chunk on its own, read by the flat fast path, and only
 * parsed with `JSON.parse` when its shape is unusual. A line that is not JSON is one MALFORMED_RECORD with its line
 * number; the lines around it are kept. Blank lines are not records. When the context takes ByteEvents, a plain
 * line (ASCII, flat, see fillFlatByteEvent) is read in the chunk's latin1 view and handed over as one, no string
 * made; any other line takes the path above.
 *
 * @example
 * const decoder = createNdjsonDecoder(ctx);
 * decoder.push(Buffer.from('{"timestamp":1,"message":"(id) a"}\n'), out);
 */
export function createNdjsonDecoder(ctx: DecodeContext): ContainerDecoder {
  let out: LogEvent[] = [];
  const file = ctx.file;
  const fast = ctx.takesBytes;
  const event = createByteEvent();

  const splitter = createLineSplitter(
    ctx.maxRecordBytes,
    (buf, start, end, line) => {
      if (start === end) return;
      if (fast) {
        const view = ctx.viewOf(buf);
        const after = readAwsEvent(ctx, buf, view, start, end, COMPACT_LAYOUT, event, line, -1);
        if (after >= 0 && isBlank(view.text, after, end)) {
          ctx.emitBytes(event);
          return;
        }
        const objectEnd = scanFlatEvent(view.text, start, end);
        if (objectEnd >= 0 && isBlank(view.text, objectEnd, end) && fillFlatByteEvent(ctx, buf, view, start, end, event, line, -1)) {
          ctx.emitBytes(event);
          return;
        }
      }
      const source = { file, line };
      const text = ctx.decodeText(buf, start, end, source);
      const flat = readFlatEvent(text);
      if (flat !== null) {
        ctx.emit(out, flat.timestamp, flat.message as string, source, flat.logStream, flat.logGroup, flat.eventId);
        return;
      }
      if (text.trim().length === 0) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.malformed('MALFORMED_RECORD', `Line ${line} is not valid JSON`, source);
        return;
      }
      appendObjectEvents(value, text, ctx, source, out);
    },
    (_head, line) => {
      ctx.malformed('RECORD_TOO_LONG', `Line ${line} exceeds ${ctx.maxRecordBytes} bytes`, { file, line });
    },
  );

  return {
    keepsChunks: fast,
    push(chunk, target) {
      out = target;
      splitter.push(chunk);
    },
    end(target) {
      out = target;
      splitter.end();
    },
  };
}
