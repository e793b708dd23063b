import { findRequestIdEnd } from '../reassemble/find-request-id.js';
import type { LogEvent, RawTrace, Trace } from '../types.js';

/** See {@link createHeadWindow}. */
export interface HeadWindow {
  /** True once an `Extended Request Id` line was seen in the input. */
  readonly extendedIds: boolean;
  /** Looks at a batch of the input's events, in input order. */
  observe(batch: readonly LogEvent[]): void;
  /** True when the trace's first line lies in the window. */
  holds(raw: RawTrace): boolean;
}

/**
 * The start of an input in event time: its first timestamp plus `idleMs`. A request cut by the start of this
 * input has its first line here (its earlier lines are at most `idleMs` older, or the reassembler would have
 * split it anyway). Anything earlier than the first timestamp counts as inside too: an S3 export file is not
 * time-sorted, and its earlier half may come second.
 *
 * Also learns whether the input logs `Extended Request Id` (API Gateway since 2019). It looks at every event
 * until it finds one (one `charCodeAt`, the anchored id match and a `startsWith` each): in such logs that is
 * within the first request, and a batch is looked at before its traces close, so a piece closing in the first
 * batch is judged knowing it; logs without it (before 2019) pay the check on every event, a small cost next to
 * decoding.
 * @example
 * const head = createHeadWindow(60_000);
 * head.observe(batch); // for every batch, before the reassembler closes its traces
 * head.holds(raw) && mayHaveBegunElsewhere(extractTrace(raw), head.extendedIds); // → hand it back raw
 */
export function createHeadWindow(idleMs: number): HeadWindow {
  let end: number | null = null;
  const window = {
    extendedIds: false,
    observe(batch: readonly LogEvent[]): void {
      if (end === null) {
        const first = batch.find((e) => e.timestamp !== null);
        if (first !== undefined) end = (first.timestamp as number) + idleMs;
      }
      if (!window.extendedIds) window.extendedIds = batch.some((event) => isExtendedIdLine(event.message));
    },
    holds(raw: RawTrace): boolean {
      const first = raw.events[0]?.timestamp ?? null;
      return end === null || first === null || first <= end;
    },
  };
  return window;
}

/**
 * `(id) Extended Request Id: …`: tested right after the id, never searched for in the message. The prefix is the
 * reassembler's ({@link findRequestIdEnd}), so this sees the same ids the traces are grouped by.
 */
function isExtendedIdLine(message: string): boolean {
  const end = findRequestIdEnd(message);
  return end > 0 && message.startsWith('Extended Request Id: ', end + 2);
}

/**
 * True when the trace does not start with a line a request starts with, so its first lines may sit at the end of
 * another input: `Extended Request Id` in logs that have it (API Gateway since 2019), else `Starting authorizer`,
 * `Verifying Usage Plan` or `Starting execution` (in 2019+ logs those come mid-request). Only such traces near
 * the start of an input go to the main thread, so joining costs almost nothing where no request straddles inputs.
 */
export function mayHaveBegunElsewhere(trace: Trace, extendedIds: boolean): boolean {
  const m = trace.marks;
  if (m.extendedRequestId === 0) return false;
  if (extendedIds || m.extendedRequestId !== undefined) return true;
  return m.authorizerStart !== 0 && m.usagePlan !== 0 && m.executionStart !== 0;
}
