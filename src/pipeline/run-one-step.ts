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
 * Runs one input's step on this thread and yields its records as they are classified. A step that throws (a bug
 * in a stage) ends that input with a diagnostic, as a worker does, so one bad file never stops a run.
 * @example for await (const record of runOneStep(chunks, { file: '-' }, false, context)) write(record);
 */
export async function* runOneStep(
  chunks: AsyncIterable<Uint8Array | string>,
  input: StepInput,
  keepOpen: boolean,
  { step, signal, parts, collector, onDiagnostic }: StepContext,
): AsyncGenerator<TraceRecord> {
  const batches = runStep(chunks, input, step, parts, keepOpen, signal);
  for (;;) {
    let next: IteratorResult<StepBatch, Piece[]>;
    try {
      next = await batches.next();
    } catch (error) {
      const diagnostic: Diagnostic = {
        code: 'UNREADABLE_FILE',
        severity: 'error',
        message: `reading stopped: ${error instanceof Error ? error.message : String(error)}`,
        source: { file: input.file },
      };
      addDiagnostic(parts, diagnostic);
      onDiagnostic(diagnostic);
      return;
    }
    if (next.done) {
      yield* collector.pushPieces(next.value);
      return;
    }
    for (const d of next.value.diagnostics) onDiagnostic(d);
    yield* collector.pushTraces(next.value.traces);
    yield* collector.pushPieces(next.value.pieces);
  }
}
