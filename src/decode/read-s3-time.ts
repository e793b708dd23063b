/**
 * The S3 export's timestamp read in place, for the fast path: `2024-02-24T00:29:03.163Z (` at a line start.
 * @module
 */
import { parseIsoTimestamp, type IsoParse } from './parse-timestamp.js';

/** Reads the time of an S3 export line; see {@link createS3TimeReader}. */
export type S3TimeReader = (view: string, start: number, end: number) => number;

const iso: IsoParse = { end: 0, zoned: false, fractionDigits: 0 };

/**
 * A reader of the exact form CloudWatch writes, `YYYY-MM-DDTHH:MM:SS.mmmZ` then a space then `(`, at
 * `view[start, end)`: epoch ms, or NaN for anything else (the line then goes the general way, which reads every
 * form). The date is parsed by {@link parseIsoTimestamp} once per day seen and remembered; a line of the same day
 * costs a `startsWith` and nine digits. Same answers as parseIsoTimestamp for every line it accepts.
 * @example
 * const read = createS3TimeReader();
 * read('2024-02-24T00:29:03.163Z (id) x', 0, 31); // → 1708734543163
 */
export function createS3TimeReader(): S3TimeReader {
  let day = '';
  let dayMs = 0;
  return (view, start, end) => {
    if (end - start < 26 || view.charCodeAt(start + 24) !== 32 || view.charCodeAt(start + 25) !== 40) return NaN;
    if (view.charCodeAt(start + 13) !== 58 || view.charCodeAt(start + 16) !== 58) return NaN;
    if (view.charCodeAt(start + 19) !== 46 || view.charCodeAt(start + 23) !== 90) return NaN;
    const hour = digits(view, start + 11, 2);
    const minute = digits(view, start + 14, 2);
    const second = digits(view, start + 17, 2);
    const millis = digits(view, start + 20, 3);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 || millis < 0) return NaN;
    const time = hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
    if (day.length === 0 || !view.startsWith(day, start)) {
      const ms = parseIsoTimestamp(view, start, iso);
      if (Number.isNaN(ms) || iso.end !== start + 24 || !iso.zoned) return NaN;
      day = view.slice(start, start + 11);
      dayMs = ms - time;
      return ms;
    }
    return dayMs + time;
  };
}

function digits(view: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = view.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
