/**
 * The buffers files are read into, recycled. Each chunk of a file stays in the reassembler's chunk table while its
 * requests are open (see open-trace.ts), long enough to be promoted to the old generation, where a dead Buffer is
 * freed only by a full collection: on 1 GB of NDJSON dead chunks reached 86 MB between collections. The chunk
 * table gives a chunk back here when it lets it go (every line still needed was copied out by then), and the
 * next read fills it again.
 * @module
 */

/** Bytes per buffer: see readFileChunks for why 256 KiB. */
const SIZE = 256 * 1024;
/** Buffers kept for reuse at most: more than the chunk table holds (16 MiB) plus the decoder's. */
const KEEP = Math.ceil((24 * 1024 * 1024) / SIZE);

const free: Buffer[] = [];
/** Buffers of this pool, so only they come back (a chunk from zlib or a stream is left to the collector). */
const ours = new WeakSet<Uint8Array>();

/** A buffer to read into: a recycled one, or a new one. */
export function takeReadBuffer(): Buffer {
  const buffer = free.pop() ?? Buffer.allocUnsafeSlow(SIZE);
  ours.add(buffer);
  return buffer;
}

/**
 * Gives back a chunk nothing reads any more: a buffer from {@link takeReadBuffer}, or a view of the start of one
 * (the last read of a file fills only part of it). Anything else is ignored.
 */
export function giveReadBuffer(chunk: Uint8Array): void {
  const buffer = ours.has(chunk) ? chunk : null;
  if (buffer === null || free.length >= KEEP) return;
  ours.delete(buffer);
  free.push(buffer as Buffer);
}

/** The size of the buffers, for readers. */
export const READ_BUFFER_BYTES = SIZE;
