import type { LogEvent, RawTrace, ReassembleStats } from '../types.js';
import { createEventGrouper } from './group-events.js';
import { traceEvents } from './open-trace.js';
import { readReassembleOptions, type ReassembleOptions } from './read-options.js';

/** Groups log events into one {@link RawTrace} per request. See {@link createReassembler}. */
export interface Reassembler {
  /** Takes a batch of events; returns the traces this batch let close (possibly none). */
  push(events: readonly LogEvent[]): RawTrace[];
  /** Ends the input: returns every trace still open, `closedBy: 'end-of-input'`. */
  flush(): RawTrace[];
  /** Live counters. Once flushed, `events = inTraces + orphans + duplicates + foreign`. */
  readonly stats: Readonly<ReassembleStats>;
}

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
  let out: RawTrace[] = [];
  const grouper = createEventGrouper(readReassembleOptions(options), '-', (trace, closedBy) => {
    out.push({ requestId: trace.id, events: traceEvents(trace, '-'), closedBy });
  });
  return {
    push(events) {
      out = [];
      for (let i = 0; i < events.length; i++) grouper.pushEvent(events[i]!);
      return out;
    },
    flush() {
      out = [];
      grouper.flush();
      return out;
    },
    get stats() {
      return grouper.stats;
    },
  };
}
