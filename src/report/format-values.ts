/**
 * Number, time and position formatting shared by the human-readable reports. Deterministic: no locale, no
 * time zone (everything UTC), so reports are the same on every machine.
 * @module
 */
import type { SourcePosition } from '../types.js';

/**
 * Groups thousands with commas.
 * @example formatCount(1234567) // '1,234,567'
 */
export function formatCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * A share with one decimal, `0.0%` for an empty whole.
 * @example formatShare(1, 3) // '33.3%'
 */
export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((part * 100) / whole).toFixed(1)}%`;
}

/**
 * Bytes in binary units.
 * @example formatBytes(1536) // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * A UTC time to the second, readable: `2024-02-24 00:29:03Z`. Accepts epoch ms or ISO text; unparsable text is
 * returned as given.
 * @example formatTime(Date.UTC(2024, 1, 24, 0, 29, 3)) // '2024-02-24 00:29:03Z'
 */
export function formatTime(time: number | string | null): string {
  if (time === null) return '-';
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) return String(time);
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * Where a diagnostic or trace came from: `file:line`, `file@byte`, or the file alone.
 * @example formatPosition({ file: 'a.json', line: 3 }) // 'a.json:3'
 */
export function formatPosition(source: SourcePosition | { file: string; line: number | null }): string {
  if (source.line !== undefined && source.line !== null) return `${source.file}:${source.line}`;
  if ('offset' in source && source.offset !== undefined) return `${source.file}@${source.offset}`;
  return source.file;
}

/**
 * A count with its noun, singular for exactly one.
 * @example countOf(1, 'trace') // '1 trace'
 * @example countOf(1200, 'trace') // '1,200 traces'
 */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
}
