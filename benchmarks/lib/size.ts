/**
 * Parses human sizes for the benchmark scripts.
 * @module
 */

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };

/**
 * `200MB` → 200 000 000; `1.5GiB`, `512KB`, `1000` (bytes) work too.
 *
 * @example
 * parseSize('200MB'); // 200000000
 */
export function parseSize(text: string): number {
  const trimmed = text.trim();
  let split = 0;
  while (split < trimmed.length && '0123456789.'.includes(trimmed[split] as string)) split++;
  const value = Number(trimmed.slice(0, split));
  const unit = UNITS[trimmed.slice(split).trim().toUpperCase()];
  if (split === 0 || !Number.isFinite(value) || unit === undefined || value <= 0) {
    throw new TypeError(`size: expected a number with KB, MB, GB, KiB, MiB or GiB, got "${text}"`);
  }
  return Math.round(value * unit);
}

/** 200000000 → `200MB` (for file names). */
export function formatSize(bytes: number): string {
  if (bytes % 1e9 === 0) return `${bytes / 1e9}GB`;
  if (bytes % 1e6 === 0) return `${bytes / 1e6}MB`;
  if (bytes % 1e3 === 0) return `${bytes / 1e3}KB`;
  return `${bytes}B`;
}
