import type { InputFile } from '../decode/index.js';
import type { SummaryParts } from '../summary/index.js';
import type { Diagnostic, RawTrace } from '../types.js';
import type { SlimTrace } from '../extract/slim-trace.js';
import type { StepOptions } from './run-step.js';

/** Main → worker. */
export type ToWorker =
  | { type: 'run'; file: InputFile; options: StepOptions; keepOpen: boolean }
  /** One more batch may be sent (credit-based flow control keeps memory bounded when the consumer is slow). */
  | { type: 'credit' }
  /** Stop reading the current file as if it ended here; its traces are still flushed and counted. */
  | { type: 'stop' };

/** Worker → main. */
export type FromWorker =
  | { type: 'batch'; traces: SlimTrace[]; pieces: RawTrace[]; diagnostics: Diagnostic[]; bytes: number }
  | { type: 'done'; open: RawTrace[]; parts: SummaryParts; bytes: number }
  | { type: 'failed'; message: string; parts: SummaryParts; bytes: number };

/** Batches a worker may have in flight before it waits for credit. */
export const CREDIT_WINDOW = 4;
