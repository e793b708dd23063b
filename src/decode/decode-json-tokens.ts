/**
 * The generic JSON path, on stream-json's tokenizer: Logs Insights `get-query-results` (`results: [[{field,value}…]]`)
 * and console JSON exports (a top-level array of rows), `test-invoke-*` output (the console log in a `log` field),
 * small `{"events":[…]}` documents whose first key hid what they were, and JSON that is no log export at all
 * (NOT_A_LOG_EXPORT, naming the top-level keys found).
 *
 * Why stream-json here and not the byte scanner of the big forms: these shapes are rare, nested and varied, and
 * stream-json reads any of them in bounded memory with every string streamed in chunks. It is slow (26–60 MB/s,
 * 15–35x the read floor on a filter-log-events document, PERF-NOTES.md), which is why the big forms (NDJSON, S3
 * text, filter-log-events, subscription) never come here.
 * @module
 */
import { StringDecoder } from 'node:string_decoder';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import type { LogEvent } from '../types.js';
import type { ContainerDecoder, DecodeContext } from './decode-context.js';
import { quoteSnippet } from './decode-context.js';
import { createTextLinesDecoder } from './decode-text-lines.js';
import { readEventFields } from './read-event-fields.js';
import { createArrayElementTracker } from './track-array-elements.js';
import { walkJsonTokens } from './walk-json-tokens.js';

/**
 * stream-json reports no positions, so input is fed in blocks of this size and a record's `offset` is the start of
 * the block it begins in: at most this many bytes early, and the same whatever the caller's chunking. Elements of a
 * top-level array (the common console JSON export) get their exact offsets from a byte scan instead
 * (track-array-elements.ts).
 */
export const TOKEN_BLOCK_BYTES = 4096;

/**
 * Create the generic JSON decoder. A syntax error stops it (the tokenizer cannot resynchronise): what was read
 * before is kept, the record in progress is one MALFORMED_RECORD.
 *
 * @example
 * const decoder = createJsonTokensDecoder(ctx);
 * decoder.push(Buffer.from('{"results":[[{"field":"@message","value":"(id) a"}]]}'), out);
 */
export function createJsonTokensDecoder(ctx: DecodeContext): ContainerDecoder {
  const file = ctx.file;
  // Everything streamed, nothing packed: a huge key or string never sits whole in the tokenizer's buffer.
  const tokenize = jsonParser({ packValues: false, streamValues: true, jsonStreaming: true });
  const utf8 = new StringDecoder('utf8');
  let out: LogEvent[] = [];
  let blockOffset = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let failed = false;
  let logDecoder: ContainerDecoder | null = null;
  const elements = createArrayElementTracker();

  const walker = walkJsonTokens({
    maxValueBytes: ctx.maxRecordBytes,
    onRecord(read, tooLong) {
      const source = { file, offset: walker.recordOffset };
      if (tooLong) {
        ctx.malformed('RECORD_TOO_LONG', `Record exceeds ${ctx.maxRecordBytes} bytes`, source);
        return;
      }
      const fields = readEventFields(read);
      if (fields.message === null) {
        ctx.malformed('MALFORMED_RECORD', 'Record has no message field', source);
        return;
      }
      ctx.emit(out, fields.timestamp, fields.message, source, fields.logStream, fields.logGroup, fields.eventId);
    },
    onBadElement() {
      ctx.malformed('MALFORMED_RECORD', 'Array element is not a record', { file, offset: walker.recordOffset });
    },
    takeElementOffset() {
      return elements.take();
    },
    onTooDeep() {
      failed = true;
      ctx.malformed('MALFORMED_RECORD', 'JSON nests deeper than any log export; the rest of the input is ignored', {
        file,
        offset: walker.offset,
      });
    },
    onShape(format) {
      ctx.setFormat(format);
    },
    onLogStart() {
      ctx.setFormat('test-invoke');
      logDecoder = createTextLinesDecoder('console', ctx);
    },
    onLogChunk(text) {
      logDecoder?.push(Buffer.from(text, 'utf8'), out);
    },
    onLogEnd() {
      logDecoder?.end(out);
      logDecoder = null;
    },
  });

  function feed(block: Buffer): void {
    walker.offset = blockOffset;
    blockOffset += block.length;
    if (failed) return;
    elements.scan(block, walker.offset);
    const text = utf8.write(block);
    if (text.indexOf('\ufffd') !== -1 && block.indexOf(REPLACEMENT_BYTES) === -1) {
      ctx.report('INVALID_UTF8', 'warning', 'Bytes that are not valid UTF-8 were replaced with U+FFFD', {
        file,
        offset: walker.offset,
      });
    }
    let result;
    try {
      result = tokenize(text);
    } catch {
      failed = true;
      if (walker.recognized || walker.inRecord) {
        ctx.malformed('MALFORMED_RECORD', 'JSON is damaged here; the rest of the input is ignored', {
          file,
          offset: walker.offset,
        });
      }
      return;
    }
    if (typeof result === 'object') {
      for (const token of result.values as Token[]) {
        walker.push(token);
        if (failed) return;
      }
    }
  }

  return {
    keepsChunks: false,
    push(chunk, target) {
      out = target;
      // Re-block the input so offsets do not depend on the caller's chunking. The pending views are not copies:
      // safe only because this decoder emits LogEvents, never ByteEvents, so the reassembler never registers its
      // chunks and never gives them back to the read-buffer pool (read-buffers.ts) while a view here is held.
      let p = 0;
      while (p < chunk.length) {
        const take = Math.min(TOKEN_BLOCK_BYTES - pendingBytes, chunk.length - p);
        pending.push(chunk.subarray(p, p + take));
        pendingBytes += take;
        p += take;
        if (pendingBytes === TOKEN_BLOCK_BYTES) {
          feed(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending));
          pending = [];
          pendingBytes = 0;
        }
      }
    },
    end(target) {
      out = target;
      if (pendingBytes > 0) feed(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
      const source = { file, offset: blockOffset };
      if (!failed && walker.depth > 0) {
        if (walker.inRecord) {
          ctx.malformed('MALFORMED_RECORD', 'Record cut off by the end of input', { file, offset: walker.recordOffset });
        }
        ctx.report('TRUNCATED_INPUT', 'error', 'JSON document ends mid-way; the complete records are kept', source);
      }
      if (logDecoder !== null) {
        logDecoder.end(out);
        logDecoder = null;
      }
      if (!walker.recognized) {
        const keys = walker.topKeys;
        const what = failed
          ? 'Input is not valid JSON of a known log export'
          : keys.length > 0
            ? `JSON with top-level keys ${keys.map((k) => quoteSnippet(k, 40)).join(', ')} is not a log export`
            : 'JSON with no top-level object or array of records is not a log export';
        ctx.report('NOT_A_LOG_EXPORT', 'error', what, { file, offset: 0 });
      }
    },
  };
}

const REPLACEMENT_BYTES = Buffer.from('\ufffd', 'utf8');
