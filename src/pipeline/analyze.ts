import { availableParallelism } from 'node:os';
import { listInputFiles, type InputFile } from '../decode/index.js';
import { pickClassifyOptions } from '../classify/index.js';
import { Trace403Error } from '../errors.js';
import { addDiagnostic, buildSummary, createSummaryParts, type SummaryParts } from '../summary/index.js';
import type { DiagnosticHandler, InputFormat, Summary, TraceRecord } from '../types.js';
import { createCollector } from './collect-traces.js';
import { readInput, type Source } from './read-input.js';
import { isAborted, readFileChunks } from './read-file.js';
import { runInWorkers } from './run-in-workers.js';
import { runOneStep, stepInputOf, type StepContext } from './run-one-step.js';
import type { StepInput, StepOptions } from './run-step.js';
import { toChunks, type ByteSource } from './to-chunks.js';
import { validateAnalyzeOptions } from './validate-options.js';
import type { AnyRecord } from './serialized-record.js';

/** Progress of a run, reported through {@link AnalyzeOptions.onProgress}. */
export interface AnalyzeProgress {
  /** Raw bytes read so far (compressed bytes for `.gz` files). */
  bytesDone: number;
  /** Total raw bytes of the files, or null for streams. */
  bytesTotal: number | null;
  filesDone: number;
  filesTotal: number | null;
  traces: number;
}

/** Options of {@link analyze}. Every one is optional. */
export interface AnalyzeOptions {
  /** The container; default `'auto'` (sniffed per file, after gunzip). */
  format?: InputFormat | 'auto';
  /** Authorizer cache TTL assumed for cache correlation, in seconds: 0..3600, default 300. */
  ttlSeconds?: number;
  /** Redact secrets in evidence and identities: default true. */
  redact?: boolean;
  /**
   * Threads reading many files at once: default one per core for inputs of 32 MiB or more, else 1; 1 runs
   * everything on this thread, 2 this thread and one worker, more that many workers.
   */
  concurrency?: number;
  /** Event-time grace after a request's terminal line before its trace closes, ms: default 5000. */
  graceMs?: number;
  /** Event-time idle timeout after which an open trace closes, ms: default 60000. */
  idleMs?: number;
  /** Open traces kept at most per input; overflow closes the one nearest to closing early: default 50000. */
  maxOpenTraces?: number;
  /**
   * Stops reading: inputs end where they are, what was read is still reassembled and classified, and
   * iteration then ends normally, so `summary()` accounts for everything read.
   */
  signal?: AbortSignal;
  /**
   * The log group of inputs that do not carry one (filter-log-events output, S3 exports whose prefix does
   * not name it), e.g. `API-Gateway-Execution-Logs_a1b2c3d4e5/prod`: it gives every trace its API id and stage.
   */
  logGroup?: string;
  /** The name positions give a stream input (a file name, an S3 key): default `-`. */
  inputName?: string;
  /** What `-` in a list of paths reads: default `process.stdin`. */
  stdin?: ByteSource;
  /** Receives each diagnostic (bad or surprising input). Bad data never throws. */
  onDiagnostic?: DiagnosticHandler;
  onProgress?: (progress: AnalyzeProgress) => void;
}

/** A path, a list of paths (`-` is stdin), or a byte source. */
export type AnalyzeInput = string | readonly string[] | ByteSource;

/** The classified traces of a run, as an async iterator, and its summary. */
export interface Analysis extends AsyncIterableIterator<TraceRecord> {
  /** What was read and found so far; complete once iteration has ended. It always adds up. */
  summary(): Summary;
}

/**
 * Reads API Gateway execution logs from any export and yields one classified trace per request.
 *
 * @param input - a file or directory path, a list of them (`-` for stdin), a Node Readable, a Web
 *   ReadableStream, or an (async) iterable of chunks (an array of Buffers is chunks; an array of strings is
 *   paths). gzip and the container are detected per file. A wrong kind of input throws a TypeError at the call.
 * @throws TypeError naming a bad option or input, at the call.
 * @throws Trace403Error with code `NO_READABLE_INPUT` from the first `next()` when none of the named paths can
 *   be read. Bad data never throws: it becomes a diagnostic.
 * @example
 * import { analyze } from 'trace403';
 * const run = analyze('./exported-logs/', { ttlSeconds: 300 });
 * for await (const trace of run) {
 *   if (trace.cause !== 'ALLOWED') console.log(trace.requestId, trace.cause, trace.fix[0]);
 * }
 * console.log(run.summary().events);
 */
export function analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): Analysis {
  return analyzeRecords(input, options, false) as Analysis;
}

/** {@link analyze}, whose records may come as NDJSON lines a worker wrote: see serialized-record.ts. */
export interface RecordAnalysis extends AsyncIterableIterator<AnyRecord> {
  summary(): Summary;
}

/**
 * {@link analyze} for the CLI's NDJSON and JSON output: with `serialize`, worker threads write each record as its
 * NDJSON line and the iterator yields those as {@link SerializedRecord}s (records made on this thread stay
 * objects). Without it, it is `analyze`.
 */
export function analyzeRecords(input: AnalyzeInput, options: AnalyzeOptions, serialize: boolean): RecordAnalysis {
  validateAnalyzeOptions(options);
  // Sorted out now, so a wrong input is a TypeError at the call, like a wrong option, not at the first `next()`.
  const source = readInput(input);
  const parts = createSummaryParts();
  const records = run(source, options, parts, serialize);
  return Object.assign(records, { summary: () => buildSummary(parts) });
}

