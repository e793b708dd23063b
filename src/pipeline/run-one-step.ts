import type { InputFile } from '../decode/index.js';
import { addDiagnostic, type SummaryParts } from '../summary/index.js';
import type { Diagnostic, DiagnosticHandler, TraceRecord } from '../types.js';
import type { Piece } from './join-pieces.js';
import type { Collector } from './collect-traces.js';
import { runStep, type StepBatch, type StepInput, type StepOptions } from './run-step.js';

/** What every input of a run shares. */
export interface StepContext {
  step: StepOptions;
  signal: AbortSignal | undefined;
  parts: SummaryParts;
  collector: Collector;
  onDiagnostic: DiagnosticHandler;
}

/**
 * The step's view of a listed file: its path as the label of positions, and the log group and stream its path
 * names. One place, so this thread and the workers label a file alike.
 * @example stepInputOf({ path: 'a.log', size: 1 }) // { file: 'a.log' }
 */
export function stepInputOf(file: InputFile): StepInput {
  return {
    file: file.path,
    ...(file.logGroup === undefined ? {} : { logGroup: file.logGroup }),
    ...(file.logStream === undefined ? {} : { logStream: file.logStream }),
  };
}

/**
 * The diagnostic of an input whose step failed (a bug in a stage, or a worker that died): one wording wherever the
 * step ran, so a run's diagnostics do not depend on its thread count.
 */
export function stoppedReading(file: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNREADABLE_FILE', severity: 'error', message: `reading stopped: ${message}`, source: { file } };
}

/**
 * Runs one input's step on this thread and yields its records as the collector gives them, a batch at a time (a
 * caller with a queue waits for room between batches). A step that throws ends that input with a diagnostic, as
 * a worker does, so one bad file never stops a run.
 * @example for await (const records of runOneStep(chunks, { file: '-' }, false, context)) write(records);
 */
export async function* runOneStep(
  chunks: AsyncIterable<Uint8Array | string>,
  input: StepInput,
  keepOpen: boolean,
  { step, signal, parts, collector, onDiagnostic }: StepContext,
): AsyncGenerator<TraceRecord[]> {
  const batches = runStep(chunks, input, step, parts, keepOpen, signal);
  for (;;) {
    let next: IteratorResult<StepBatch, Piece[]>;
    try {
      next = await batches.next();
    } catch (error) {
      const diagnostic = stoppedReading(input.file, error);
      addDiagnostic(parts, diagnostic);
      onDiagnostic(diagnostic);
      return;
    }
    if (next.done) {
      yield collector.pushPieces(next.value);
      return;
    }
    for (const d of next.value.diagnostics) onDiagnostic(d);
    yield collector.pushTraces(next.value.traces);
    yield collector.pushPieces(next.value.pieces);
  }
}
