import type { AnalyzeInput } from './analyze.js';
import { toChunks } from './to-chunks.js';

/** Paths to list, or one byte source. */
export type Source = { paths: readonly string[] } | { chunks: AsyncIterable<Uint8Array | string> };

/**
 * Sorts out what `analyze` was given, at the call. An array of strings is a list of paths; an array holding a
 * Buffer or Uint8Array is a list of chunks (an iterable of chunks is a byte source). Anything else goes to
 * `toChunks`, which names `input` if it is wrong.
 * @throws TypeError naming `input`.
 * @example readInput(['a.log', 'b/']) // → { paths: ['a.log', 'b/'] }
 */
export function readInput(input: AnalyzeInput): Source {
  if (typeof input === 'string') return { paths: [input] };
  if (Array.isArray(input)) {
    const list = input as readonly unknown[];
    if (list.every((item) => typeof item === 'string')) return { paths: list as readonly string[] };
    if (list.every((item) => typeof item === 'string' || item instanceof Uint8Array)) {
      return { chunks: toChunks(list as Iterable<Uint8Array | string>) };
    }
    throw new TypeError('analyze: `input` as an array must hold paths (strings) or chunks (Buffers, Uint8Arrays)');
  }
  return { chunks: toChunks(input) };
}
