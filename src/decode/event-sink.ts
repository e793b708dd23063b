/**
 * Where a decoder's events go. The public decode API collects {@link LogEvent} objects; the pipeline's own step
 * hands the decoders a sink that takes most events as {@link ByteEvent}s instead: positions in the chunk, copied
 * once into the request's line store, their text made into strings only for the few lines a rule reads.
 *
 * Why: on 200 MB of NDJSON, making every message a string (and every event an object) cost more than the whole
 * budget of the analysis: the garbage collector alone took 30 % of the run, since the events of open requests
 * survive young-generation collections (benchmarks/NOTES.md).
 * @module
 */
import { isAscii } from 'node:buffer';
import type { LogEvent } from '../types.js';
import { findStringEnd } from './scan-flat-event.js';

/**
 * One decoded event whose message is still bytes, as a fast decoder found it. The decoder fills one object and
 * reuses it for every event: a sink copies what it keeps before it returns.
 *
 * A decoder only makes a ByteEvent of an event whose every byte is ASCII, whose message starts with `(` and
 * holds no control character, and whose JSON escapes (if any) are valid; anything else goes the general way,
 * as a LogEvent, so both ways read the same text.
 */
export interface ByteEvent {
  /** The bytes: a chunk of the input. */
  bytes: Buffer;
  /**
   * The same bytes as a plain Uint8Array: `set(array.subarray(…))` copies in about two thirds of the time of
   * `Buffer#copy`, whose JavaScript wrapper validates and wraps every call (measured 35 vs 52 ns for 433 bytes).
   */
  array: Uint8Array;
  /** `bytes` decoded as latin1: one character per byte, for the string built-ins (indexOf, startsWith, regexes). */
  view: string;
  /** The message is `bytes[start, end)`. */
  start: number;
  end: number;
  /** Index of the first backslash of the message (JSON-escaped text: unescape when reading it), or -1. */
  backslash: number;
  /** Epoch ms. */
  timestamp: number;
  /** 1-based line of the event in the decoded text, or -1 when the container gives byte offsets. */
  line: number;
  /** Byte offset of the event in the decoded stream, or -1 when it has a line. */
  offset: number;
  /** The stream, when given as a string; else see {@link streamStart}. */
  logStream: string | undefined;
  /**
   * The stream name is `bytes[streamStart, streamEnd)` (ASCII, no escape), made a string only when needed (one
   * line of a trace needs it); -1 when {@link logStream} says it.
   */
  streamStart: number;
  streamEnd: number;
  logGroup: string | undefined;
  /** The event id is `bytes[idStart, idEnd)` (ASCII, no escape), or -1 when the event has none. */
  idStart: number;
  idEnd: number;
  /** Set by the reassembler (not the decoder): a digest of the event id, for its duplicate check. */
  idDigest: number;
}

/** An empty {@link ByteEvent}, for a decoder to fill. */
export function createByteEvent(): ByteEvent {
  return {
    bytes: EMPTY,
    array: EMPTY,
    view: '',
    start: 0,
    end: 0,
    backslash: -1,
    timestamp: 0,
    line: -1,
    offset: -1,
    logStream: undefined,
    streamStart: -1,
    streamEnd: -1,
    logGroup: undefined,
    idStart: -1,
    idEnd: -1,
    idDigest: 0,
  };
}

const EMPTY = Buffer.alloc(0);

/** What a {@link ByteEvent} points into: a buffer's plain array and latin1 view (the fields of a ChunkView). */
export interface ByteView {
  readonly array: Uint8Array;
  readonly text: string;
}

/**
 * Set the message part of `event`: its bytes (`bytes`, and `view`'s array and text), the message `[start, end)`,
 * its first backslash (or -1), its time and position (`line` or `offset`, the other -1). One setter for every fast
 * decoder, so the fields are always written in the same order and the object keeps one shape; it allocates
 * nothing, as it runs per event. The stream, group and id are the caller's: each decoder finds them differently.
 * @example
 * setByteMessage(event, buf, view, start, end, -1, 1708734543163, 12, -1);
 */
export function setByteMessage(
  event: ByteEvent,
  bytes: Buffer,
  view: ByteView,
  start: number,
  end: number,
  backslash: number,
  timestamp: number,
  line: number,
  offset: number,
): void {
  event.bytes = bytes;
  event.array = view.array;
  event.view = view.text;
  event.start = start;
  event.end = end;
  event.backslash = backslash;
  event.timestamp = timestamp;
  event.line = line;
  event.offset = offset;
}

/** Receives decoded events, in input order. */
export interface EventSink {
  /** An event decoded the general way. */
  event(event: LogEvent): void;
  /** An event still in bytes (see {@link ByteEvent}); null when this sink wants LogEvents only. */
  readonly bytes: ((event: ByteEvent) => void) | null;
}

/** Bytes per block whose ASCII-ness {@link ViewMarks.plain} asks once. */
const BLOCK_SHIFT = 12;

