/**
 * A text file written in 256 KiB chunks, optionally through gzip, with backpressure: `write` returns a promise
 * only when the stream asked to wait, so the generator awaits once per chunk at most, never per event.
 * @module
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';

/** What a finished file amounts to. */
export interface FileStats {
  /** Uncompressed bytes written. */
  textBytes: number;
  /** Bytes on disk. */
  diskBytes: number;
  /** Newline bytes in the uncompressed text. */
  newlines: number;
}

/** A file being written. */
export interface BufferedFile {
  /** Appends text (UTF-8) or bytes; returns a promise when the caller must wait for the disk (or gzip). */
  write(data: string | Buffer): Promise<void> | undefined;
  /** Uncompressed bytes so far (flushed or not: counted as the UTF-16 length until flushed, then exactly). */
  readonly bytes: number;
  end(): Promise<FileStats>;
}

// Chunks this size keep the number of write calls (and awaits) low without holding much in memory.
const CHUNK_CHARS = 256 * 1024;

function countNewlines(buffer: Buffer): number {
  let n = 0;
  for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Opens `path` for writing (parent directories created).
 *
 * @param gzipLevel - gzip the bytes at this level (1-9); omit for plain text.
 * @example
 * const file = openBufferedFile('out.ndjson');
 * await file.write('{}\n');
 * const { textBytes } = await file.end();
 */
export function openBufferedFile(path: string, gzipLevel?: number): BufferedFile {
  mkdirSync(dirname(path), { recursive: true });
  const disk = createWriteStream(path);
  const gzip = gzipLevel === undefined ? null : createGzip({ level: gzipLevel });
  const target: Writable = gzip ?? disk;
  const done = gzip === null ? once(disk, 'finish').then(() => undefined) : pipeline(gzip, disk);
  // Errors surface in end(); without this a failed write would also crash as an unhandled rejection.
  done.catch(() => undefined);
  let pending: (string | Buffer)[] = [];
  let binary = false;
  let pendingChars = 0;
  let flushed = 0;
  let newlines = 0;

  const flush = (): Promise<void> | undefined => {
    if (pendingChars === 0) return undefined;
    const chunk = binary
      ? Buffer.concat(pending.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)))
      : Buffer.from(pending.join(''));
    pending = [];
    binary = false;
    pendingChars = 0;
    flushed += chunk.length;
    newlines += countNewlines(chunk);
    return target.write(chunk) ? undefined : once(target, 'drain').then(() => undefined);
  };

  return {
    get bytes() {
      return flushed + pendingChars;
    },
    write(data) {
      pending.push(data);
      pendingChars += data.length;
      if (typeof data !== 'string') binary = true;
      return pendingChars >= CHUNK_CHARS ? flush() : undefined;
    },
    async end() {
      await flush();
      target.end();
      await done;
      return { textBytes: flushed, diskBytes: statSync(path).size, newlines };
    },
  };
}
