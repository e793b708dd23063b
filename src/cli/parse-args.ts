/**
 * Command-line parsing with commander: options, validation, help and version. Bad usage becomes one
 * {@link UsageError} line plus a hint (exit 2).
 * @module
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { CAUSES, type Cause, type InputFormat } from '../types.js';
import type { CliIo } from './cli-io.js';
import { DEFAULT_TTL_SECONDS } from '../classify/read-options.js';
import { HELP_AFTER, INPUT_FORMAT_CHOICES } from './help-text.js';
import { parseTimeBound } from './parse-time.js';

/** Everything the command line asked for, validated. */
export interface CliOptions {
  paths: string[];
  format: ReportFormat;
  inputFormat: InputFormat | 'auto';
  /** The log group of inputs that do not name one (filter-log-events output, S3 exports). */
  logGroup: string | undefined;
  causes: Cause[];
  since: number | null;
  until: number | null;
  apis: string[];
  stages: string[];
  principals: string[];
  ttlSeconds: number;
  concurrency: number | undefined;
  /** undefined: on when stderr is a terminal. */
  progress: boolean | undefined;
  /** undefined: on when stdout is a terminal and NO_COLOR is not set. */
  color: boolean | undefined;
  redact: boolean;
  failOn: Cause[];
  verbose: boolean;
}

/** A usage error: printed as one line and a hint, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parsing either gives options, or already printed help/version and tells the exit status. */
export type ParseResult = { kind: 'run'; options: CliOptions } | { kind: 'exit'; code: number };

/**
 * The package version, read at run time so `src/` and `dist/` both find the root package.json.
 * @example readVersion() // '0.1.0'
 */
export function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];

function parseInteger(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    }
    return Number(value);
  };
}

function toCauses(option: string, values: readonly string[]): Cause[] {
  const out: Cause[] = [];
  for (const value of values) {
    const cause = CAUSES.find((c) => c === value.toUpperCase().replace(/-/g, '_'));
    if (cause === undefined) throw new UsageError(`unknown cause '${value}' for ${option} (expected one of: ${CAUSES.join(', ')})`);
    if (!out.includes(cause)) out.push(cause);
  }
  return out;
}

/**
 * Builds the commander program, printing help and version through `io`; errors are thrown (exitOverride), not
 * printed, so {@link parseArgs} can word them.
 * @example createProgram(io).helpInformation()
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('trace403')
    .description('Explain why Amazon API Gateway refused requests (401, 403, authorizer 500), from exported execution logs.')
    .argument('[paths...]', 'log files or directories (recursive); - or nothing reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .addOption(new Option('--input-format <container>', 'input container').choices(INPUT_FORMAT_CHOICES).default('auto'))
    .option('--log-group <name>', 'log group of inputs that do not carry it (filter-log-events output, S3 exports): gives API id and stage, e.g. API-Gateway-Execution-Logs_a1b2c3d4e5/prod')
    .option('-c, --cause <code>', 'print only traces of this cause (repeatable, or comma-separated)', collect)
    .option('--denied', 'print only refused traces (every cause but ALLOWED)')
    .option('--since <time>', 'only traces starting at or after: ISO 8601 (UTC by default) or relative (30m, 2h, 7d)')
    .option('--until <time>', 'only traces starting at or before: same forms as --since')
    .option('--api <id>', 'only this REST API id (repeatable)', collect)
    .option('--stage <name>', 'only this stage (repeatable)', collect)
    .option('--principal <principal>', 'only this authorizer principal (as logged, masked, or its visible tail)', collect)
    .option('--ttl <seconds>', 'authorizer cache TTL to assume, 0..3600', parseInteger('--ttl', 0, 3600), DEFAULT_TTL_SECONDS)
    .option('-j, --concurrency <n>', 'threads reading many files at once (default: the number of cores, or 1 below 32 MiB on disk, .gz counted compressed; 1: all on the main thread, as fast on 2 cores with half the memory)', parseInteger('--concurrency', 1, 1024))
    .option('--progress', 'show progress on stderr (default: when stderr is a terminal)')
    .option('--no-progress', 'never show progress')
    .option('--color', 'colour the text report even when stdout is not a terminal')
    .option('--no-color', 'never colour (also when NO_COLOR is set)')
    .option('--no-redact', 'show secrets as logged: bearer tokens, JWTs, X-Amz-Security-Token, authorizer context values, unmasked identities')
    .option('--fail-on <code>', 'exit 3 when a printed trace has this cause (repeatable, or comma-separated)', collect)
    .option('--verbose', 'print every diagnostic on stderr (default: errors only, grouped and capped)')
    .version(readVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText('after', HELP_AFTER)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // commander's "error: …" becomes our one line; the hint follows in main.
      outputError: () => undefined,
    });
  return program;
}

/**
 * Parses `argv` (without node and script). Throws {@link UsageError} for bad usage.
 * @example parseArgs(['logs/', '--format', 'ndjson'], io) // { kind: 'run', options: { paths: ['logs/'], format: 'ndjson', … } }
 */
export function parseArgs(argv: readonly string[], io: CliIo): ParseResult {
  const program = createProgram(io);
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return { kind: 'exit', code: 0 };
      }
      throw new UsageError(error.message.replace(/^error: /, ''));
    }
    throw error;
  }
  const o = program.opts<Record<string, unknown>>();
  const now = (io.now ?? Date.now)();
  const bound = (name: string, value: unknown): number | null => {
    if (value === undefined) return null;
    const ms = parseTimeBound(String(value), now);
    if (ms === null) throw new UsageError(`invalid ${name} '${String(value)}' (expected ISO 8601 like 2024-02-24T00:29:03Z, or relative like 30m, 2h, 7d)`);
    return ms;
  };
  const since = bound('--since', o.since);
  const until = bound('--until', o.until);
  if (since !== null && until !== null && since > until) throw new UsageError('--since is after --until');
  const causes = toCauses('--cause', (o.cause as string[] | undefined) ?? []);
  if (o.denied === true) for (const cause of CAUSES) if (cause !== 'ALLOWED' && !causes.includes(cause)) causes.push(cause);
  return {
    kind: 'run',
    options: {
      paths: program.args,
      format: o.format as ReportFormat,
      inputFormat: o.inputFormat as InputFormat | 'auto',
      logGroup: o.logGroup as string | undefined,
      causes,
      since,
      until,
      apis: (o.api as string[] | undefined) ?? [],
      stages: (o.stage as string[] | undefined) ?? [],
      principals: (o.principal as string[] | undefined) ?? [],
      ttlSeconds: o.ttl as number,
      concurrency: o.concurrency as number | undefined,
      progress: o.progress as boolean | undefined,
      color: o.color as boolean | undefined,
      redact: o.redact !== false,
      failOn: toCauses('--fail-on', (o.failOn as string[] | undefined) ?? []),
      verbose: o.verbose === true,
    },
  };
}
