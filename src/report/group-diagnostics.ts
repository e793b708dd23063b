/**
 * Diagnostics as reports show them: one group per code, most frequent first, with the first few positions.
 * @module
 */
import type { Diagnostic, DiagnosticCode, Summary } from '../types.js';
import { formatPosition } from './format-values.js';

/** One code's diagnostics. */
export interface DiagnosticGroup {
  code: DiagnosticCode;
  count: number;
  severity: Diagnostic['severity'];
  /** The first sample's message. */
  message: string;
  /** `file:line` / `file@offset` of the first samples. */
  positions: string[];
}

/**
 * Groups a summary's diagnostics by code.
 * @param maxPositions - positions listed per code; default 3
 * @example groupDiagnostics(summary) // [{ code: 'MALFORMED_RECORD', count: 12, positions: ['a.json:3', …], … }]
 */
export function groupDiagnostics(summary: Summary, maxPositions = 3): DiagnosticGroup[] {
  const groups: DiagnosticGroup[] = [];
  for (const [code, count] of Object.entries(summary.diagnostics.byCode) as [DiagnosticCode, number][]) {
    if (count <= 0) continue;
    const samples = summary.diagnostics.samples.filter((d) => d.code === code);
    groups.push({
      code,
      count,
      severity: samples[0]?.severity ?? 'warning',
      message: samples[0]?.message ?? '',
      positions: samples.slice(0, maxPositions).map((d) => formatPosition(d.source)),
    });
  }
  return groups.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}

/** The event accounting of a summary, and whether it adds up. */
export interface Accounting {
  read: number;
  parts: { label: string; count: number }[];
  /** `read − Σ parts`: 0 when it adds up. */
  difference: number;
}

/**
 * `events read = in traces + orphans + malformed + duplicates + foreign`.
 * @example accountEvents(summary).difference // 0
 */
export function accountEvents(summary: Summary): Accounting {
  const e = summary.events;
  const parts = [
    { label: 'in traces', count: e.inTraces },
    { label: 'orphans', count: e.orphans },
    { label: 'malformed', count: e.malformed },
    { label: 'duplicates', count: e.duplicates },
    { label: 'foreign', count: e.foreign },
  ];
  return { read: e.read, parts, difference: e.read - parts.reduce((sum, p) => sum + p.count, 0) };
}

/**
 * A duration in the largest fitting unit: `45s`, `5m`, `2h30m`, `3d`.
 * @example formatDuration(150 * 60_000) // '2h30m'
 */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${Math.max(s, 0)}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  return `${Math.round(h / 24)}d`;
}
