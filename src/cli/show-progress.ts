/**
 * Progress on stderr with cli-progress: bytes of the total, files done, traces per second. Never on stdout, which
 * carries the report.
 * @module
 */
import { createRequire } from 'node:module';
import type cliProgressTypes from 'cli-progress';
import type { AnalyzeProgress } from '../pipeline/analyze.js';
import { formatBytes, formatCount } from '../report/format-values.js';
import type { CliWritable } from './cli-io.js';

/** A progress display. */
export interface ProgressDisplay {
  update(progress: AnalyzeProgress): void;
  /** Prints a line above the bar (diagnostics while the bar is shown). */
  log(line: string): void;
  stop(): void;
}

/**
 * Starts a bar on `stream`. On a terminal it redraws in place ~5 times a second; when forced on elsewhere
 * (`--progress` into a file) it prints a line every few seconds.
 * @example const bar = startProgress(process.stderr); bar.update(p); bar.stop();
 */
export function startProgress(stream: CliWritable, now: () => number = Date.now): ProgressDisplay {
  // Loaded here, not at import: most runs write no bar (stderr is not a terminal), and loading it cost 15 ms of
  // every start. It is CommonJS, so it loads synchronously.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressTypes;
  const started = now();
  const format = (_options: cliProgressTypes.Options, _params: cliProgressTypes.Params, payload: { p?: AnalyzeProgress }): string => {
    const p = payload.p;
    if (p === undefined) return 'trace403: starting…';
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = `${formatCount(Math.round(p.traces / seconds))} traces/s`;
    const files = p.filesTotal === null ? '' : ` | files ${formatCount(p.filesDone)}/${formatCount(p.filesTotal)}`;
    if (p.bytesTotal === null || p.bytesTotal === 0) return `trace403 ${formatBytes(p.bytesDone)} read${files} | ${formatCount(p.traces)} traces | ${rate}`;
    const ratio = Math.min(1, p.bytesDone / p.bytesTotal);
    const width = 24;
    const done = Math.round(ratio * width);
    const bar = '█'.repeat(done) + '░'.repeat(width - done);
    return `trace403 ${bar} ${Math.floor(ratio * 100)}% | ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}${files} | ${formatCount(p.traces)} traces | ${rate}`;
  };
  const multibar = new cliProgress.MultiBar({
    stream: stream as NodeJS.WritableStream,
    format: format as unknown as string,
    hideCursor: false,
    clearOnComplete: true,
    fps: 5,
    noTTYOutput: stream.isTTY !== true,
    notTTYSchedule: 5000,
    emptyOnZero: true,
  });
  const bar = multibar.create(1, 0, {});
  let last: AnalyzeProgress | undefined;
  return {
    update(p) {
      last = p;
      bar.update(p.bytesDone, { p });
    },
    log(line) {
      multibar.log(`${line}\n`);
    },
    stop() {
      multibar.stop();
      // Off a terminal (forced with --progress: CI logs), leave the final state as one line.
      if (stream.isTTY !== true && last !== undefined) stream.write(`${format({}, {} as cliProgressTypes.Params, { p: last })}\n`);
    },
  };
}
