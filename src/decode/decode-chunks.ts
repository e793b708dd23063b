/**
 * The async edge of the decode stage: chunks of a file or stream in, event batches out, gzip handled on the way.
 * @module
 */
import { createGunzip, type Gunzip } from 'node:zlib';
import type { DecodeStats, LogEvent } from '../types.js';
import { createDecoder, type Decoder } from './create-decoder.js';
import type { DecoderOptions } from './decoder-options.js';
import type { EventSink } from './event-sink.js';
import { copyToPart, READ_PART_BYTES } from './read-buffers.js';

/**
 * Output slice of the gunzip stream, and how much inflated output may wait for the decoder. Slices queue up while
 * the decoder works (zlib pauses past the limit), so zlib can inflate the next slice on the thread pool meanwhile;
 * decoding each slice inside zlib's own callback made the two take turns. The slice stays at 64 KiB, 1.5x faster
 * than zlib's 16 KiB: zlib drops the output of the call that meets damage, so the slice bounds what a corrupt file
 * loses, and 1 MiB slices gained little more (see benchmarks/NOTES.md).
 */
// A part, so that copyToPart takes every slice (it leaves a longer one as it is).
const GUNZIP_CHUNK_BYTES = READ_PART_BYTES;
const GUNZIP_AHEAD_BYTES = 4 * 1024 * 1024;

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Decode a stream of chunks. Gzip is detected by its magic bytes (`1f 8b`), multi-member gzip included; damaged or
 * cut-off gzip keeps what decoded before the damage and reports GZIP_CORRUPT (zlib drops the output of the call
 * that failed: at most one 64 KiB slice before the damage). Yields one batch per input chunk that completed events
 * (never one per event), and returns the stats. Aborting throws the signal's reason.
 *
 * @example
 * for await (const batch of decodeChunks(process.stdin, { file: '-' })) for (const event of batch) use(event);
 *
 * With a `sink` (see createDecoder), events go to it and the batches are empty: one per input chunk still, so the
 * caller gets a turn after each.
 */
export async function* decodeChunks(
  source: AsyncIterable<Uint8Array | string>,
  options: DecoderOptions & { signal?: AbortSignal },
  sink?: EventSink,
): AsyncGenerator<LogEvent[], DecodeStats, undefined> {
  if (typeof options !== 'object' || options === null) throw new TypeError('Option "options" must be an object');
  const { signal, ...decoderOptions } = options;
  const decoder = createDecoder(decoderOptions, sink);
  signal?.throwIfAborted();
  const input = source[Symbol.asyncIterator]();
  let held: Buffer | null = null; // the first byte, when it arrived alone: gzip needs two to be recognised
  let gunzip: Gunzip | null = null;
  try {
    for (;;) {
      const next = await input.next();
      signal?.throwIfAborted();
      if (next.done === true) break;
      let chunk = toBuffer(next.value);
      if (chunk.length === 0) continue;
      if (held !== null) {
        chunk = Buffer.concat([held, chunk]);
        held = null;
      }
      if (chunk.length < 2) {
        held = Buffer.from(chunk);
        continue;
      }
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
        yield* inflate(gunzip, chunk, input, decoder, options.file, options.onDiagnostic, signal, sink !== undefined);
        break;
      }
      // Plain input: decoded chunk by chunk, as it comes, a big chunk in parts (see READ_PART_BYTES).
      yield* pushInParts(decoder, chunk, sink !== undefined);
      for (;;) {
        const more = await input.next();
        signal?.throwIfAborted();
        if (more.done === true) break;
        const buf = toBuffer(more.value);
        if (buf.length === 0) continue;
        yield* pushInParts(decoder, buf, sink !== undefined);
      }
      break;
    }
    signal?.throwIfAborted();
    // concat, not push(...batch): a batch can hold more events than a call has room for arguments.
    let last: LogEvent[] = held === null ? [] : decoder.push(held);
    last = last.concat(decoder.end());
    if (last.length > 0 || sink !== undefined) yield last;
    return decoder.stats;
  } finally {
    // On abort, a read error or a consumer that stopped early: release zlib's native memory now.
    gunzip?.destroy();
    await input.return?.();
  }
}

/**
 * Pushes `chunk` to the decoder in parts of at most {@link READ_PART_BYTES}, a batch per part: a decoder makes a
 * latin1 string of each chunk, and one of 128 KiB or more is a V8 large object, 50x slower to make (read-buffers.ts).
 * The file reader already hands over such parts; a stream read with a larger highWaterMark is cut here.
 */
