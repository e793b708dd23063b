/**
 * Diagnostics on stderr. `--verbose` prints every one as it happens; otherwise errors only, at most a few per code,
 * and at the end one grouped line per code for machine formats (the human reports list them themselves).
 * @module
 */
import { escapeControlChars } from '../report/index.js';
import type { Diagnostic, DiagnosticCode, Summary } from '../types.js';

/** Prints diagnostics. */
export interface DiagnosticPrinter {
  /** The analysis's `onDiagnostic`. */
  handle(diagnostic: Diagnostic): void;
  /** Prints what was held back, given the final summary. */
  finish(summary: Summary, options: { grouped: boolean }): void;
  /** True when an error-severity diagnostic was seen. */
  readonly sawError: boolean;
}

const LIVE_PER_CODE = 3;

/**
 * One line for one diagnostic: `file:line: severity: message (CODE)`.
 * @example formatDiagnostic(d) // 'logs/a.json:3: warning: bad JSON (MALFORMED_RECORD)'
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.source.line !== undefined ? `${d.source.file}:${d.source.line}` : d.source.offset !== undefined ? `${d.source.file}@${d.source.offset}` : d.source.file;
  return escapeControlChars(`${where}: ${d.severity}: ${d.message} (${d.code})`);
}

/**
 * Creates a printer writing lines through `log` (the progress bar's logger while it is shown).
 * @example const printer = createDiagnosticPrinter((line) => process.stderr.write(line + '\n'), { verbose: false });
 */
export function createDiagnosticPrinter(log: (line: string) => void, options: { verbose: boolean }): DiagnosticPrinter {
  const printed = new Map<DiagnosticCode, number>();
  let sawError = false;
  return {
    handle(d) {
      if (d.severity === 'error') sawError = true;
      if (options.verbose) return log(formatDiagnostic(d));
      if (d.severity !== 'error') return;
      const n = printed.get(d.code) ?? 0;
      if (n < LIVE_PER_CODE) log(formatDiagnostic(d));
      printed.set(d.code, n + 1);
    },
    finish(summary, { grouped }) {
      if (options.verbose) return;
      for (const [code, count] of Object.entries(summary.diagnostics.byCode) as [DiagnosticCode, number][]) {
        const shown = Math.min(printed.get(code) ?? 0, LIVE_PER_CODE);
        const sample = summary.diagnostics.samples.find((d) => d.code === code);
        if (sample === undefined || count <= shown) continue;
        if (sample.severity === 'info' && !grouped) continue;
        if (!grouped && shown === 0) continue;
        const kind = sample.severity === 'info' ? 'notes' : `${sample.severity}s`;
        log(
          shown > 0
            ? `trace403: ${count - shown} more ${code} ${kind} not shown (--verbose shows all)`
            : `trace403: ${count} ${code} ${kind}, the first: ${formatDiagnostic(sample)} (--verbose shows all)`,
        );
      }
    },
    get sawError() {
      return sawError;
    },
  };
}
