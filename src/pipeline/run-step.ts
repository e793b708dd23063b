import { decodeChunks } from '../decode/index.js';
import { extractTrace } from '../extract/index.js';
import { createReassembler } from '../reassemble/index.js';
import { addDecodeStats, addDiagnostic, addReassembleStats, type SummaryParts } from '../summary/index.js';
import type { Diagnostic, InputFormat, RawTrace, Trace } from '../types.js';

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

/** One batch out of the step: traces closed inside this input, and the diagnostics met on the way. */
export interface StepBatch {
  traces: Trace[];
  diagnostics: Diagnostic[];
}

/**
 * The pure per-input step: decode → reassemble → extract, for one file or stream. It keeps no state beyond
 * its input, so many can run at once (in worker threads) and their counters merge into one summary.
 *
 * Traces still open when the input ends are returned raw when `keepOpen` is set: another file may hold the
 * rest of their lines (an S3 export splits a stream across files), and the main thread joins them.
 * Otherwise they are extracted and yielded like the others. To stop early, end `chunks`: everything read
 * so far is still closed, extracted and counted.
 */
export async function* runStep(
  chunks: AsyncIterable<Uint8Array | string>,
  input: StepInput,
  options: StepOptions,
  parts: SummaryParts,
  keepOpen: boolean,
): AsyncGenerator<StepBatch, RawTrace[], undefined> {
  let diagnostics: Diagnostic[] = [];
  const onDiagnostic = (d: Diagnostic): void => {
    addDiagnostic(parts, d);
    diagnostics.push(d);
  };
  const reassembler = createReassembler({
    onDiagnostic,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.maxOpenTraces === undefined ? {} : { maxOpenTraces: options.maxOpenTraces }),
  });
  const events = decodeChunks(chunks, {
    file: input.file,
    format: options.format,
    onDiagnostic,
    ...(input.logGroup === undefined ? {} : { logGroup: input.logGroup }),
    ...(input.logStream === undefined ? {} : { logStream: input.logStream }),
    ...(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes }),
  });
  // One await per decoded chunk; everything inside the loop is synchronous (STYLE.md: hot loops are sync).
  for (;;) {
    const next = await events.next();
    if (next.done) {
      addDecodeStats(parts, next.value);
      break;
    }
    const closed = reassembler.push(next.value);
    if (closed.length > 0 || diagnostics.length > 0) {
      yield { traces: closed.map(extractTrace), diagnostics };
      diagnostics = [];
    }
  }
  const rest = reassembler.flush();
  addReassembleStats(parts, reassembler.stats);
  if (keepOpen) {
    if (diagnostics.length > 0) yield { traces: [], diagnostics };
    return rest;
  }
  if (rest.length > 0 || diagnostics.length > 0) yield { traces: rest.map(extractTrace), diagnostics };
  return [];
}
