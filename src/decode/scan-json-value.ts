/**
 * Find where a JSON value ends in a byte stream, resumably across chunks, without parsing it: skip strings with
 * `Buffer.indexOf` (native memchr), count brace/bracket depth between them.
 *
 * Why: the filter-log-events document can be gigabytes and must never be loaded whole. stream-json tokenises every
 * byte in JavaScript and measured 26–60 MB/s on it (15–35x the read floor); this boundary scan plus one parse per
 * event measured 154–210 MB/s (PERF-NOTES.md). It validates nothing: the slice it finds is parsed afterwards, and
 * bad slices become MALFORMED_RECORD there.
 * @module
 */

/** Scanner state carried between chunks. */
export interface ValueScan {
  /** Open braces/brackets. */
  depth: number;
  inString: boolean;
  /** A scalar (number, true, false, null): ends at the next delimiter. */
  inScalar: boolean;
  /** Backslashes at the end of the previous chunk, inside a string (they may escape this chunk's first quote). */
  backslashes: number;
  /** The first byte has been seen. */
  started: boolean;
}

/**
 * A fresh scanner state.
 *
 * @example
 * const scan = createValueScan();
 */
export function createValueScan(): ValueScan {
  return { depth: 0, inString: false, inScalar: false, backslashes: 0, started: false };
}

/**
 * Reset `scan` to scan a new value.
 *
 * @example
 * resetValueScan(scan);
 */
export function resetValueScan(scan: ValueScan): void {
  scan.depth = 0;
  scan.inString = false;
  scan.inScalar = false;
  scan.backslashes = 0;
  scan.started = false;
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Advance over one JSON value starting (or resuming) at `p`. Returns the index just after the value (for a scalar:
 * the index of the delimiter that ends it), or -1 when `buf` ended first.
 *
 * @example
 * const scan = createValueScan();
 * scanJsonValue(Buffer.from('{"a":"}"} ,'), 0, scan); // 9
 */
export function scanJsonValue(buf: Buffer, p: number, scan: ValueScan): number {
  const length = buf.length;
  if (!scan.started) {
    if (p >= length) return -1;
    scan.started = true;
    const c = buf[p] as number;
    if (c === 34) {
      scan.inString = true;
      p++;
    } else if (c === 123 || c === 91) {
      scan.depth = 1;
      p++;
    } else scan.inScalar = true;
  }
  if (scan.inScalar) {
    for (; p < length; p++) if (isDelimiter(buf[p] as number)) return p;
    return -1;
  }
  for (;;) {
    if (scan.inString) {
      const quote = buf.indexOf(34, p);
      if (quote === -1) {
        let k = length - 1;
        while (k >= p && buf[k] === 92) k--;
        scan.backslashes = k < p ? scan.backslashes + (length - p) : length - 1 - k;
        return -1;
      }
      let k = quote - 1;
      while (k >= p && buf[k] === 92) k--;
      let run = quote - 1 - k;
      if (k < p) run += scan.backslashes;
      scan.backslashes = 0;
      p = quote + 1;
      if ((run & 1) === 1) continue; // an escaped quote: still inside the string
      scan.inString = false;
      if (scan.depth === 0) return p;
    }
    for (; p < length; p++) {
      const c = buf[p] as number;
      if (c === 34) {
        scan.inString = true;
        p++;
        break;
      }
      if (c === 123 || c === 91) scan.depth++;
      else if ((c === 125 || c === 93) && --scan.depth === 0) return p + 1;
    }
    if (!scan.inString) return -1;
  }
}
