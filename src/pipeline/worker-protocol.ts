import type { CachedOrigin, ClassifyOptions } from '../classify/index.js';
import type { InputFile } from '../decode/index.js';
import type { SummaryParts } from '../summary/index.js';
import type { Diagnostic, RawTrace, TraceRecord } from '../types.js';
import type { SlimTrace } from '../extract/slim-trace.js';
import type { StepOptions } from './run-step.js';
import type { SerializedRecord } from './serialized-record.js';

/**
 * One trace as a worker leaves it, in input order: classified there (its record, and its fresh policy for the
 * main thread's classifier to remember), or, for a refused cache hit whose origin may be in another file, the
 * trace itself. `print`, `start`, `end` and `lineCount` are what the main thread's duplicate check needs.
 */
export type WorkerItem =
  | { record: TraceRecord | SerializedRecord; origin: CachedOrigin | null; print: number; start: number | null; end: number | null; lineCount: number }
  | { held: SlimTrace };

/** Main → worker. */
export type ToWorker =
  /** `serialize`: write each record as its NDJSON line here (see serialized-record.ts). */
  | { type: 'run'; file: InputFile; options: StepOptions; classify: ClassifyOptions; serialize: boolean; keepOpen: boolean }
  /** One more batch may be sent (credit-based flow control keeps memory bounded when the consumer is slow). */
  | { type: 'credit' }
  /** Stop reading the current file as if it ended here; its traces are still flushed and counted. */
  | { type: 'stop' }
  /** No more files: exit once idle (see run-in-workers.ts, closeWorker). */
  | { type: 'close' };

/** Worker → main. */
export type FromWorker =
  | { type: 'batch'; items: WorkerItem[]; pieces: RawTrace[]; diagnostics: Diagnostic[]; bytes: number }
  | { type: 'done'; open: RawTrace[]; parts: SummaryParts; bytes: number }
  | { type: 'failed'; message: string; parts: SummaryParts; bytes: number };

/** Batches a worker may have in flight before it waits for credit. */
export const CREDIT_WINDOW = 4;
