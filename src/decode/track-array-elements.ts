/**
 * Byte offsets of the elements of a top-level JSON array, for the stream-json reader, which reports no positions.
 *
 * Why a second pass over the bytes: stream-json's tokens carry no offsets, so without this every record of a console
 * JSON export (a top-level array of rows) was placed at the start of its 4 KiB input block. This scan finds only
 * where each element starts, skipping each element with {@link scanJsonValue} (strings by `Buffer.indexOf`), which
 * measured 154–210 MB/s against stream-json's 26–60 MB/s on the same kind of data (PERF-NOTES.md): a small cost on
 * a path that is stream-json-bound anyway. Input whose first value is not an array (a `results` or `test-invoke`
 * document) is not scanned at all, so its cost and offsets stay as they were.
 * @module
 */
import { createValueScan, resetValueScan, scanJsonValue } from './scan-json-value.js';
import { isSpace } from './scan-flat-event.js';

/** Tracks the offsets of top-level array elements. */
export interface ArrayElementTracker {
  /** Scan the next block of the input; `offset` is the stream offset of its first byte. Call before tokenizing it. */
  scan(block: Buffer, offset: number): void;
  /**
   * The offset of the next element not yet taken, in input order; `undefined` when none is known (the input does
   * not start with an array, or it is not valid JSON, where the tokenizer stops first).
   */
  take(): number | undefined;
}

const enum State {
  /** Before the first value: only an array is tracked. */
  Start,
  /** Between top-level values (a JSON stream of several arrays). */
  Top,
  /** In a top-level array: an element, `,` or `]`. */
  Array,
  /** Skipping an element. */
  Element,
  /** Skipping a top-level value that is not an array. */
  Skip,
  /** The input does not start with an array: nothing is tracked. */
  Off,
}

/** A byte that can start a JSON value (a delimiter such as `}` must never start a scan: it would end at once). */
function startsValue(c: number): boolean {
  return c === 123 || c === 91 || c === 34 || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110;
}

/**
 * Create a tracker. Elements are taken one per element, in order, by whoever reads the tokens of the same bytes;
 * the queue holds only the elements of the blocks scanned but not yet tokenized (bounded by the block size).
 *
 * @example
 * const tracker = createArrayElementTracker();
 * tracker.scan(Buffer.from('[{"foo":1},{"bar":2}]'), 0);
 * tracker.take(); // 1
 * tracker.take(); // 11
 */
export function createArrayElementTracker(): ArrayElementTracker {
  const scan = createValueScan();
  let state = State.Start;
  let offsets: number[] = [];
  let head = 0;

  return {
    scan(block, offset) {
      const length = block.length;
      let p = 0;
      while (p < length && state !== State.Off) {
        if (state === State.Element || state === State.Skip) {
          const end = scanJsonValue(block, p, scan);
          if (end === -1) return;
          state = state === State.Element ? State.Array : State.Top;
          p = end;
          continue;
        }
        const c = block[p] as number;
        if (isSpace(c)) p++;
        else if (state === State.Array) {
          if (c === 93) state = State.Top;
          if (!startsValue(c)) {
            p++; // `,`, `]`, or damage the tokenizer stops at
            continue;
          }
          offsets.push(offset + p);
          resetValueScan(scan);
          state = State.Element;
        } else if (c === 91) {
          state = State.Array;
          p++;
        } else if (state === State.Start) state = State.Off;
        else if (startsValue(c)) {
          resetValueScan(scan);
          state = State.Skip;
        } else p++;
      }
    },
    take() {
      if (head >= offsets.length) return undefined;
      const next = offsets[head++];
      if (head === offsets.length) {
        // Drained: start over, so the queue never grows with the input.
        offsets = [];
        head = 0;
      }
      return next;
    },
  };
}