async function* run(source: Source, options: AnalyzeOptions, parts: SummaryParts, serialize: boolean): AsyncGenerator<AnyRecord> {
  const step = stepOptions(options);
  const onDiagnostic = (d: Parameters<DiagnosticHandler>[0]): void => options.onDiagnostic?.(d);
  const classify = pickClassifyOptions(options);
  const progress = createProgress(options, parts);
  const signal = options.signal;
  const withGroup = <T extends StepInput>(input: T): T =>
    options.logGroup === undefined || input.logGroup !== undefined ? input : { ...input, logGroup: options.logGroup };
  // Made once the number of inputs is known: with more than one, refused cache hits are settled at the end.
    const contextFor = (manyInputs: boolean): StepContext => ({
    step,
    signal,
    parts,
    collector: createCollector({ ...step, ...classify, onDiagnostic, manyInputs }, parts),
    onDiagnostic,
  });
  let context: StepContext;
  if ('chunks' in source) {
    context = contextFor(false);
    const chunks = countBytes(source.chunks, progress.addBytes, signal);
    for await (const records of runOneStep(chunks, withGroup({ file: options.inputName ?? '-' }), false, context)) yield* records;
  } else {
    const paths = source.paths;
    const files = await listInputFiles(paths.filter((p) => p !== '-'), {
      onDiagnostic: (d) => {
        addDiagnostic(parts, d);
        onDiagnostic(d);
      },
    });
    if (options.logGroup !== undefined) for (const file of files) file.logGroup ??= options.logGroup;
    const stdin = paths.includes('-');
    if (files.length === 0 && !stdin) {
      throw new Trace403Error('NO_READABLE_INPUT', `no readable input in ${paths.map((p) => JSON.stringify(p)).join(', ')}`);
    }
    progress.setTotals(files);
    const keepOpen = files.length + (stdin ? 1 : 0) > 1;
    context = contextFor(keepOpen);
    if (stdin) {
      const chunks = countBytes(toChunks(options.stdin ?? process.stdin), progress.addBytes, signal);
      for await (const records of runOneStep(chunks, withGroup({ file: '-' }), keepOpen, context)) yield* records;
    }
    const concurrency = Math.min(options.concurrency ?? defaultConcurrency(files), files.length);
    if (concurrency > 1) {
      const hooks = { onDiagnostic, onBytes: progress.addBytes, onFileDone: progress.fileDone };
      for await (const batch of runInWorkers(files, step, classify, serialize, concurrency, context.collector, parts, hooks, signal)) {
        progress.report();
        yield* batch;
      }
    } else {
      for (const file of files) {
        // Stopped: files not started are not read (as with workers), rather than each read as empty.
        if (isAborted(signal)) break;
        const chunks = readFileChunks(file.path, progress.addBytes, signal);
        for await (const records of runOneStep(chunks, stepInputOf(file), keepOpen, context)) yield* records;
        progress.fileDone();
      }
    }
  }
  yield* context.collector.flush();
  progress.report();
}

function stepOptions(options: AnalyzeOptions): StepOptions {
  return {
    format: options.format ?? 'auto',
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.maxOpenTraces === undefined ? {} : { maxOpenTraces: options.maxOpenTraces }),
  };
}

/** Counts bytes for progress; an abort ends the input where it is (see {@link AnalyzeOptions.signal}). */
async function* countBytes(
  chunks: AsyncIterable<Uint8Array | string>,
  add: (n: number) => void,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array | string> {
  if (isAborted(signal)) return;
  for await (const chunk of chunks) {
    if (isAborted(signal)) return;
    add(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    yield chunk;
  }
}

function createProgress(options: AnalyzeOptions, parts: SummaryParts) {
  const state: AnalyzeProgress = { bytesDone: 0, bytesTotal: null, filesDone: 0, filesTotal: null, traces: 0 };
  const report = (): void => {
    if (options.onProgress === undefined) return;
    state.traces = parts.traces;
    options.onProgress({ ...state });
  };
  return {
    report,
    setTotals(files: InputFile[]): void {
      state.filesTotal = files.length;
      state.bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
    },
    addBytes(n: number): void {
      state.bytesDone += n;
      report();
    },
    fileDone(): void {
      state.filesDone += 1;
      report();
    },
  };
}

/** Input below which the default is one thread: starting workers costs more than they save (see below). */
const WORKERS_FROM_BYTES = 32 * 1024 * 1024;

/**
 * Threads by default: one per core (issue 6), for inputs of at least 32 MiB on disk (a `.gz` counts compressed:
 * the 200 MB S3 export of the benchmark, 16 MB of `.gz`, gets one thread); one below that. The workers decode,
 * reassemble, extract and classify; the main thread joins what needs every file (refused cache hits, requests cut
 * by a file boundary, duplicates) and writes, and at 2 it reads files too. Small inputs get one thread because
 * each worker loads and warms up its own copy of the code: on 20 MB in 4 files two threads took 0.78 s where one
 * took 0.66. On 2 cores `-j 2` is no faster than `-j 1` on large inputs either, and uses nearly twice the memory
 * (README, Performance: one thread already keeps both cores busy, with V8's collector and zlib); the README says
 * so, and the default stays one thread per core as the issue asks, for machines with cores to spare.
 * @example defaultConcurrency(await listInputFiles(['exports/']))
 */
export function defaultConcurrency(files: readonly InputFile[] = [], cores = availableParallelism()): number {
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  return bytes < WORKERS_FROM_BYTES ? 1 : cores;
}
