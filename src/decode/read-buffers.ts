/**
 * The buffers files are read into, recycled. Each chunk of a file stays in the reassembler's chunk table while its
 * requests are open (see open-trace.ts), long enough to be promoted to the old generation, where a dead Buffer is
 * freed only by a full collection: on 1 GB of NDJSON dead chunks reached 86 MB between collections. The chunk
 * table gives a chunk back here when it lets it go (every line still needed was copied out by then), and the
 * next read fills it again. Gunzipped text is copied into them too (see {@link copyToPart}).
 * @module
 */

/** Bytes per buffer: see readFileChunks for why 256 KiB. */
const SIZE = 256 * 1024;
/** Buffers kept for reuse at most: more than the chunk table holds (16 MiB) plus the decoder's. */
const KEEP = Math.ceil((24 * 1024 * 1024) / SIZE);

/**
 * Bytes per chunk handed to the decoders: each read is cut into parts of this size. A decoder makes a latin1
 * string of every chunk it reads (its view, see decode-context.ts), and V8 puts a string of 128 KiB or more in its
 * large-object space, a fresh mapping per string: a 256 KiB view took 282 µs to make, a 64 KiB one 5 µs (views of
 * 200 MB: 226 ms against 16 ms, `node --import tsx benchmarks/views.ts`). In the CLI on 200 MB of NDJSON, pinned to
 * one core: 2.69-2.96 s (median 2.8) against 2.83-3.30 (3.03) with whole 256 KiB chunks, the view's self time 250
 * → 64 ms. Reads stay 256 KiB: 64 KiB reads left the decoder waiting on the thread pool (idle 200 ms, not 100).
 */
const PART = 64 * 1024;

const free: Buffer[] = [];
/** Buffers of this pool, so only they come back (a chunk from zlib or a stream is left to the collector). */
const ours = new WeakSet<Uint8Array>();
/** The parts of a read still out, by part: the buffer goes back once the last of them does. */
const shareOf = new WeakMap<Uint8Array, { buffer: Buffer; out: number }>();

/** A buffer to read into: a recycled one, or a new one. */
export function takeReadBuffer(): Buffer {
  const buffer = free.pop() ?? Buffer.allocUnsafeSlow(SIZE);
  ours.add(buffer);
  return buffer;
}

/**
 * The first `filled` bytes of a buffer from {@link takeReadBuffer}, as the chunks to decode: parts of at most
 * {@link PART} bytes, views of the buffer, which goes back to the pool once every part has been given back.
 * @example for (const chunk of cutRead(buffer, bytesRead)) yield chunk;
 */
export function cutRead(buffer: Buffer, filled: number): Buffer[] {
  const parts: Buffer[] = [];
  const share = { buffer, out: 0 };
  for (let at = 0; at < filled; at += PART) {
    const part = buffer.subarray(at, Math.min(filled, at + PART));
    shareOf.set(part, share);
    share.out++;
    parts.push(part);
  }
  return parts;
}

/**
 * Gives back a chunk nothing reads any more: a buffer from {@link takeReadBuffer}, or a part of one from
 * {@link cutRead} (the buffer is reused once all its parts are back). Anything else is ignored.
 */
export function giveReadBuffer(chunk: Uint8Array): void {
  let buffer: Uint8Array = chunk;
  const share = shareOf.get(chunk);
  if (share !== undefined) {
    shareOf.delete(chunk);
    if (--share.out > 0) return;
    buffer = share.buffer;
  }
  if (!ours.has(buffer) || free.length >= KEEP) return;
  ours.delete(buffer);
  free.push(buffer as Buffer);
}

/** The buffer parts of inflated text are being copied into: see {@link copyToPart}. */
let carving: { buffer: Buffer; out: number } | null = null;
let carveAt = 0;

/**
 * A copy of `slice` (zlib's output, at most {@link PART} bytes; a longer one is returned as it is) in a part of a
 * recycled buffer, given back like a part of {@link cutRead}. Why: zlib allocates a new buffer for every 64 KiB it
 * inflates, and the chunk table keeps each long enough to be promoted, so a 200 MB S3 export left 3,200 dead
 * buffers for full collections to find: 38 of them on that export against 25 with the copies (8 on 200 MB of
 * NDJSON, read into this pool), 4.82 against 4.58 s pinned to one core (5.25 against 4.92 in a second A/B,
 * NOTES.md), same output. zlib's own buffer dies young.
 * @example queue.push(copyToPart(slice));
 */
export function copyToPart(slice: Buffer): Buffer {
  if (slice.length > PART) return slice;
  if (carving === null || carveAt + PART > SIZE) {
    // The carver holds one share of its buffer until it moves on, so parts given back early cannot free it.
    if (carving !== null) release(carving);
    carving = { buffer: takeReadBuffer(), out: 1 };
    carveAt = 0;
  }
  const part = carving.buffer.subarray(carveAt, carveAt + slice.length);
  slice.copy(part);
  carveAt += PART;
  shareOf.set(part, carving);
  carving.out++;
  return part;
}

function release(share: { buffer: Buffer; out: number }): void {
  if (--share.out === 0) giveReadBuffer(share.buffer);
}

/** The size of the buffers, for readers. */
export const READ_BUFFER_BYTES = SIZE;
/** The size of the parts the decoders are handed (see {@link cutRead}), for benchmarks that feed them directly. */
export const READ_PART_BYTES = PART;