/**
 * Questions the fast paths ask of every line of a chunk, answered without a scan per line.
 *
 * Measured on 1 MiB chunks (Node 20): a regex search for a character class runs at 2–4 GB/s (a control or
 * non-ASCII search over every chunk cost 110 ms on 200 MB), `isAscii` at about 100 GB/s and a one-character
 * `indexOf` alike. So a chunk is asked `isAscii` once; one that is not is asked per 4 KiB block, lazily, and
 * per line only inside a block that holds a non-ASCII byte (real logs hold one in about 0.1 % of events). ESC
 * is found with `indexOf`. A class, not closures: these run once per line, and its fields stay monomorphic.
 */
export class ViewMarks {
  private escFrom = 0;
  private escAt = -2;
  private backslashFrom = 0;
  private backslashAt = -2;
  /** Null when the whole buffer is ASCII; else per block: 0 not asked yet, 1 all ASCII, 2 not. */
  private readonly blocks: Uint8Array | null;

  constructor(
    private readonly bytes: Buffer,
    private readonly view: string,
  ) {
    this.blocks = isAscii(bytes) ? null : new Uint8Array((bytes.length >> BLOCK_SHIFT) + 1);
  }

  /** True when the whole buffer is ASCII: asked once, in the constructor, so a caller need not ask `isAscii` again. */
  get ascii(): boolean {
    return this.blocks === null;
  }

  /** True when `bytes[start, end)` is all ASCII and holds no ESC (the general way strips ANSI codes). */
  plain(start: number, end: number): boolean {
    if (this.escAt === -2 || start < this.escFrom || this.escAt < start) {
      this.escFrom = start;
      const at = this.view.indexOf('\u001b', start);
      this.escAt = at === -1 ? Infinity : at;
    }
    if (this.escAt < end) return false;
    const blocks = this.blocks;
    if (blocks === null) return true;
    const last = (end - 1) >> BLOCK_SHIFT;
    for (let b = start >> BLOCK_SHIFT; b <= last; b++) {
      let state = blocks[b]!;
      if (state === 0) {
        const from = b << BLOCK_SHIFT;
        state = blocks[b] = isAscii(this.bytes.subarray(from, Math.min(from + (1 << BLOCK_SHIFT), this.bytes.length))) ? 1 : 2;
      }
      if (state === 2) return isAscii(this.bytes.subarray(start, end));
    }
    return true;
  }

  /** Index of the first backslash at or after `from`, or Infinity. */
  backslash(from: number): number {
    if (this.backslashAt === -2 || from < this.backslashFrom || this.backslashAt < from) {
      this.backslashFrom = from;
      const at = this.view.indexOf('\\', from);
      this.backslashAt = at === -1 ? Infinity : at;
    }
    return this.backslashAt;
  }
}

/**
 * The marks of one buffer and its latin1 view. Positions asked must not decrease between calls of one kind (lines
 * are read in order); a smaller one searches again, so it is still right, only slower.
 * @example
 * const marks = createViewMarks(Buffer.from('a\\b'), 'a\\b');
 * marks.backslash(0); // → 1
 */
export function createViewMarks(bytes: Buffer, view: string): ViewMarks {
  return new ViewMarks(bytes, view);
}

/**
 * A JSON string's content from `start` to its closing quote, checked in one pass: every escape valid, no escaped
 * ESC (the general way strips the ANSI code it starts, from the unescaped text) and no raw control character
 * (invalid JSON). Each position can match one alternative only, so a failure backtracks in linear time; but its
 * backtrack stack grows with the string (a 12 MB string overflows it), so it only ever runs on a string whose
 * closing quote was found first and lies within {@link ESCAPED_STRING_MAX}.
 */
const ESCAPED_STRING = /(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u(?!001[bB])[0-9a-fA-F]{4})*"/y;
/** Longest escaped string read by {@link ESCAPED_STRING}; longer ones go the general way. */
const ESCAPED_STRING_MAX = 64 * 1024;

/**
 * Where the JSON string whose content starts at `start` ends (the index of its closing quote), when that quote is
 * before `limit`, at most {@link ESCAPED_STRING_MAX} after `start`, and the content's escapes are all valid with no
 * escaped ESC nor raw control character; else -1 (the general way then reads it, and calls it malformed or strips
 * the ANSI code). Safe on any input by itself: on a view longer than the maximum past `start`, a linear scan finds
 * the quote first, so the regex pass runs only on a bounded string (it stops at that quote: the first one no
 * backslash escapes). One regex pass measured
 * 480-600 ns per escaped NDJSON message where separate walks over backslashes and control characters took 950.
 * @example
 * readEscapedString('"a\\"b"', 1, 7); // → 6
 */
export function readEscapedString(view: string, start: number, limit: number): number {
  // The regex's stack grows with what it matches, at most the rest of the view: a chunk's view is 64 KiB at most,
  // so the scan for the quote runs only on a longer view (a record gathered across chunks, a payload). Scanning
  // every time cost about 0.7 µs per escaped message, more than the regex pass itself.
  if (view.length - start > ESCAPED_STRING_MAX) {
    const quote = findStringEnd(view, start);
    if (quote < 0 || quote >= limit || quote - start > ESCAPED_STRING_MAX) return -1;
  }
  ESCAPED_STRING.lastIndex = start;
  if (!ESCAPED_STRING.test(view)) return -1;
  const end = ESCAPED_STRING.lastIndex - 1;
  return end < limit ? end : -1;
}
