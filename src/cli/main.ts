/**
 * The `trace403` command, as a function: parse, analyze, filter, report, choose the exit status. Everything it
 * touches comes through {@link CliIo}, so tests run it in-process.
 * @module
 */
import { Trace403Error } from '../errors.js';
import { analyzeRecords, type AnalyzeInput, type AnalyzeOptions } from '../pipeline/analyze.js';
import { isSerialized, wholeRecord } from '../pipeline/serialized-record.js';
import { createReportWriter } from '../report/index.js';
import type { Cause, Summary } from '../types.js';
import type { CliIo } from './cli-io.js';
import { createRecordFilter } from './filter-records.js';
import { parseArgs, UsageError, type CliOptions } from './parse-args.js';
import { createDiagnosticPrinter } from './print-diagnostics.js';
import { readUntilAborted } from './read-until-aborted.js';
import { startProgress, type ProgressDisplay } from './show-progress.js';
import { createOutput } from './write-output.js';

export type { CliIo } from './cli-io.js';

/** Exit statuses. */
export const EXIT = { OK: 0, BAD_INPUT: 1, USAGE: 2, FAIL_ON: 3, INTERRUPTED: 130 } as const;

const HINT = "Try 'trace403 --help' for usage and examples.";

/**
 * Runs the command line `argv` (without node and script) and resolves to the exit status: 0 done, 1 bad input that
 * stopped the run, 2 usage error, 3 `--fail-on` matched, 130 interrupted (after printing what was read).
 * @example process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    const parsed = parseArgs(argv, io);
    if (parsed.kind === 'exit') return parsed.code;
    options = parsed.options;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`trace403: ${oneLine(error.message)}\n${HINT}\n`);
    return EXIT.USAGE;
  }
  const readsStdin = options.paths.length === 0 || options.paths.every((p) => p === '-');
  if (readsStdin && io.stdin.isTTY === true) {
    io.stderr.write(`trace403: no input: give log files or directories, or pipe logs in\n${HINT}\n`);
    return EXIT.USAGE;
  }
  return run(options, readsStdin, io);
}

async function run(options: CliOptions, readsStdin: boolean, io: CliIo): Promise<number> {
  const out = createOutput(io.stdout);
  const controller = new AbortController();
  // Standard input is ended rather than aborted on SIGINT: the analysis then finishes normally, so every event read
  // is classified and accounted for. Files are aborted: they may be gigabytes from the end.
  const endStdin = new AbortController();
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
    if (readsStdin) endStdin.abort();
    else controller.abort(new Error('interrupted'));
  };
  if (io.signal?.aborted === true) onInterrupt();
  io.signal?.addEventListener('abort', onInterrupt, { once: true });
  out.onBroken(() => controller.abort(new Error('the reader closed the output')));

  const showProgress = options.progress ?? io.stderr.isTTY === true;
  let progress: ProgressDisplay | null = showProgress ? startProgress(io.stderr) : null;
  const log = (line: string): void => {
    if (progress !== null) progress.log(line);
    else io.stderr.write(`${line}\n`);
  };
  const diagnostics = createDiagnosticPrinter(log, { verbose: options.verbose });
  const color = decideColor(options.color, io);
  const filter = createRecordFilter(options);
  // analyze() already redacted every record with the same redactRecord (unless --no-redact): redacting again in
  // the report would double the cost of NDJSON output (measured: 10 → 23 µs per record) for no change.
  const report = createReportWriter(options.format, { color, redact: false, filtered: filter.active });
  const failOn = new Set<Cause>(options.failOn);
  const failed = new Map<Cause, number>();

  const input: AnalyzeInput = readsStdin ? readUntilAborted(io.stdin, AbortSignal.any([endStdin.signal, controller.signal])) : options.paths;
  const analyzeOptions: AnalyzeOptions = {
    format: options.inputFormat,
    ttlSeconds: options.ttlSeconds,
    redact: options.redact,
    signal: controller.signal,
    onDiagnostic: (d) => diagnostics.handle(d),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.logGroup === undefined ? {} : { logGroup: options.logGroup }),
    ...(progress === null ? {} : { onProgress: (p) => progress?.update(p) }),
  };
  let summary: Summary | null = null;
  try {
    // NDJSON and JSON take records as the lines worker threads wrote (see serialized-record.ts).
    const analysis = analyzeRecords(input, analyzeOptions, report.pushLine !== null);
    try {
      for await (const record of analysis) {
        const head = isSerialized(record) ? record.head : record;
        if (!filter(head)) continue;
        if (failOn.has(head.cause)) failed.set(head.cause, (failed.get(head.cause) ?? 0) + 1);
        const text = isSerialized(record) && report.pushLine !== null ? report.pushLine(record.json) : report.push(wholeRecord(record));
        if (text !== '') await out.write(text);
        if (out.broken) break;
      }
    } catch (error) {
      // An abort (SIGINT, EPIPE) ends iteration with the signal's reason: what was read is still summarised.
      if (!controller.signal.aborted) throw error;
    }
    summary = analysis.summary();
  } catch (error) {
    progress?.stop();
    progress = null;
    io.stderr.write(`trace403: ${describeError(error, options.verbose)}\n`);
    return EXIT.BAD_INPUT;
  } finally {
    progress?.stop();
    progress = null;
    io.signal?.removeEventListener('abort', onInterrupt);
  }
  if (out.broken) return EXIT.OK;
  try {
    await out.write(report.end(summary, { interrupted }));
    await out.flush();
  } catch (error) {
    io.stderr.write(`trace403: cannot write the report: ${describeError(error, false)}\n`);
    return EXIT.BAD_INPUT;
  }
  if (out.broken) return EXIT.OK;
  diagnostics.finish(summary, { grouped: options.format === 'ndjson' || options.format === 'json' });
  if (interrupted) {
    io.stderr.write('trace403: interrupted: the report covers what was read until then\n');
    return EXIT.INTERRUPTED;
  }
  if (summary.events.read === 0 && diagnostics.sawError) {
    io.stderr.write('trace403: no log event could be read from the input\n');
    return EXIT.BAD_INPUT;
  }
  if (failed.size > 0) {
    const list = [...failed].map(([cause, n]) => `${cause} ×${n}`).join(', ');
    io.stderr.write(`trace403: --fail-on matched: ${list}\n`);
    return EXIT.FAIL_ON;
  }
  return EXIT.OK;
}

/**
 * Colour for the text report: `--no-color`/`--color` first, then `NO_COLOR` (when not empty), then whether stdout is a
 * terminal.
 * @example decideColor(undefined, { env: { NO_COLOR: '1' }, stdout: process.stdout }) // false
 */
export function decideColor(flag: boolean | undefined, io: Pick<CliIo, 'env' | 'stdout'>): boolean {
  if (flag !== undefined) return flag;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return io.stdout.isTTY === true;
}

function describeError(error: unknown, verbose: boolean): string {
  if (error instanceof Trace403Error) return oneLine(error.message);
  if (error instanceof Error) return verbose && error.stack !== undefined ? error.stack : oneLine(error.message);
  return oneLine(String(error));
}

function oneLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
