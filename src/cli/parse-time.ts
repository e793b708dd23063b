/**
 * Time bounds of `--since`/`--until`: ISO 8601 (UTC unless it says otherwise) or relative to now (`30m`, `2h`,
 * `7d`). Relative bounds use the wall clock on purpose: they are the user's own window ("the last 2 hours"), not a
 * window over event time.
 * @module
 */

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a time bound to epoch ms, or returns null when it is neither form.
 * @param now - epoch ms that relative bounds count back from
 * @example parseTimeBound('2h', Date.UTC(2024, 1, 24, 12)) // Date.UTC(2024, 1, 24, 10)
 * @example parseTimeBound('2024-02-24T00:29:03', 0) // Date.UTC(2024, 1, 24, 0, 29, 3)
 */
export function parseTimeBound(value: string, now: number): number | null {
  const text = value.trim();
  // Bounded input (an option value), anchored simple patterns: no backtracking risk.
  const relative = /^(\d{1,9})\s*([smhdw])$/.exec(text);
  if (relative !== null) return now - Number(relative[1]) * (UNITS[relative[2] ?? ''] ?? 0);
  if (text.length > 40 || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return null;
  // Execution logs are UTC: a time written without a zone means UTC, not the machine's local time.
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
  const iso = text.replace(' ', 'T') + (hasZone || text.length === 10 ? '' : 'Z');
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
