/**
 * The NDJSON output: one trace record per line.
 * @module
 */
import { Buffer } from 'node:buffer';
import { redactRecord } from '../redact/index.js';
import type { TraceRecord } from '../types.js';

// JSON.stringify escapes C0 but leaves DEL, C1 (U+009B is CSI to some terminals), line separators and bidi controls
// raw. They are valid in JSON either way; escaping them keeps `trace403 --format ndjson` safe to view in a terminal.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Options shared by the record-level formatters. */
export interface RecordFormatOptions {
  /** Redact secrets again before printing (idempotent). Default true; false shows what the record holds. */
  redact?: boolean;
}

/**
 * Serialises a record as JSON on one line, with terminal-unsafe characters as `\u` escapes.
 * @example stringifyRecord(record) // '{"requestId":"…","cause":"ALLOWED",…}'
 */
export function stringifyRecord(record: TraceRecord, options: RecordFormatOptions = {}): string {
  const json = JSON.stringify(options.redact === false ? record : redactRecord(record));
  // Pure ASCII (UTF-8 length = UTF-16 length) without DEL holds nothing unsafe: nearly every record. Both checks
  // run natively (byteLength, memchr), 5x faster than the regex scan: 2.5 ms instead of 12.5 ms on the 22 MB of
  // records of the 100 MB benchmark.
  if (Buffer.byteLength(json, 'utf8') === json.length && !json.includes('\u007f')) return json;
  JSON_UNSAFE.lastIndex = 0;
  if (!JSON_UNSAFE.test(json)) return json;
  JSON_UNSAFE.lastIndex = 0;
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One NDJSON line (with its `\n`) for one record. Streaming: call it per record as records arrive.
 * @example process.stdout.write(formatNdjson(record));
 */
export function formatNdjson(record: TraceRecord, options: RecordFormatOptions = {}): string {
  return `${stringifyRecord(record, options)}\n`;
}
