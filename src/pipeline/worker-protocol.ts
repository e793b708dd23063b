import type { CachedOrigin, ClassifyOptions } from '../classify/index.js';
import type { InputFile } from '../decode/index.js';
import type { SummaryParts } from '../summary/index.js';
import type { Diagnostic, LogEvent, RawTrace, TraceRecord } from '../types.js';
import type { SlimTrace } from '../extract/slim-trace.js';
import { isWholePiece, type Piece, type WholePiece } from './join-pieces.js';
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

/**
 * A {@link WholePiece} as it crosses from a worker: its events made there, since the grouper's line store it keeps
 * cannot be posted, and `bytes` as the step counted it, so the main thread's joiner bounds it as at `-j 1`.
 */
export type PostedWholePiece = Omit<WholePiece, 'events'> & { events: LogEvent[] };

/** A piece as a worker posts it: raw, or whole in its cloneable form. */
export type PostedPiece = RawTrace | PostedWholePiece;

/**
 * `piece` in a form structured clone can carry. Posting a whole piece as a raw one put it under the joiner's raw
 * bound (32 MiB, not 4) and had the main thread extract and classify it again.
 */
export function postPiece(piece: Piece): PostedPiece {
  if (!isWholePiece(piece)) return piece;
  return { requestId: piece.requestId, closedBy: piece.closedBy, slim: piece.slim, events: piece.events(), bytes: piece.bytes };
}

/** The piece a worker posted, whole again if it was: what the joiner would have had from the step on this thread. */
export function receivePiece(posted: PostedPiece): Piece {
  if (!('slim' in posted)) return posted;
  const { events, ...rest } = posted;
  const whole: WholePiece = { ...rest, events: () => events };
  return whole;
}

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
  | { type: 'done'; open: PostedPiece[]; parts: SummaryParts; bytes: number }
  | { type: 'failed'; message: string; parts: SummaryParts; bytes: number };

/** Batches a worker may have in flight before it waits for credit. */
export const CREDIT_WINDOW = 4;
