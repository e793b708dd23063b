/**
 * The async edge of the decode stage: chunks of a file or stream in, event batches out, gzip handled on the way.
 * @module
 */
import { createGunzip, type Gunzip } from 'node:zlib';
import type { DecodeStats, LogEvent } from '../types.js';
import { createDecoder, type Decoder } from './create-decoder.js';
import type { DecoderOptions } from './decoder-options.js';
import type { EventSink } from './event-sink.js';

/**
 * Output slice of the gunzip stream. 64 KiB decoded an S3 export ~1.5x faster than zlib's default 16 KiB (a
 * quarter of the decoder calls; 256 KiB gained nothing more), and bounds what zlib drops when it meets damage.
 */
const GUNZIP_CHUNK_BYTES = 64 * 1024;

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
  let gunzip: GunzipDriver | null = null;
  let held: Buffer | null = null; // the first byte, when it arrived alone: gzip needs two to be recognised
  let plain = false;
  try {
    for await (const raw of source) {
      signal?.throwIfAborted();
      let chunk = toBuffer(raw);
      if (chunk.length === 0) continue;
      if (!plain && gunzip === null) {
        if (held !== null) {
          chunk = Buffer.concat([held, chunk]);
          held = null;
        }
        if (chunk.length < 2) {
          held = Buffer.from(chunk);
          continue;
        }
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) gunzip = createGunzipDriver(decoder, options.file, options.onDiagnostic);
        else plain = true;
      }
      const batch = gunzip === null ? decoder.push(chunk) : await gunzip.write(chunk);
      if (batch.length > 0 || sink !== undefined) yield batch;
    }
    signal?.throwIfAborted();
    // concat, not push(...batch): a batch can hold more events than a call has room for arguments.
    let last: LogEvent[] = held === null ? [] : decoder.push(held);
    if (gunzip !== null) last = last.concat(await gunzip.end());
    last = last.concat(decoder.end());
    if (last.length > 0 || sink !== undefined) yield last;
    return decoder.stats;
  } finally {
    // On abort, a read error or a consumer that stopped early: release zlib's native memory now.
    gunzip?.destroy();
  }
}

/** Feeds a gunzip stream one input chunk at a time and collects the events of its output. */
interface GunzipDriver {
  write(chunk: Buffer): Promise<LogEvent[]>;
  end(): Promise<LogEvent[]>;
  destroy(): void;
}

function createGunzipDriver(
  decoder: Decoder,
  file: string,
  onDiagnostic: DecoderOptions['onDiagnostic'],
): GunzipDriver {
  const gunzip: Gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  let events: LogEvent[] = [];
  let failed = false;
  /** zlib ended the stream itself (it does after a member followed by zero padding): later input is ignored. */
  let finished = false;
  let inflated = 0;
  gunzip.on('end', () => {
    finished = true;
  });
  // Output is decoded as it comes ('data' fires before the write callback), so only events are held, never text.
  gunzip.on('data', (data: Buffer) => {
    inflated += data.length;
    const batch = decoder.push(data);
    for (const event of batch) events.push(event);
  });
  gunzip.on('error', (error: Error & { code?: string }) => {
    if (failed) return;
    failed = true;
    onDiagnostic?.({
      code: 'GZIP_CORRUPT',
      severity: 'error',
      message: `Gzip data is damaged or cut off (${error.code ?? error.message}); the ${inflated} bytes decoded before it are kept`,
      source: { file, offset: inflated },
    });
  });
  const take = (): LogEvent[] => {
    const batch = events;
    events = [];
    return batch;
  };
  /** Resolves when zlib has taken `act`'s input, or failed: a failed stream may never call the write callback. */
  const settle = (act: (done: () => void) => void): Promise<LogEvent[]> => {
    if (failed || finished) return Promise.resolve(take());
    return new Promise((resolve) => {
      const done = (): void => {
        gunzip.off('error', done);
        gunzip.off('end', done);
        gunzip.off('close', done);
        resolve(take());
      };
      gunzip.on('error', done);
      gunzip.on('close', done);
      act(done);
    });
  };
  return {
    write(chunk) {
      return settle((done) => gunzip.write(chunk, () => done()));
    },
    end() {
      return settle((done) => {
        gunzip.on('end', done);
        gunzip.end();
      });
    },
    destroy() {
      gunzip.destroy();
    },
  };
}
