/** Helpers shared by the decode tests: run a decoder over input split at chosen sizes. */
import type { ExecutionContext } from 'ava';
import { createDecoder, decodeChunks, type DecoderOptions } from '../../src/decode/index.js';
import type { DecodeStats, Diagnostic, InputFormat, LogEvent } from '../../src/types.js';

export interface Decoded {
  events: LogEvent[];
  stats: DecodeStats;
  diagnostics: Diagnostic[];
  format: InputFormat | null;
}

/** Decode `input` with the synchronous decoder, pushing it in pieces of `chunkSize` bytes (whole when omitted). */
export function decodeSync(
  input: string | Uint8Array,
  options: Partial<DecoderOptions> = {},
  chunkSize?: number,
): Decoded {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const diagnostics: Diagnostic[] = [];
  const decoder = createDecoder({ file: 'input', ...options, onDiagnostic: (d) => diagnostics.push(d) });
  const events: LogEvent[] = [];
  const size = chunkSize ?? Math.max(bytes.length, 1);
  for (let p = 0; p < bytes.length; p += size) events.push(...decoder.push(bytes.subarray(p, p + size)));
  events.push(...decoder.end());
  return { events, stats: { ...decoder.stats }, diagnostics, format: decoder.format };
}

/** Decode through the async edge (gzip detection), with the source split at `chunkSize`. */
export async function decodeAsync(
  input: Uint8Array,
  options: Partial<DecoderOptions> = {},
  chunkSize = 4096,
): Promise<Decoded & { batches: number }> {
  const diagnostics: Diagnostic[] = [];
  async function* source(): AsyncGenerator<Uint8Array> {
    for (let p = 0; p < input.length; p += chunkSize) yield input.subarray(p, p + chunkSize);
  }
  const generator = decodeChunks(source(), { file: 'input', ...options, onDiagnostic: (d) => diagnostics.push(d) });
  const events: LogEvent[] = [];
  let batches = 0;
  let result = await generator.next();
  while (!result.done) {
    batches++;
    events.push(...result.value);
    result = await generator.next();
  }
  return { events, stats: result.value, diagnostics, format: null, batches };
}

export const CHUNK_SIZES = [1, 7, 64, 4096];

/**
 * The chunking invariant: `input` split at 1, 7, 64 and 4096 bytes gives the events, stats, diagnostics and format
 * it gives whole. Returns the whole-input result for further checks.
 */
export function assertSameForEveryChunking(
  t: ExecutionContext,
  input: string | Uint8Array,
  options: Partial<DecoderOptions> = {},
): Decoded {
  const whole = decodeSync(input, options);
  for (const size of CHUNK_SIZES) {
    const split = decodeSync(input, options, size);
    t.deepEqual(split, whole, `input split at ${size} bytes decodes like the whole input`);
  }
  return whole;
}

/** Every malformed record is one MALFORMED_RECORD or RECORD_TOO_LONG diagnostic, and the reverse. */
export function countMalformedDiagnostics(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => d.code === 'MALFORMED_RECORD' || d.code === 'RECORD_TOO_LONG').length;
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}
