/**
 * Keep the bytes of one record that spans chunks, up to a cap: the only input the JSON document decoders retain.
 * @module
 */

/** Holds a record's bytes while its end is being looked for. */
export interface ByteCapture {
  /** Begin a record at `start` in the current chunk. */
  begin(start: number): void;
  /** The current chunk ends: keep its part of the record. False when the record is now over the cap (dropped). */
  carry(chunk: Buffer): boolean;
  /** The record ends at `end` in `chunk`: its bytes (a view of `chunk` when it did not span chunks), or null when it
   * went over the cap. */
  finish(chunk: Buffer, end: number): Buffer | null;
  /** Forget the record. */
  clear(): void;
}

/**
 * Create a capture bounded by `maxBytes`.
 *
 * @example
 * const capture = createByteCapture(1024);
 * capture.begin(3); capture.carry(chunkA); const record = capture.finish(chunkB, 10);
 */
export function createByteCapture(maxBytes: number): ByteCapture {
  let parts: Buffer[] = [];
  let bytes = 0;
  let start = 0;
  return {
    begin(at) {
      parts = [];
      bytes = 0;
      start = at;
    },
    carry(chunk) {
      const piece = chunk.subarray(start);
      start = 0;
      bytes += piece.length;
      if (bytes > maxBytes) {
        parts = [];
        return false;
      }
      // Copied: the caller may reuse its chunk buffer after push() returns.
      if (piece.length > 0) parts.push(Buffer.from(piece));
      return true;
    },
    finish(chunk, end) {
      const piece = chunk.subarray(start, end);
      if (bytes + piece.length > maxBytes) {
        parts = [];
        return null;
      }
      if (parts.length === 0) return piece;
      parts.push(piece);
      const record = Buffer.concat(parts, bytes + piece.length);
      parts = [];
      return record;
    },
    clear() {
      parts = [];
      bytes = 0;
      start = 0;
    },
  };
}
