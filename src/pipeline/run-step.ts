import { decodeChunks } from '../decode/index.js';
import { extractTrace } from '../extract/index.js';
import { createReassembler, DEFAULT_IDLE_MS } from '../reassemble/index.js';
import { addDecodeStats, addDiagnostic, addReassembleStats, type SummaryParts } from '../summary/index.js';
import { markTrace, slimTrace, type SlimTrace } from './slim-trace.js';
import type { Diagnostic, InputFormat, RawTrace } from '../types.js';
import { createHeadWindow, mayHaveBegunElsewhere } from './head-window.js';
import { endOnError } from './read-file.js';

/** Options of the per-file step; plain data so they can be posted to a worker thread. */
export interface StepOptions {
  format: InputFormat | 'auto';
  graceMs?: number;
  idleMs?: number;
  maxOpenTraces?: number;
  maxRecordBytes?: number;
}

/** What the step knows of its input beyond the bytes. */
export interface StepInput {
  /** Label for positions: the path as the user gave it, or `-`. */
  file: string;
  logGroup?: string;
  logStream?: string;
}

/**
 * One batch out of the step: traces closed inside this input, pieces of requests that may have begun in another
 * input (raw, for the main thread to join), and the diagnostics met on the way.
 */
export interface StepBatch {
  /** Slimmed to the lines the classifier reads: they may cross to the main thread by structured clone. */
  traces: SlimTrace[];
  pieces: RawTrace[];
  diagnostics: Diagnostic[];
}

/**
 * The pure per-input step: decode → reassemble → extract, for one file or stream. It keeps no state beyond
 * its input, so many can run at once (in worker threads) and their counters merge into one summary.
 *
 * With `keepOpen` (one input of several) it hands back raw the pieces of requests another input may hold the
 * rest of (an S3 export splits a log stream across files, a request can straddle two): traces still open when
 * the input ends (the return value), and traces that closed inside it but may have begun in another input
 * (`pieces` of a batch: see {@link mayHaveBegunElsewhere}). The main thread joins them. Otherwise every trace
 * is extracted and yielded. A source that fails (a file that cannot be read) ends the input there with an
 * UNREADABLE_FILE diagnostic. To stop early, end `chunks` and abort `signal`: everything read so far is still
 * closed, extracted and counted, and an input stopped before its first byte counts as not read.
 * `crossesThread` (default true) slims traces for cloning; false (traces classified on this thread) only marks them.
 */
export async function* runStep(
  chunks: AsyncIterable<Uint8Array | string>,
  input: StepInput,
  options: StepOptions,
  parts: SummaryParts,
  keepOpen: boolean,
  signal?: AbortSignal,
  crossesThread = true,
): AsyncGenerator<StepBatch, RawTrace[], undefined> {
  let diagnostics: Diagnostic[] = [];
  const source = { bytes: 0, unreadable: false };
  // An input stopped before its first byte was not read at all: it is neither empty nor counted as a file.
  const notRead = (): boolean => source.bytes === 0 && signal?.aborted === true;
  const onDiagnostic = (d: Diagnostic): void => {
    if (d.code === 'UNREADABLE_FILE') source.unreadable = true;
    // A file that could not be read is not also reported empty: the decoder only saw it end.
    else if (d.code === 'EMPTY_INPUT' && (source.unreadable || notRead())) return;
    addDiagnostic(parts, d);
    diagnostics.push(d);
  };
  const reassembler = createReassembler({
    onDiagnostic,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.maxOpenTraces === undefined ? {} : { maxOpenTraces: options.maxOpenTraces }),
  });
  const events = decodeChunks(endOnError(chunks, input.file, source, onDiagnostic), {
    file: input.file,
    format: options.format,
    onDiagnostic,
    ...(input.logGroup === undefined ? {} : { logGroup: input.logGroup }),
    ...(input.logStream === undefined ? {} : { logStream: input.logStream }),
    ...(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes }),
  });
  // Slimming pays only where the traces are cloned to another thread; on this thread it is pure allocation (72 ms
  // → 12 ms on the 100 MB benchmark's 9.9k traces, see markTrace).
  const cut = crossesThread ? slimTrace : markTrace;
  const head = createHeadWindow(options.idleMs ?? DEFAULT_IDLE_MS);
  const sort = (closed: RawTrace[]): StepBatch => {
    const batch: StepBatch = { traces: [], pieces: [], diagnostics };
    for (const raw of closed) {
      const trace = extractTrace(raw);
      if (keepOpen && head.holds(raw) && mayHaveBegunElsewhere(trace, head.extendedIds)) batch.pieces.push(raw);
      else batch.traces.push(cut(trace));
    }
    diagnostics = [];
    return batch;
  };
  // One await per decoded chunk; everything inside the loop is synchronous (STYLE.md: hot loops are sync).
  for (;;) {
    const next = await events.next();
    if (next.done) {
      // The summary counts raw bytes (what the user sees on disk or on the pipe, compressed for gzip).
      if (!notRead()) addDecodeStats(parts, next.value, source.bytes);
      break;
    }
    if (keepOpen) head.observe(next.value);
    const closed = reassembler.push(next.value);
    if (closed.length > 0 || diagnostics.length > 0) yield sort(closed);
  }
  const rest = reassembler.flush();
  addReassembleStats(parts, reassembler.stats);
  if (keepOpen) {
    if (diagnostics.length > 0) yield sort([]);
    return rest;
  }
  if (rest.length > 0 || diagnostics.length > 0) yield sort(rest);
  return [];
}
