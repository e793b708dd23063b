/**
 * Decode stage: bytes of any CloudWatch export → {@link LogEvent} batches (LOG-FORMATS.md §2).
 *
 * `createDecoder` is the synchronous core (decompressed bytes in, events out); `decodeChunks` and `decodeFile` are
 * the async edges that add gzip; `listInputFiles` expands what the user named.
 * @module
 */
export { createDecoder } from './create-decoder.js';
export type { Decoder } from './create-decoder.js';
export type { DecoderOptions } from './decoder-options.js';
export { sniffFormat } from './sniff-format.js';
export { decodeChunks } from './decode-chunks.js';
export { listInputFiles } from './list-input-files.js';
export type { InputFile } from './list-input-files.js';
export { decodeFile } from './decode-file.js';
