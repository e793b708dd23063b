import type { CloseReason, Diagnostic, LogEvent, RawTrace, ReassembleStats } from '../types.js';
import { createDeadlineHeap } from './deadline-heap.js';
import { findRequestIdEnd } from './find-request-id.js';
import { appendEvent, createOpenTrace, hasEvent, sortEvents, type OpenTrace } from './open-trace.js';
import { quoteText } from './quote-text.js';
import { readReassembleOptions, type ReassembleOptions } from './read-options.js';
import { createRecentlyClosed } from './recently-closed.js';
import { isTerminalLine } from './terminal-lines.js';
import { createStreamAttribution } from './stream-attribution.js';
import { isForeignLine, looksLikeExecutionLog } from './unprefixed-lines.js';

/** Groups log events into one {@link RawTrace} per request. See {@link createReassembler}. */
export interface Reassembler {
  /** Takes a batch of events; returns the traces this batch let close (possibly none). */
  push(events: readonly LogEvent[]): RawTrace[];
  /** Ends the input: returns every trace still open, `closedBy: 'end-of-input'`. */
  flush(): RawTrace[];
  /** Live counters. Once flushed, `events = inTraces + orphans + duplicates + foreign`. */
  readonly stats: Readonly<ReassembleStats>;
}

/** Closed ids remembered to recognise late lines, at least (or `maxOpenTraces` when larger). */
const MIN_REMEMBERED_CLOSED = 10_000;

/**
 * Creates a reassembler: it groups events by request id across interleaving, batches and files, and closes
 * a trace on event time only: `graceMs` after its terminal line (`Method completed with status`,
 * `The client is not authorized…`, …: see `TERMINAL_LINES`), after `idleMs` without a line, when
 * `maxOpenTraces` is exceeded, or at {@link Reassembler.flush}. Each trace's events come out sorted by time.
 *
 * Event time is the watermark, the latest timestamp seen; events without one never move it. Closable traces
 * are looked for every `closeCheckEvents` events (not per batch, so chunking cannot change the result), in a
 * heap keyed by the time each may close.
 *
 * @param options - `graceMs` (default 5000), `idleMs` (default 60000), `maxOpenTraces` (default 50000),
 *   `closeCheckEvents` (default 4096), `onDiagnostic`. Bad data never throws; a bad option throws a `TypeError` naming it.
 * @example
 * const reassembler = createReassembler({ onDiagnostic: (d) => console.error(d.message) });
 * for (const batch of batches) for (const raw of reassembler.push(batch)) handle(raw);
 * for (const raw of reassembler.flush()) handle(raw);
 * console.log(reassembler.stats.orphans);
 */
