/** Codes of the errors that stop a run. Bad data never does: it becomes a diagnostic. */
export type Trace403ErrorCode =
  /** None of the named inputs could be read. */
  | 'NO_READABLE_INPUT'
  /** A worker thread died in a way that lost input (a bug: please report it). */
  | 'WORKER_FAILED';

/**
 * An error that stopped a run, with a stable `code` and the native `cause`.
 * @example
 * try { for await (const t of analyze(['missing/'])) {} }
 * catch (e) { if (e instanceof Trace403Error && e.code === 'NO_READABLE_INPUT') console.error(e.message) }
 */
export class Trace403Error extends Error {
  override readonly name = 'Trace403Error';
  readonly code: Trace403ErrorCode;

  constructor(code: Trace403ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
