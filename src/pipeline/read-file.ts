import { createReadStream } from 'node:fs';

/**
 * Reads a file as chunks and reports the raw (compressed) bytes read, for progress.
 * 1 MiB chunks: reading is 1.6x cheaper than with the default 64 KiB (PERF-NOTES.md), and the decoders
 * split lines from the Buffer, so big chunks do not hit the non-ASCII string-decoding trap.
 */
export async function* readFileChunks(
  path: string,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20, ...(signal === undefined ? {} : { signal }) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes(chunk.length);
    yield chunk;
  }
}
