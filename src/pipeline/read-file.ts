import { open } from 'node:fs/promises';
import type { Diagnostic } from '../types.js';
import { cutRead, giveReadBuffer, READ_BUFFER_BYTES, takeReadBuffer } from '../decode/read-buffers.js';

/** A function, not an inline test: TypeScript would narrow `aborted` to false after the first check. */
export function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * Reads a file as chunks and reports the raw (compressed) bytes read, for progress. An abort ends the
 * file early as if it ended there (no throw), so what was read is still reassembled, classified and counted.
 *
 * Reads of 256 KiB into recycled buffers, handed on as 64 KiB parts (read-buffers.ts: cutRead). The decoders make
 * a latin1 string (a view) of each chunk, alive while it is decoded: a view that a young-generation collection
 * finds alive moves to the old generation, and a dead one there waits for a full collection. With 1 MiB chunks
 * (1 MiB views, external strings above Node's 1,031,913-byte threshold) peak RSS on 1 GB of NDJSON was 187 MB
 * against 147 MB on 100 MB; with 256 KiB, 165 against 136 (reads of 64 KiB, the floor's, cost 1.6x more:
 * PERF-NOTES.md); 64 KiB views of 256 KiB reads are small strings, made 50x faster (see PART). The
 * decoders split lines from the Buffer, so big chunks do not hit the non-ASCII string-decoding trap. The next
 * read is started before a chunk is handed over, so reading overlaps decoding.
 */
export async function* readFileChunks(
  path: string,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (isAborted(signal)) return;
  const handle = await open(path, 'r');
  let pending: Promise<{ bytesRead: number; buffer: Buffer }> | null = null;
  try {
    const read = (): Promise<{ bytesRead: number; buffer: Buffer }> => handle.read(takeReadBuffer(), 0, READ_BUFFER_BYTES, null);
    pending = read();
    for (;;) {
      const { bytesRead, buffer } = await pending;
      pending = null;
      if (bytesRead === 0 || isAborted(signal)) {
        giveReadBuffer(buffer);
        return;
      }
      pending = read();
      onBytes(bytesRead);
      // In parts (see cutRead); a short read is the end of the file (or a pipe's turn): parts of the filled bytes.
      yield* cutRead(buffer, bytesRead);
    }
  } finally {
    // A read still in flight (the consumer stopped early) must settle before the file closes.
    if (pending !== null) {
      const late = await pending.catch(() => null);
      if (late !== null) giveReadBuffer(late.buffer);
    }
    await handle.close();
  }
}

/**
 * Counts the bytes read; ends the input where its source failed (a file that vanished, a stream that errored)
 * with an UNREADABLE_FILE diagnostic, so what was read is still decoded and counted.
 * @example decodeChunks(endOnError(readFileChunks(path, onBytes), path, { bytes: 0 }, onDiagnostic), options)
 */
export async function* endOnError(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
  source: { bytes: number },
  onDiagnostic: (d: Diagnostic) => void,
): AsyncGenerator<Uint8Array | string> {
  try {
    for await (const chunk of chunks) {
      // Raw bytes (compressed ones for gzip): for the message, not a decoded-stream offset.
      source.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    onDiagnostic({
      code: 'UNREADABLE_FILE',
      severity: 'error',
      message: `reading stopped after ${source.bytes} bytes (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)}); what was read is kept`,
      source: { file },
    });
  }
}
