/**
 * Decode one file (or standard input) found by `listInputFiles`.
 * @module
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { DecodeStats, LogEvent } from '../types.js';
import { decodeChunks } from './decode-chunks.js';
import type { DecoderOptions } from './decoder-options.js';
import type { InputFile } from './list-input-files.js';

/**
 * Read size for plain files: 1 MiB reads ran the read floor at 0.6x of 64 KiB reads (PERF-NOTES.md), and decoding
 * line by line from the Buffer keeps big chunks clear of the non-ASCII trap.
 */
const PLAIN_READ_BYTES = 1024 * 1024;
/** Read size for gzip files: each compressed chunk inflates ~10–20x, and its events are held until yielded. */
const GZIP_READ_BYTES = 64 * 1024;

/**
 * Decode one input file: gzip and container detected from its bytes, log group/stream defaults from the path
 * (`file.logGroup`/`file.logStream` win over `options.logGroup`/`options.logStream`). A file that cannot be opened or
 * read reports UNREADABLE_FILE and ends with what was read; it never throws for that. `path: '-'` reads standard
 * input.
 *
 * @example
 * for (const file of await listInputFiles(['exports/'])) {
 *   for await (const batch of decodeFile(file, { onDiagnostic })) handle(batch);
 * }
 */
export async function* decodeFile(
  file: InputFile,
  options: Omit<DecoderOptions, 'file'> & { signal?: AbortSignal } = {},
): AsyncGenerator<LogEvent[], DecodeStats, undefined> {
  if (typeof file !== 'object' || file === null || typeof file.path !== 'string' || file.path.length === 0) {
    throw new TypeError('Argument "file" must be an InputFile with a non-empty "path"');
  }
  const logGroup = file.logGroup ?? options.logGroup;
  const logStream = file.logStream ?? options.logStream;
  const decoderOptions: DecoderOptions & { signal?: AbortSignal } = { ...options, file: file.path };
  if (logGroup !== undefined) decoderOptions.logGroup = logGroup;
  if (logStream !== undefined) decoderOptions.logStream = logStream;
  const unreadable = (error: unknown): void => {
    const code = (error as { code?: unknown }).code;
    options.onDiagnostic?.({
      code: 'UNREADABLE_FILE',
      severity: 'error',
      message: `Cannot read ${JSON.stringify(file.path)} (${typeof code === 'string' ? code : String(error)})`,
      source: { file: file.path },
    });
  };

  if (file.path === '-') {
    return yield* decodeChunks(guard(process.stdin, unreadable), decoderOptions);
  }
  let handle: FileHandle;
  try {
    handle = await open(file.path, 'r');
  } catch (error) {
    unreadable(error);
    return { bytes: 0, events: 0, malformed: 0, skipped: 0 };
  }
  try {
    const magic = Buffer.alloc(2);
    let readBytes = PLAIN_READ_BYTES;
    try {
      const { bytesRead } = await handle.read(magic, 0, 2, 0);
      if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) readBytes = GZIP_READ_BYTES;
    } catch {
      // Reported by the stream below, with what it managed to read.
    }
    const stream = handle.createReadStream({ highWaterMark: readBytes, autoClose: false, start: 0 });
    return yield* decodeChunks(guard(stream, unreadable), decoderOptions);
  } finally {
    await handle.close();
  }
}

/** Turn a read error into a diagnostic and a normal end, so what was read is still decoded. */
async function* guard(source: AsyncIterable<Uint8Array | string>, onError: (error: unknown) => void) {
  try {
    for await (const chunk of source) yield chunk;
  } catch (error) {
    onError(error);
  }
}