function* pushInParts(decoder: Decoder, chunk: Buffer, yieldEmpty: boolean): Generator<LogEvent[], void, undefined> {
  // A chunk of a part or less goes as the same object, not a view of it: a part of the file reader's goes back to
  // the pool only as the object cutRead made (read-buffers.ts).
  const whole = chunk.length <= READ_PART_BYTES;
  for (let at = 0; at < chunk.length; at += READ_PART_BYTES) {
    const batch = decoder.push(whole ? chunk : chunk.subarray(at, at + READ_PART_BYTES));
    if (batch.length > 0 || yieldEmpty) yield batch;
  }
}

/**
 * Decodes a gzip stream that starts with `first` and goes on with `input`: a writer feeds zlib one input chunk
 * at a time, zlib's output slices queue up (zlib pauses past {@link GUNZIP_AHEAD_BYTES}), and this decodes them,
 * one batch per slice. Damaged or cut-off gzip keeps what decoded before the damage and reports GZIP_CORRUPT:
 * every slice zlib emitted before its error is decoded (a stream's async iterator would drop the ones still
 * queued), and zlib drops only the output of the call that failed. zlib ends the stream itself after a member
 * followed by zero padding: what follows is ignored.
 */
async function* inflate(
  gunzip: Gunzip,
  first: Buffer,
  input: AsyncIterator<Uint8Array | string>,
  decoder: Decoder,
  file: string,
  onDiagnostic: DecoderOptions['onDiagnostic'],
  signal: AbortSignal | undefined,
  yieldEmpty: boolean,
): AsyncGenerator<LogEvent[], void, undefined> {
  const queue: Buffer[] = [];
  let queued = 0;
  let inflated = 0;
  let failed: (Error & { code?: string }) | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  gunzip.on('data', (slice: Buffer) => {
    // Into a recycled buffer (copyToPart) only when the decoder's events keep the very chunks it is pushed, which
    // then return to the pool; the others (subscription payloads gathered into buffers of their own, LogEvent-only
    // containers, no byte sink, the container not yet sniffed) would only pay one more copy (Firehose tree: 7.28
    // against 6.99 s with it).
    queue.push(decoder.keepsChunks ? copyToPart(slice) : slice);
    queued += slice.length;
    if (queued >= GUNZIP_AHEAD_BYTES) gunzip.pause();
    notify();
  });
  gunzip.on('error', (error: Error & { code?: string }) => {
    failed ??= error;
    notify();
  });
  gunzip.on('end', () => {
    finished = true;
    notify();
  });
  gunzip.on('close', notify);
  // The writer runs beside the reading loop below; it stops when zlib failed, ended or was destroyed.
  let writerError: unknown = null;
  const stopped = (): boolean => failed !== null || finished || gunzip.destroyed;
  void (async (): Promise<void> => {
    // One input chunk at a time, the next once zlib has taken this one: the order of zlib's calls is then the
    // same however the reader keeps up, so a damaged stream loses the same output (queued writes lost more).
    const write = async (chunk: Buffer): Promise<boolean> => {
      if (stopped()) return false;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          gunzip.off('error', done);
          gunzip.off('close', done);
          resolve();
        };
        gunzip.on('error', done);
        gunzip.on('close', done);
        gunzip.write(chunk, done);
      });
      return true;
    };
    if (!(await write(first))) return;
    for (;;) {
      if (signal?.aborted === true) break;
      const next = await input.next();
      if (next.done === true) break;
      const chunk = toBuffer(next.value);
      if (chunk.length > 0 && !(await write(chunk))) return;
    }
    if (!stopped()) gunzip.end();
  })().catch((error: unknown) => {
    writerError = error;
    notify();
  });
  for (;;) {
    const slice = queue.shift();
    if (slice === undefined) {
      if (writerError !== null) throw writerError;
      if (finished || failed !== null || gunzip.destroyed) break;
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    queued -= slice.length;
    if (gunzip.isPaused() && queued < GUNZIP_AHEAD_BYTES) gunzip.resume();
    inflated += slice.length;
    const batch = decoder.push(slice);
    if (batch.length > 0 || yieldEmpty) yield batch;
    signal?.throwIfAborted();
  }
  signal?.throwIfAborted();
  if (failed !== null) {
    const error: Error & { code?: string } = failed;
    onDiagnostic?.({
      code: 'GZIP_CORRUPT',
      severity: 'error',
      message: `Gzip data is damaged or cut off (${error.code ?? error.message}); the ${inflated} bytes decoded before it are kept`,
      source: { file, offset: inflated },
    });
  }
}
