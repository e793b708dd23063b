import { Readable } from 'node:stream';

/** Anything `analyze` accepts as a byte source (paths are handled before this). */
export type ByteSource =
  | NodeJS.ReadableStream
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/**
 * Normalises a Node stream, a Web stream or an (async) iterable of chunks to one async iterable of chunks.
 * Throws a TypeError naming `input` for anything else: a wrong argument is a programming error, not bad data.
 */
export function toChunks(input: unknown): AsyncIterable<Uint8Array | string> {
  if (input === null || typeof input !== 'object') {
    throw new TypeError(
      `analyze: \`input\` must be a path, a list of paths, a Node Readable, a Web ReadableStream or an iterable of chunks; got ${typeof input}`,
    );
  }
  // A single Buffer is iterable too (of numbers): take it as one chunk.
  if (input instanceof Uint8Array) return iterate([input]);
  if (isWebStream(input)) return Readable.fromWeb(input as import('node:stream/web').ReadableStream<Uint8Array>);
  if (Symbol.asyncIterator in input) return input as AsyncIterable<Uint8Array | string>;
  if (Symbol.iterator in input) return iterate(input as Iterable<Uint8Array | string>);
  if (typeof (input as NodeJS.ReadableStream).pipe === 'function') {
    return Readable.from(input as NodeJS.ReadableStream, { objectMode: false }) as AsyncIterable<Uint8Array>;
  }
  throw new TypeError('analyze: `input` is an object of no readable kind (no stream, no iterator)');
}

function isWebStream(input: object): boolean {
  return typeof (input as ReadableStream).getReader === 'function' && typeof (input as ReadableStream).tee === 'function';
}

async function* iterate(chunks: Iterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  yield* chunks;
}
