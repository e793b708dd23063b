import { INPUT_FORMATS } from '../types.js';
import type { AnalyzeOptions } from './analyze.js';

const FORMATS = new Set<string>(['auto', ...INPUT_FORMATS]);

/** Throws a TypeError naming the first bad option: a wrong option is a programming error, not bad data. */
export function validateAnalyzeOptions(options: AnalyzeOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('analyze: `options` must be an object');
  if (options.format !== undefined && !FORMATS.has(options.format)) {
    throw new TypeError(`analyze: \`format\` must be one of ${[...FORMATS].join(', ')}; got ${String(options.format)}`);
  }
  checkInteger('ttlSeconds', options.ttlSeconds, 0, 3600);
  checkInteger('concurrency', options.concurrency, 1, 1024);
  checkInteger('graceMs', options.graceMs, 0, 86_400_000);
  checkInteger('idleMs', options.idleMs, 1, 86_400_000);
  checkInteger('maxOpenTraces', options.maxOpenTraces, 1, 10_000_000);
  if (options.redact !== undefined && typeof options.redact !== 'boolean') {
    throw new TypeError('analyze: `redact` must be a boolean');
  }
  for (const name of ['logGroup', 'inputName'] as const) {
    if (options[name] !== undefined && (typeof options[name] !== 'string' || options[name] === '')) {
      throw new TypeError(`analyze: \`${name}\` must be a non-empty string`);
    }
  }
  for (const name of ['onDiagnostic', 'onProgress'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`analyze: \`${name}\` must be a function`);
    }
  }
  // Checked by shape, not `instanceof`: a signal from another realm (a VM context, a polyfill) works as well.
  const signal = options.signal as unknown;
  if (signal !== undefined && (signal === null || typeof (signal as AbortSignal).aborted !== 'boolean' ||
    typeof (signal as AbortSignal).addEventListener !== 'function')) {
    throw new TypeError('analyze: `signal` must be an AbortSignal');
  }
  // The kinds of source `stdin` may be are checked when it is read (toChunks); here only that it is one at all.
  if (options.stdin !== undefined && (options.stdin === null || typeof options.stdin !== 'object')) {
    throw new TypeError('analyze: `stdin` must be a Node Readable, a Web ReadableStream or an iterable of chunks');
  }
}

function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`analyze: \`${name}\` must be an integer from ${min} to ${max}; got ${String(value)}`);
  }
}