export function createReassembler(options?: ReassembleOptions): Reassembler {
  const { graceMs, idleMs, maxOpenTraces, closeCheckEvents, onDiagnostic } = readReassembleOptions(options);
  // A terminal line never keeps a trace open longer than silence alone would.
  const terminalMs = Math.min(graceMs, idleMs);
  const stats: ReassembleStats = { events: 0, inTraces: 0, orphans: 0, duplicates: 0, foreign: 0, traces: 0, closedEarly: 0 };
  const open = new Map<string, OpenTrace>();
  const deadlines = createDeadlineHeap<OpenTrace>();
  const closed = createRecentlyClosed(Math.max(maxOpenTraces, MIN_REMEMBERED_CLOSED));
  const streams = createStreamAttribution();
  let watermark = -Infinity;
  // Foreign and id-less lines are reported at the 1st, 10th, 100th… occurrence: counted always, printed rarely.
  let nextForeignReport = 1;
  let nextOrphanReport = 1;
  let out: RawTrace[] = [];
  let sinceCheck = 0;

  /** When the trace may close. Stored heap keys lag behind (see closeExpired), never ahead. */
  const deadlineOf = (trace: OpenTrace): number => trace.lastTs + (trace.terminal ? terminalMs : idleMs);

  function route(event: LogEvent): void {
    stats.events++;
    const ts = event.timestamp;
    if (ts !== null && ts > watermark) watermark = ts;
    const message = event.message;
    const end = findRequestIdEnd(message);
    let id: string | null;
    if (end > 0) {
      id = message.slice(1, end);
      // Without timestamps, order is the only clue: unprefixed continuation lines follow their request.
      if (ts === null) streams.remember(event, id);
    } else {
      id = streams.attribute(event);
      if (id === null) return countStray(event);
    }
    let trace = open.get(id); // the one Map lookup of the hot path
    if (trace === undefined) {
      if (closed.has(id)) return countLate(event, id);
      trace = openTrace(id);
    }
    if (hasEvent(trace, event)) return countDuplicate(trace, event);
    appendEvent(trace, event);
    stats.inTraces++;
    if (!trace.terminal && isTerminalLine(message, end > 0 ? end + 2 : 0)) {
      trace.terminal = true;
      // The deadline moves earlier: the only change the heap must see at once (later ones are caught lazily).
      if (trace.heapIndex >= 0) {
        trace.heapKey = deadlineOf(trace);
        deadlines.update(trace);
      }
    }
    if (trace.heapIndex < 0 && trace.lastTs !== -Infinity) {
      trace.heapKey = deadlineOf(trace);
      deadlines.push(trace);
    }
  }

  /** An unprefixed line that belongs to no request: another service's (foreign) or our loss (orphan). */
  function countStray(event: LogEvent): void {
    const message = event.message;
    if (isForeignLine(message) || !looksLikeExecutionLog(message)) {
      if (++stats.foreign !== nextForeignReport) return;
      nextForeignReport *= 10;
      report('FOREIGN_LINE', 'info', `skipped a line of another service or of no known shape (${stats.foreign} so far): ${quoteText(message)}`, event);
    } else {
      if (++stats.orphans !== nextOrphanReport) return;
      nextOrphanReport *= 10;
      report('ORPHAN_EVENT', 'warning', `an execution-log line names no request and follows none (${stats.orphans} so far): ${quoteText(message)}`, event);
    }
  }

  /**
   * A line for a request whose trace already left. It becomes an orphan rather than a second trace: the first
   * may already be classified and printed, and a partial twin under the same id would be counted twice and
   * classified INCOMPLETE, hiding the real cause. As an orphan it is still accounted for, and the diagnostic
   * (once per id) names the window to widen.
   */
  function countLate(event: LogEvent, id: string): void {
    stats.orphans++;
    const reason = closed.takeReport(id);
    if (reason === null) return;
    const advice = reason === 'capacity' ? 'raise maxOpenTraces' : 'input this unsorted needs a larger idleMs or graceMs';
    report('ORPHAN_EVENT', 'warning', `a line of request ${quoteText(id)} arrived after its trace closed (${reason}), counted as an orphan: ${advice}`, event);
  }

  function countDuplicate(trace: OpenTrace, event: LogEvent): void {
    stats.duplicates++;
    if (trace.duplicateReported) return;
    trace.duplicateReported = true;
    report('DUPLICATE_EVENT', 'info', `request ${quoteText(trace.id)} holds the same event twice (overlapping exports?), counted once`, event);
  }

  function openTrace(id: string): OpenTrace {
    if (open.size >= maxOpenTraces) evictOne();
    // The id is a slice of its message; V8 would keep the whole message alive through it (in `closed` too).
    // Concatenating then slicing copies it: once per trace, never per event.
    const trace = createOpenTrace((' ' + id).slice(1));
    open.set(trace.id, trace);
    return trace;
  }

  /**
   * Closes the trace nearest to closing anyway: the least recently active one, where a trace that has seen
   * its terminal line counts as near its end (losing its trailers costs less than cutting a live request).
   */
  function evictOne(): void {
    let victim: OpenTrace | undefined;
    for (let top = deadlines.peek(); top !== undefined; top = deadlines.peek()) {
      const due = deadlineOf(top);
      if (due === top.heapKey) {
        victim = top;
        break;
      }
      top.heapKey = due;
      deadlines.update(top);
    }
    // Traces with no timed line are not in the heap: the oldest opened goes.
    victim ??= open.values().next().value as OpenTrace;
    stats.closedEarly++;
    report('TRACE_CLOSED_EARLY', 'warning', `request ${quoteText(victim.id)} closed before its end: more than ${maxOpenTraces} requests open at once, raise maxOpenTraces`, victim.events[0]);
    close(victim, 'capacity');
  }

  /** Every `closeCheckEvents` events: close every trace whose deadline the watermark has passed. */
  function closeExpired(): void {
    for (let top = deadlines.peek(); top !== undefined && top.heapKey < watermark; top = deadlines.peek()) {
      const due = deadlineOf(top);
      if (due !== top.heapKey) {
        // Lines arrived since it was keyed: re-key lazily here rather than sift on every event.
        top.heapKey = due;
        deadlines.update(top);
        continue;
      }
      close(top, top.terminal ? 'terminal' : 'idle');
    }
  }

  function close(trace: OpenTrace, reason: CloseReason): void {
    open.delete(trace.id);
    deadlines.remove(trace);
    closed.add(trace.id, reason);
    stats.traces++;
    out.push({ requestId: trace.id, events: sortEvents(trace), closedBy: reason });
  }

  function report(code: Diagnostic['code'], severity: Diagnostic['severity'], message: string, event: LogEvent | undefined): void {
    onDiagnostic?.({ code, severity, message, source: event?.source ?? { file: '-' } });
  }

  return {
    push(events) {
      out = [];
      for (let i = 0; i < events.length; i++) {
        route(events[i]!);
        // Closing is decided every `closeCheckEvents` events, not once per batch: then the same events give the
        // same traces however the input was chunked (a 4 KiB chunking of an unsorted file gave 132 orphans where
        // 1 MiB chunks gave 1), and input may be out of order by that many events without splitting a request.
        if (++sinceCheck === closeCheckEvents) {
          sinceCheck = 0;
          closeExpired();
        }
      }
      return out;
    },
    flush() {
      out = [];
      // A trace whose terminal line was seen is whole even though the input ended before its grace period did.
      for (const trace of open.values()) close(trace, trace.terminal ? 'terminal' : 'end-of-input');
      streams.clear();
      return out;
    },
    get stats() {
      return stats;
    },
  };
}
