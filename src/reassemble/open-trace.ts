import type { LogEvent } from '../types.js';
import type { HeapItem } from './deadline-heap.js';

/** A request whose lines are still being collected. */
export interface OpenTrace extends HeapItem {
  readonly id: string;
  readonly events: LogEvent[];
  /** Latest timestamp among its events; -Infinity until a timed event arrives. */
  lastTs: number;
  /** A terminal line was seen: it closes after the grace period, not the idle timeout. */
  terminal: boolean;
  /** Events arrived in time order so far: no sort needed at close (the common case). */
  ordered: boolean;
  /** Some event has no timestamp. */
  hasUntimed: boolean;
  duplicateReported: boolean;
  /** Timed events by timestamp, built once the trace is long enough that a linear duplicate scan would cost. */
  byTime: Map<number, LogEvent | LogEvent[]> | null;
}

/**
 * Below this many events a duplicate check scans the trace (a few number comparisons, no allocation);
 * above it an index by timestamp keeps a trace with thousands of lines (a client re-using a request id)
 * from making the check quadratic.
 */
const INDEX_FROM = 32;

/**
 * An empty open trace for request `id`.
 * @example
 * createOpenTrace('r1').lastTs; // → -Infinity
 */
export function createOpenTrace(id: string): OpenTrace {
  return {
    id,
    events: [],
    lastTs: -Infinity,
    terminal: false,
    ordered: true,
    hasUntimed: false,
    duplicateReported: false,
    byTime: null,
    heapKey: 0,
    heapIndex: -1,
  };
}

/**
 * True when the trace already holds this event: same event id when both have one, else same stream,
 * timestamp and message. Events without a timestamp are never duplicates: with no time, two equal bare
 * lines (a `}` closing two pretty-printed bodies) are as likely distinct as repeated.
 */
export function hasEvent(trace: OpenTrace, event: LogEvent): boolean {
  const ts = event.timestamp;
  if (ts === null) return false;
  if (trace.byTime === null) {
    if (trace.ordered) {
      // Timed events so far arrived in time order (the common case): only the run of events at `ts` at the end
      // can be equal, and a later `ts` (most events) has none. Walking back from the end stops at the first
      // earlier timestamp instead of scanning the whole trace (with isSameText below: reassembling the 100 MB
      // benchmark's 230k events took 106 ms instead of 121, medians of 15; the last-character check alone gave 113).
      if (ts > trace.lastTs) return false;
      const events = trace.events;
      for (let i = events.length - 1; i >= 0; i--) {
        const other = events[i]!;
        const at = other.timestamp;
        if (at === null) continue;
        if (at < ts) return false;
        if (at === ts && isSameEvent(other, event)) return true;
      }
      return false;
    }
    for (const other of trace.events) if (other.timestamp === ts && isSameEvent(other, event)) return true;
    return false;
  }
  const found = trace.byTime.get(ts);
  if (found === undefined) return false;
  if (!Array.isArray(found)) return isSameEvent(found, event);
  for (const other of found) if (isSameEvent(other, event)) return true;
  return false;
}

/**
 * The duplicate rule for two events of one request at the same time: the same event id when both have one,
 * else the same stream and message. Shared with the main thread's joiner of pieces cut by file boundaries.
 */
export function isSameEvent(a: LogEvent, b: LogEvent): boolean {
  if (a.eventId !== undefined && b.eventId !== undefined) return isSameText(a.eventId, b.eventId);
  return a.logStream === b.logStream && isSameText(a.message, b.message);
}

/**
 * `a === b`, rejecting most unequal pairs on their last character first. Event ids of one stream share all but
 * their last digits, and messages of one request share their `(id) ` prefix; V8 compares two sliced strings in
 * a runtime call that starts from the front (see hasEvent for the figure).
 */
function isSameText(a: string, b: string): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  return n === 0 || (a.charCodeAt(n - 1) === b.charCodeAt(n - 1) && a === b);
}

/** Appends an event and keeps the trace's time bookkeeping. */
export function appendEvent(trace: OpenTrace, event: LogEvent): void {
  const ts = event.timestamp;
  trace.events.push(event);
  if (ts === null) {
    trace.hasUntimed = true;
    return;
  }
  if (ts < trace.lastTs) trace.ordered = false;
  else trace.lastTs = ts;
  if (trace.byTime !== null) indexEvent(trace.byTime, event, ts);
  else if (trace.events.length === INDEX_FROM) {
    trace.byTime = new Map();
    for (const e of trace.events) if (e.timestamp !== null) indexEvent(trace.byTime, e, e.timestamp);
  }
}

function indexEvent(byTime: Map<number, LogEvent | LogEvent[]>, event: LogEvent, ts: number): void {
  const found = byTime.get(ts);
  if (found === undefined) byTime.set(ts, event);
  else if (Array.isArray(found)) found.push(event);
  else byTime.set(ts, [found, event]);
}

/**
 * The trace's events in time order, stable (arrival order breaks ties). An event without a timestamp keeps
 * its place after the timed event it arrived after (it has no time of its own to sort by).
 */
export function sortEvents(trace: OpenTrace): LogEvent[] {
  const events = trace.events;
  const timed = trace.lastTs !== -Infinity;
  if (!trace.hasUntimed || !timed) {
    // Array#sort is stable (ES2019), so equal timestamps keep their arrival order.
    return trace.ordered ? events : events.sort((a, b) => (a.timestamp as number) - (b.timestamp as number));
  }
  if (trace.ordered) return events; // untimed lines already sit where they arrived, among ordered timed ones
  // Mixed and out of order (rare: untimed copy-paste mixed with timed lines).
  return sortByInheritedTime(events);
}

/**
 * Time order, stable, where an untimed event (a continuation with no time of its own) takes the time of the
 * timed event before it (the first timed event's, at the start), so it stays behind its line.
 */
export function sortByInheritedTime(events: LogEvent[]): LogEvent[] {
  const keys = new Float64Array(events.length);
  let current = events.find((e) => e.timestamp !== null)?.timestamp ?? 0;
  for (let i = 0; i < events.length; i++) {
    current = events[i]!.timestamp ?? current;
    keys[i] = current;
  }
  const order = events.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  return order.map((i) => events[i]!);
}
