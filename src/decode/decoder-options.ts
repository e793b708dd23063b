/**
 * Options of the decode stage, and their validation (bad options throw a TypeError naming the option).
 * @module
 */
import { INPUT_FORMATS, type DiagnosticHandler, type InputFormat } from '../types.js';

/** Options of {@link createDecoder} (and, without `file`, of `decodeFile`). */
export interface DecoderOptions {
  /** Label used in every `SourcePosition`: the path as given, `-` for standard input. */
  file: string;
  /** The container; default `'auto'`: sniffed from the first bytes (at most 16 KiB are held to decide). */
  format?: InputFormat | 'auto';
  /** Log group for events that carry none (e.g. taken from an S3 key path). Default: none. */
  logGroup?: string;
  /** Log stream for events that carry none (S3 exports keep it only in the key path). Default: none. */
  logStream?: string;
  /** Receives every diagnostic (malformed records, invalid UTF-8, truncation…). Must not throw. Default: none. */
  onDiagnostic?: DiagnosticHandler;
  /**
   * Longest line or record kept, in bytes; default 4 MiB. A longer one is cut, counted malformed (RECORD_TOO_LONG),
   * and decoding goes on after it. Bounds memory: nothing larger than this is ever held.
   */
  maxRecordBytes?: number;
}


/** Default of {@link DecoderOptions.maxRecordBytes}: 4 MiB (API Gateway events are at most 1 MB since 2026). */
export const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;

/** Options after validation, defaults applied. */
export interface ResolvedDecoderOptions {
  file: string;
  format: InputFormat | null;
  logGroup: string | undefined;
  logStream: string | undefined;
  onDiagnostic: DiagnosticHandler | undefined;
  maxRecordBytes: number;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`Option "${name}" must be a string, got ${typeof value}`);
  return value;
}

/**
 * Validate decoder options; throws a TypeError naming the first bad option.
 *
 * @example
 * resolveDecoderOptions({ file: '-' }).maxRecordBytes; // 4194304
 */
export function resolveDecoderOptions(options: Partial<DecoderOptions> | undefined, needFile = true): ResolvedDecoderOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Option "options" must be an object');
  const file = optionalString(options.file, 'file');
  if (needFile && (file === undefined || file.length === 0)) {
    throw new TypeError('Option "file" must be a non-empty string (use "-" for standard input)');
  }
  const format = options.format;
  if (format !== undefined && format !== 'auto' && !INPUT_FORMATS.includes(format)) {
    throw new TypeError(`Option "format" must be "auto" or one of ${INPUT_FORMATS.join(', ')}`);
  }
  const onDiagnostic = options.onDiagnostic;
  if (onDiagnostic !== undefined && typeof onDiagnostic !== 'function') {
    throw new TypeError('Option "onDiagnostic" must be a function');
  }
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 16) {
    throw new TypeError('Option "maxRecordBytes" must be an integer of at least 16');
  }
  return {
    file: file ?? '-',
    format: format === undefined || format === 'auto' ? null : format,
    logGroup: optionalString(options.logGroup, 'logGroup'),
    logStream: optionalString(options.logStream, 'logStream'),
    onDiagnostic,
    maxRecordBytes,
  };
}
