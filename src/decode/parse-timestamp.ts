/**
 * Timestamp parsers for the text containers. Hand-written over `charCodeAt` instead of `Date.parse` or a regex:
 * they run once per line on the hot path (S3 exports), must be anchored and linear on hostile input, and must not
 * depend on the host's time zone.
 * @module
 */

/** What {@link parseIsoTimestamp} found besides the time. Reused between calls: read it right away. */
export interface IsoParse {
  /** Index just after the timestamp. */
  end: number;
  /** A zone designator (`Z`, `+01:00`, `+0100`) was present. Without one the time is taken as UTC. */
  zoned: boolean;
  /** Digits in the fraction of a second (0 when absent). */
  fractionDigits: number;
}

const scratch: IsoParse = { end: 0, zoned: false, fractionDigits: 0 };

/** Digit value at `i`, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function twoDigits(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): no Date object needed.
 *
 * @example
 * daysFromCivil(2024, 2, 24); // 19777
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Parse `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]` starting at `start`.
 * Returns epoch ms (NaN when `s` does not start with such a timestamp); details land in `out`.
 *
 * @example
 * parseIsoTimestamp('2024-02-24T00:29:03.163Z x', 0); // 1708734543163
 */
export function parseIsoTimestamp(s: string, start: number, out: IsoParse = scratch): number {
  const year = twoDigits(s, start) * 100 + twoDigits(s, start + 2);
  if (year < 0 || s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45) return NaN;
  const month = twoDigits(s, start + 5);
  const day = twoDigits(s, start + 8);
  const sep = s.charCodeAt(start + 10);
  if (month < 1 || month > 12 || day < 1 || day > 31 || (sep !== 84 /* T */ && sep !== 32)) return NaN;
  const hour = twoDigits(s, start + 11);
  const minute = twoDigits(s, start + 14);
  const second = twoDigits(s, start + 17);
  if (s.charCodeAt(start + 13) !== 58 || s.charCodeAt(start + 16) !== 58) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return NaN;
  let i = start + 19;
  let ms = 0;
  let fractionDigits = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    i++;
    let scale = 100;
    for (let d = digit(s, i); d >= 0 && fractionDigits < 9; d = digit(s, i)) {
      ms += d * scale;
      scale /= 10;
      fractionDigits++;
      i++;
    }
    if (fractionDigits === 0) return NaN;
    ms = Math.floor(ms);
  }
  let offsetMinutes = 0;
  let zoned = false;
  const z = s.charCodeAt(i);
  if (z === 90 /* Z */) {
    zoned = true;
    i++;
  } else if (z === 43 || z === 45) {
    const oh = twoDigits(s, i + 1);
    const colon = s.charCodeAt(i + 3) === 58;
    const om = twoDigits(s, colon ? i + 4 : i + 3);
    if (oh >= 0 && oh <= 23 && om >= 0 && om <= 59) {
      offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
      zoned = true;
      i += colon ? 6 : 5;
    }
  }
  out.end = i;
  out.zoned = zoned;
  out.fractionDigits = fractionDigits;
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    (minute - offsetMinutes) * 60_000 +
    second * 1000 +
    ms
  );
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * Parse the console test-log time `Thu Aug 31 01:07:25 UTC 2017` at `start` (Java `Date.toString`, always UTC
 * in API Gateway's output). Returns epoch ms, or NaN; `out.end` is set just after the year.
 *
 * @example
 * parseConsoleTimestamp('Thu Aug 31 01:07:25 UTC 2017 : x', 0); // 1504141645000
 */
export function parseConsoleTimestamp(s: string, start: number, out: IsoParse = scratch): number {
  if (s.charCodeAt(start + 3) !== 32 || s.charCodeAt(start + 7) !== 32) return NaN;
  const monthIndex = MONTHS.indexOf(s.slice(start + 4, start + 7));
  if (monthIndex < 0 || monthIndex % 3 !== 0) return NaN;
  // Day of month: two digits, or one digit padded with a space or not at all.
  let i = start + 8;
  let day = twoDigits(s, i);
  if (day >= 0) i += 2;
  else if (s.charCodeAt(i) === 32 && digit(s, i + 1) >= 0) {
    day = digit(s, i + 1);
    i += 2;
  } else if (digit(s, i) >= 0) {
    day = digit(s, i);
    i += 1;
  } else return NaN;
  if (s.charCodeAt(i) !== 32) return NaN;
  const hour = twoDigits(s, i + 1);
  const minute = twoDigits(s, i + 4);
  const second = twoDigits(s, i + 7);
  if (s.charCodeAt(i + 3) !== 58 || s.charCodeAt(i + 6) !== 58 || s.charCodeAt(i + 9) !== 32) return NaN;
  if (day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return NaN;
  }
  // Zone name: letters only (UTC in every sample; anything else is taken as UTC too rather than guessed).
  let j = i + 10;
  const zoneStart = j;
  while (j < zoneStart + 5 && isLetter(s.charCodeAt(j))) j++;
  if (j === zoneStart || s.charCodeAt(j) !== 32) return NaN;
  const year = twoDigits(s, j + 1) * 100 + twoDigits(s, j + 3);
  if (year < 0) return NaN;
  out.end = j + 5;
  out.zoned = true;
  out.fractionDigits = 0;
  return (
    daysFromCivil(year, monthIndex / 3 + 1, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000
  );
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Parse a whole field as a time: epoch ms as digits (`1708734543163`), or an ISO timestamp (Logs Insights
 * `2024-05-19 06:10:35.743`, taken as UTC). Returns null when it is neither.
 *
 * @example
 * parseTimeField('2024-05-19 06:10:35.743'); // 1716099035743
 */
export function parseTimeField(value: string): number | null {
  const text = value.trim();
  if (text.length === 0) return null;
  if (text.length <= 16 && /^\d+$/.test(text)) return Number(text);
  const ms = parseIsoTimestamp(text, 0);
  return Number.isNaN(ms) || scratch.end !== text.length ? null : ms;
}
