/**
 * The synchronous decoder: decompressed bytes in, {@link LogEvent} batches out. Sniffs the container from the first
 * bytes, then hands every chunk to that container's decoder.
 * @module
 */
import type { DecodeStats, InputFormat, LogEvent } from '../types.js';
import { createContainer } from './create-container.js';
import { createDecodeContext, type ContainerDecoder } from './decode-context.js';
import { createJsonTokensDecoder } from './decode-json-tokens.js';
import { resolveDecoderOptions, type DecoderOptions } from './decoder-options.js';
import type { EventSink } from './event-sink.js';
import { SNIFF_BYTES, sniffHead } from './sniff-format.js';

/** A synchronous decoder of one input (a file or stdin). */
export interface Decoder {
  /** Decode a chunk of decompressed bytes; returns the events it completed (possibly none). */
  push(chunk: Uint8Array): LogEvent[];
  /** The input ended: returns the last events (a held multi-line event, a final line without newline). */
  end(): LogEvent[];
  /** Live counters: bytes consumed, events, malformed and skipped records. */
  readonly stats: DecodeStats;
  /** The container, once sniffed (null before, and for input of no known container). */
  readonly format: InputFormat | null;
  /** Whether the chunks pushed now end up back in the read-buffer pool (see ContainerDecoder.keepsChunks). */
  readonly keepsChunks: boolean;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SNIFF_STEP = 256;
const EMPTY = Buffer.alloc(0);
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Create a decoder. Input of no known container is reported once (NOT_A_LOG_EXPORT) and its bytes are counted but
 * not decoded; an input with no events reports EMPTY_INPUT at `end()`. Bad data never throws; bad options throw a
 * TypeError naming the option.
 *
 * @example
 * const decoder = createDecoder({ file: 'export.ndjson', onDiagnostic: (d) => console.error(d.message) });
 * const events = [...decoder.push(chunk), ...decoder.end()];
 *
 * With a `sink` (the pipeline's own step), events go to it as they are decoded, many as ByteEvents, and
 * `push`/`end` return nothing.
 */
export function createDecoder(options: DecoderOptions, sink?: EventSink): Decoder {
  const resolved = resolveDecoderOptions(options);
  let format: InputFormat | null = resolved.format;
  const ctx = createDecodeContext({
    ...resolved,
    sink,
    onFormat(found) {
      format = found;
    },
  });
  let container: ContainerDecoder | null = format === null ? null : createContainer(format, ctx);
  let decided = format !== null;
  let head: Buffer[] = [];
  let headBytes = 0;
  let sniffedAt = 0;
  let bomChecked = false;
  let bomHeld: Buffer | null = null;
  let ended = false;

  /** Decide the container from the held head; on success replay the head into it. */
  function decide(final: boolean, out: LogEvent[]): void {
    const bytes = head.length === 1 ? (head[0] as Buffer) : Buffer.concat(head, headBytes);
    const text = bytes.toString('utf8', 0, Math.min(bytes.length, SNIFF_BYTES));
    const sniffed = sniffHead(text, final || headBytes >= SNIFF_BYTES);
    if (sniffed === undefined) return;
    decided = true;
    head = [];
    headBytes = 0;
    if (sniffed !== null) {
      format = sniffed;
      container = createContainer(sniffed, ctx);
    } else {
      const start = text.trimStart();
      if (start.length === 0) return; // only whitespace: EMPTY_INPUT at end
      if (start.startsWith('{') || start.startsWith('[')) {
        // JSON of no known shape: the generic reader names its keys in NOT_A_LOG_EXPORT (or says it is no JSON).
        container = createJsonTokensDecoder(ctx);
      } else {
        const gzip = bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
        ctx.report(
          'NOT_A_LOG_EXPORT',
          'error',
          gzip
            ? 'Input is gzip-compressed: decompress it first (decodeChunks and decodeFile do)'
            : 'Input is binary or of no known log container; it was not decoded',
          { file: ctx.file, offset: 0 },
        );
        return;
      }
    }
    container.push(bytes, out);
  }

  /**
   * Drop a UTF-8 byte-order mark at the start of the stream (it would become part of the first line or key), even
   * when it arrives split over several chunks.
   */
  function stripByteOrderMark(buf: Buffer): Buffer {
    if (bomChecked) return buf;
    const joined = bomHeld === null ? buf : Buffer.concat([bomHeld, buf]);
    if (joined.length < 3 && BOM.subarray(0, joined.length).equals(joined)) {
      bomHeld = Buffer.from(joined);
      return EMPTY;
    }
    bomChecked = true;
    bomHeld = null;
    return BOM.equals(joined.subarray(0, 3)) ? joined.subarray(3) : joined;
  }

  function feed(buf: Buffer, out: LogEvent[]): void {
    if (buf.length === 0) return;
    if (container !== null) container.push(buf, out);
    else if (!decided) {
      // Held across calls: copied, the caller may reuse its buffer.
      head.push(Buffer.from(buf));
      headBytes += buf.length;
      // Sniffing again after every tiny chunk would copy the head each time; a decision never depends on when it
      // is tried (see sniffHead), so trying every 256 bytes changes nothing but the cost.
      if (headBytes >= sniffedAt + SNIFF_STEP) {
        sniffedAt = headBytes;
        decide(false, out);
      }
    }
  }

  return {
    push(chunk) {
      if (ended) throw new Error('Decoder.push() called after end()');
      ctx.stats.bytes += chunk.byteLength;
      const out: LogEvent[] = [];
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      feed(stripByteOrderMark(buf), out);
      return out;
    },
    end() {
      if (ended) return [];
      ended = true;
      const out: LogEvent[] = [];
      if (bomHeld !== null) {
        // The input was only part of a byte-order mark: decode those bytes as they are.
        bomChecked = true;
        const held = bomHeld;
        bomHeld = null;
        feed(held, out);
      }
      if (!decided && headBytes > 0) decide(true, out);
      else if (!decided) decided = true;
      container?.end(out);
      if (ctx.stats.events === 0 && !ctx.hasReported('NOT_A_LOG_EXPORT')) {
        ctx.report(
          'EMPTY_INPUT',
          'warning',
          ctx.stats.bytes === 0 ? 'Input is empty' : 'Input holds no log events',
          { file: ctx.file },
        );
      }
      return out;
    },
    get stats() {
      return ctx.stats;
    },
    get format() {
      return format;
    },
    get keepsChunks() {
      return container?.keepsChunks === true;
    },
  };
}
