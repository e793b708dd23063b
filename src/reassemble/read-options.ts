import type { DiagnosticHandler } from '../types.js';

/** Options of {@link createReassembler}. Every window is measured in event time, never wall-clock time. */
export interface ReassembleOptions {
  /**
   * Event time (ms) a trace stays open after its terminal line, for trailers such as
   * `X-ray Tracing ID : Root=…` and for lines that arrive slightly out of order. Default 5000.
   */
  graceMs?: number;
  /** Event time (ms) with no line after which a trace without a terminal line closes. Default 60000. */
  idleMs?: number;
  /**
   * Most traces open at once; beyond it the trace nearest to closing closes early (`closedBy: 'capacity'`).
   * Bounds memory on unsorted or very busy input. Default 50000.
   */
  maxOpenTraces?: number;
  /**
   * Events between two closing decisions. Closing is decided on the event sequence, not per batch, so the same
   * events give the same traces however the input was chunked, and input may be out of order by about this
   * many events beyond the grace and idle windows without splitting a request. Default 4096; 1 decides after
   * every event.
   */
  closeCheckEvents?: number;
  /** Receives DUPLICATE_EVENT, FOREIGN_LINE, ORPHAN_EVENT and TRACE_CLOSED_EARLY diagnostics. */
  onDiagnostic?: DiagnosticHandler;
}

/** {@link ReassembleOptions} with defaults applied. */
export interface ResolvedReassembleOptions {
  graceMs: number;
  idleMs: number;
  maxOpenTraces: number;
  closeCheckEvents: number;
  onDiagnostic: DiagnosticHandler | undefined;
}

/** Default {@link ReassembleOptions.graceMs}: 5 s of event time after a terminal line. */
export const DEFAULT_GRACE_MS = 5000;
/** Default {@link ReassembleOptions.idleMs}: 60 s of event time without a line. */
export const DEFAULT_IDLE_MS = 60_000;
/** Default {@link ReassembleOptions.closeCheckEvents}. */
export const DEFAULT_CLOSE_CHECK_EVENTS = 4096;
/** Default {@link ReassembleOptions.maxOpenTraces}. */
export const DEFAULT_MAX_OPEN_TRACES = 50_000;

/**
 * Applies defaults and checks every option.
 * @throws TypeError naming the bad option.
 * @example
 * readReassembleOptions({ graceMs: 2000 }).idleMs; // → 60000
 */
export function readReassembleOptions(options: ReassembleOptions | undefined): ResolvedReassembleOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`reassemble options must be an object, got ${typeof options}`);
  }
  const {
    graceMs = DEFAULT_GRACE_MS,
    idleMs = DEFAULT_IDLE_MS,
    maxOpenTraces = DEFAULT_MAX_OPEN_TRACES,
    closeCheckEvents = DEFAULT_CLOSE_CHECK_EVENTS,
  } = options;
  if (typeof graceMs !== 'number' || !Number.isFinite(graceMs) || graceMs < 0) {
    throw new TypeError(`graceMs must be a finite number of milliseconds >= 0, got ${String(graceMs)}`);
  }
  if (typeof idleMs !== 'number' || !Number.isFinite(idleMs) || idleMs < 0) {
    throw new TypeError(`idleMs must be a finite number of milliseconds >= 0, got ${String(idleMs)}`);
  }
  if (typeof maxOpenTraces !== 'number' || !Number.isSafeInteger(maxOpenTraces) || maxOpenTraces < 1) {
    throw new TypeError(`maxOpenTraces must be an integer >= 1, got ${String(maxOpenTraces)}`);
  }
  if (typeof closeCheckEvents !== 'number' || !Number.isSafeInteger(closeCheckEvents) || closeCheckEvents < 1) {
    throw new TypeError(`closeCheckEvents must be an integer >= 1, got ${String(closeCheckEvents)}`);
  }
  const onDiagnostic = options.onDiagnostic;
  if (onDiagnostic !== undefined && typeof onDiagnostic !== 'function') {
    throw new TypeError(`onDiagnostic must be a function, got ${typeof onDiagnostic}`);
  }
  return { graceMs, idleMs, maxOpenTraces, closeCheckEvents, onDiagnostic };
}
