/**
 * Turns timed runs into the figures the README quotes (MB/s, events/s, traces/s, peak RSS, x floor) and prints
 * them as markdown tables.
 * @module
 */
import type { ArchiveManifest } from './manifest.js';
import { median, type Run } from './measure.js';

/** One tool on one input, summarised over its runs. */
export interface ToolResult {
  form: string;
  tool: string;
  command: string[];
  runs: Run[];
  /** Median seconds of the successful runs, or null when none succeeded. */
  seconds: number | null;
  mbPerSecond: number | null;
  eventsPerSecond: number | null;
  tracesPerSecond: number | null;
  /** Largest peak RSS over the runs. */
  peakRssMB: number | null;
  /** Median seconds divided by the floor's median seconds on the same input. */
  xFloor: number | null;
  /** Why there is no figure (failed, timed out). */
  error: string | null;
}

/**
 * Summarises runs of one tool against the archive's manifest and the floor's median time.
 *
 * @example
 * summarise('ndjson', 'jq -c .', cmd, runs, manifest, floorSeconds);
 */
export function summarise(
  form: string, tool: string, command: string[], runs: Run[], manifest: ArchiveManifest, floorSeconds: number | null,
): ToolResult {
  const ok = runs.filter((r) => r.exitCode === 0 && !r.timedOut);
  const seconds = ok.length === 0 ? null : median(ok.map((r) => r.seconds));
  const rss = runs.map((r) => r.rssMB).filter((v): v is number => v !== null);
  const failed = runs.find((r) => r.exitCode !== 0 || r.timedOut);
  const error = ok.length === runs.length || failed === undefined ? null
    : failed.timedOut ? 'timed out' : `exit ${failed.exitCode}: ${failed.stderr.trim().split('\n').slice(-3).join(' / ')}`;
  return {
    form, tool, command, runs, seconds,
    mbPerSecond: seconds === null ? null : manifest.textBytes / 1e6 / seconds,
    eventsPerSecond: seconds === null ? null : manifest.events / seconds,
    tracesPerSecond: seconds === null ? null : manifest.traces / seconds,
    peakRssMB: rss.length === 0 ? null : Math.max(...rss),
    xFloor: seconds === null || floorSeconds === null ? null : seconds / floorSeconds,
    error,
  };
}

/** `1234567` → `1.23 M`; `12345` → `12.3 k`. */
function formatCount(n: number | null): string {
  if (n === null) return '–';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(0);
}

const fixed = (n: number | null, digits: number): string => (n === null ? '–' : n.toFixed(digits));
/** Table cells must not contain a bare `|` (e.g. `gzip -dc | jq`). */
const cell = (text: string): string => text.replaceAll('|', '\\|');

/**
 * The throughput table.
 *
 * @example
 * console.log(formatThroughputTable(results));
 */
export function formatThroughputTable(results: readonly ToolResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.form} | ${cell(r.error === null ? r.tool : `${r.tool} (${r.error})`)} | ${fixed(r.mbPerSecond, 0)} | ` +
      `${formatCount(r.eventsPerSecond)} | ${formatCount(r.tracesPerSecond)} | ${fixed(r.peakRssMB, 0)} | ${fixed(r.xFloor, 1)} |`,
  );
  return ['| form | tool | MB/s | events/s | traces/s | peak RSS MB | x floor |', '|---|---|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

/** The worker comparison: per input, the speed-up of each run over the input's first (one thread, one core). */
export function formatConcurrencyTable(results: readonly ToolResult[]): string {
  const base = new Map<string, number | null>();
  for (const r of results) if (!base.has(r.form)) base.set(r.form, r.seconds);
  const rows = results.map((r) => {
    const first = base.get(r.form) ?? null;
    return (
      `| ${cell(r.form)} | ${cell(r.tool)} | ${fixed(r.seconds, 2)} | ${fixed(r.mbPerSecond, 0)} | ${fixed(r.peakRssMB, 0)} | ` +
      `${first === null || r.seconds === null ? '–' : (first / r.seconds).toFixed(2)} |`
    );
  });
  return ['| input | run | seconds | MB/s | peak RSS MB | speed-up |', '|---|---|---:|---:|---:|---:|', ...rows].join('\n');
}

/** The memory-flatness table: peak RSS of the same tool on a small and a large input. */
export function formatMemoryTable(results: readonly ToolResult[]): string {
  const rows = results.map((r) => `| ${r.form} | ${cell(r.tool)} | ${fixed(r.seconds, 1)} | ${fixed(r.peakRssMB, 0)} |`);
  return ['| input | tool | seconds | peak RSS MB |', '|---|---|---:|---:|', ...rows].join('\n');
}
