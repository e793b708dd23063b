import { decodeLatin1 } from '../decode/decode-utf8.js';
import { ownCopy } from '../extract/own-copy.js';
import type { ByteEvent } from '../decode/event-sink.js';
import type { CloseReason, Diagnostic, LogEvent, ReassembleStats, SourcePosition } from '../types.js';
import { createDeadlineHeap } from './deadline-heap.js';
import { findRequestIdEnd, findRequestIdEndIn } from './find-request-id.js';
import {
  appendBytes,
  appendObject,
  byteEventMessage,
  byteEventSource,
  byteEventToLogEvent,
  ChunkTable,
  createTracePool,
  detachTrace,
  holdsBytes,
  holdsEvent,
  lineSource,
  type OpenTrace,
} from './open-trace.js';
import { quoteText } from './quote-text.js';
import type { ResolvedReassembleOptions } from './read-options.js';
import { createRecentlyClosed } from './recently-closed.js';
import { createStreamAttribution } from './stream-attribution.js';
import { isTerminalLine, isTerminalRaw } from './terminal-lines.js';
import { isForeignLine, looksLikeExecutionLog } from './unprefixed-lines.js';

/**
 * Receives each trace as it closes. Unless this returns true, the trace is recycled when this returns: read it
 * (extract it, or make its events) before, and keep nothing of it. Returning true keeps it: the trace is not
 * recycled, the grouper copies its lines out of the chunks ({@link detachTrace}) so they stay readable after the
 * input ends, and no later event can reach it (a later line of its id is a late line).
 */
export type CloseHandler = (trace: OpenTrace, reason: CloseReason) => boolean | void;

/** Groups one input's events by request; see {@link createEventGrouper}. */
export interface EventGrouper {
  /** An event decoded the general way. */
  pushEvent(event: LogEvent): void;
  /**
   * A fast decoder's event, still in bytes: the event object may be reused once this returns, but the bytes are
   * read in place until the chunk goes to `onReleaseChunk` (the grouper copies what it still needs first).
   */
  pushBytes(event: ByteEvent): void;
  /** The input ended: closes every trace still open. */
  flush(): void;
  /** Live counters. Once flushed, `events = inTraces + orphans + duplicates + foreign`. */
  readonly stats: Readonly<ReassembleStats>;
  /** The first timestamp of the input (of any event, in input order), or null. */
  readonly firstTimestamp: number | null;
  /** True once an `(id) Extended Request Id: ` line was seen (API Gateway logs it since 2019). */
  readonly sawExtendedIds: boolean;
}

/** Closed ids remembered to recognise late lines, at least (or `maxOpenTraces` when larger). */
const MIN_REMEMBERED_CLOSED = 10_000;

const EXTENDED_ID = 'Extended Request Id: ';

/**
 * The reassembler's engine, for one input: groups events by request id across interleaving and batches, and
 * closes a trace on event time only: `graceMs` after its terminal line (`Method completed with status`,
 * `The client is not authorized…`, …: see `TERMINAL_LINES`), after `idleMs` without a line, when
 * `maxOpenTraces` is exceeded, or at {@link EventGrouper.flush}. Each closed trace goes to `onClose`.
 *
 * Event time is the watermark, the latest timestamp seen; events without one never move it. Closable traces
 * are looked for every `closeCheckEvents` events (not per batch, so chunking cannot change the result), in a
 * heap keyed by the time each may close.
 *
 * Events come in two kinds that mean the same: LogEvents, and {@link ByteEvent}s, which a fast decoder hands
 * over in place; every rule reads both alike (the prefix, duplicates, terminal lines), so which way a line took
 * never changes a trace. `file` names the input in the positions of byte events; `onReleaseChunk` receives each
 * chunk the grouper lets go (see ChunkTable).
 */
export function createEventGrouper(
  options: ResolvedReassembleOptions,
  file: string,
  onClose: CloseHandler,
  onReleaseChunk: ((bytes: Buffer) => void) | null = null,
): EventGrouper {
  const { graceMs, idleMs, maxOpenTraces, closeCheckEvents, onDiagnostic } = options;
  // A terminal line never keeps a trace open longer than silence alone would.
  const terminalMs = Math.min(graceMs, idleMs);
  const stats: ReassembleStats = { events: 0, inTraces: 0, orphans: 0, duplicates: 0, foreign: 0, traces: 0, closedEarly: 0 };
  const open = new Map<string, OpenTrace>();
  const pool = createTracePool();
  const chunks = new ChunkTable(undefined, onReleaseChunk);
  const deadlines = createDeadlineHeap<OpenTrace>();
  const closed = createRecentlyClosed(Math.max(maxOpenTraces, MIN_REMEMBERED_CLOSED));
  const streams = createStreamAttribution();
  // Recent traces by a hash of their id's characters (see idSlot): most lines find their trace here, with no string
  // made of the id and no Map lookup, each verified by its length and a startsWith. An entry whose trace was
  // recycled since (another generation) is stale and misses.
  const recent: (OpenTrace | undefined)[] = new Array<OpenTrace | undefined>(RECENT_SLOTS);
  const recentGeneration = new Float64Array(RECENT_SLOTS);
  let watermark = -Infinity;
  let firstTimestamp: number | null = null;
  let sawExtendedIds = false;
  // Foreign and id-less lines are reported at the 1st, 10th, 100th… occurrence: counted always, printed rarely.
  let nextForeignReport = 1;
  let nextOrphanReport = 1;
  let sinceCheck = 0;

  /** When the trace may close. Stored heap keys lag behind (see closeExpired), never ahead. */
  const deadlineOf = (trace: OpenTrace): number => trace.lastTs + (trace.terminal ? terminalMs : idleMs);

  function routeEvent(event: LogEvent): void {
    stats.events++;
    const ts = event.timestamp;
    if (ts !== null) {
      if (ts > watermark) watermark = ts;
      firstTimestamp ??= ts;
    }
    const message = event.message;
    const end = findRequestIdEnd(message);
    if (!sawExtendedIds && end > 0 && message.startsWith(EXTENDED_ID, end + 2)) sawExtendedIds = true;
    let id: string | null;
    if (end > 0) {
      id = message.slice(1, end);
      // Without timestamps, order is the only clue: unprefixed continuation lines follow their request.
      if (ts === null) streams.remember(event, id);
    } else {
      id = streams.attribute(event);
      if (id === null) return countStray(event);
    }
    let trace = open.get(id);
    if (trace === undefined) {
      if (closed.has(id)) return countLate(event.source, id);
      // Not the slice of the message: it would keep the message alive (in `closed` too). Once per trace.
      trace = openTrace(ownCopy(id));
    }
    if (holdsEvent(trace, event)) return countDuplicate(trace, event.source);
    appendObject(trace, event);
    stats.inTraces++;
    settle(trace, !trace.terminal && isTerminalLine(message, end > 0 ? end + 2 : 0));
  }

  function routeBytes(event: ByteEvent): void {
    const { view, start, end } = event;
    // The rule of findRequestIdEnd, read in place (bounded by the message, see findRequestIdEndIn), and no escape
    // in the prefix; anything else is decided on the message as a string.
    const idEnd = findRequestIdEndIn(view, start, end);
    if (idEnd < 0 || (event.backslash >= 0 && event.backslash < idEnd + 2)) {
      routeEvent(byteEventToLogEvent(event, file));
      return;
    }
    stats.events++;
    const ts = event.timestamp;
    if (ts > watermark) watermark = ts;
    firstTimestamp ??= ts;
    const textStart = idEnd + 2;
    if (!sawExtendedIds) sawExtendedIds = isExtendedIdBytes(event, textStart);
    const slot = idSlot(view, start + 1, idEnd);
    let trace = recent[slot];
    if (trace === undefined || trace.generation !== recentGeneration[slot] || trace.id.length !== idEnd - start - 1 || !view.startsWith(trace.id, start + 1)) {
      // A slice of the chunk's view: a lookup key only. openTrace copies it, so no trace keeps a chunk alive.
      const id = view.slice(start + 1, idEnd);
      trace = open.get(id);
      if (trace === undefined) {
        if (closed.has(id)) return countLate(byteEventSource(event, file), id);
        // A flat copy of the id's bytes: the slice would keep the chunk's view alive (in `closed` too).
        trace = openTrace(decodeLatin1(event.bytes, start + 1, idEnd));
      }
      recent[slot] = trace;
      recentGeneration[slot] = trace.generation;
    }
    if (holdsBytes(trace, event)) return countDuplicate(trace, byteEventSource(event, file));
    appendBytes(trace, event, textStart - start, chunks.idOf(event.bytes));
    stats.inTraces++;
    settle(trace, !trace.terminal && isTerminalBytes(event, textStart));
  }

  /** After a line joined `trace`: its deadline, and whether the line was terminal. */
  function settle(trace: OpenTrace, terminal: boolean): void {
    if (terminal) {
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
      report('FOREIGN_LINE', 'info', `skipped a line of another service or of no known shape (${stats.foreign} so far): ${quoteText(message)}`, event.source);
    } else {
      if (++stats.orphans !== nextOrphanReport) return;
      nextOrphanReport *= 10;
      report('ORPHAN_EVENT', 'warning', `an execution-log line names no request and follows none (${stats.orphans} so far): ${quoteText(message)}`, event.source);
    }
  }

  /**
   * A line for a request whose trace already left. It becomes an orphan rather than a second trace: the first
   * may already be classified and printed, and a partial twin under the same id would be counted twice and
   * classified INCOMPLETE, hiding the real cause. As an orphan it is still accounted for, and the diagnostic
   * (once per id) names the window to widen.
   */
  function countLate(source: SourcePosition, id: string): void {
    stats.orphans++;
    const reason = closed.takeReport(id);
    if (reason === null) return;
    const advice = reason === 'capacity' ? 'raise maxOpenTraces' : 'input this unsorted needs a larger idleMs or graceMs';
    report('ORPHAN_EVENT', 'warning', `a line of request ${quoteText(id)} arrived after its trace closed (${reason}), counted as an orphan: ${advice}`, source);
  }

  function countDuplicate(trace: OpenTrace, source: SourcePosition): void {
    stats.duplicates++;
    if (trace.duplicateReported) return;
    trace.duplicateReported = true;
    report('DUPLICATE_EVENT', 'info', `request ${quoteText(trace.id)} holds the same event twice (overlapping exports?), counted once`, source);
  }

  /** Opens a trace for `id`, which must not be a slice of a message or chunk (see ownCopy). */
  function openTrace(id: string): OpenTrace {
    if (open.size >= maxOpenTraces) evictOne();
    const trace = pool.take(id);
    trace.chunks = chunks;
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
    report('TRACE_CLOSED_EARLY', 'warning', `request ${quoteText(victim.id)} closed before its end: more than ${maxOpenTraces} requests open at once, raise maxOpenTraces`, victim.size > 0 ? lineSource(victim, 0, file) : { file });
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
    if (onClose(trace, reason) === true) letGo(trace);
    else pool.give(trace);
  }

  /**
   * A trace its handler kept leaves the grouper for good: its lines are copied out of the chunks, which go on
   * without it, and its generation moves on as recycling would move it, so the recent-id cache and the chunks'
   * users no longer know it. Otherwise a later line of its id would be appended to a closed trace through the
   * cache (or crash on its detached store) instead of counting as late.
   */
  function letGo(trace: OpenTrace): void {
    detachTrace(trace);
    trace.generation++;
  }

  function tick(): void {
    // Closing is decided every `closeCheckEvents` events, not once per batch: then the same events give the
    // same traces however the input was chunked (a 4 KiB chunking of an unsorted file gave 132 orphans where
    // 1 MiB chunks gave 1), and input may be out of order by that many events without splitting a request.
    if (++sinceCheck === closeCheckEvents) {
      sinceCheck = 0;
      closeExpired();
    }
  }

  function report(code: Diagnostic['code'], severity: Diagnostic['severity'], message: string, source: SourcePosition): void {
    onDiagnostic?.({ code, severity, message, source });
  }

  return {
    pushEvent(event) {
      routeEvent(event);
      tick();
    },
    pushBytes(event) {
      routeBytes(event);
      tick();
    },
    flush() {
      // A trace whose terminal line was seen is whole even though the input ended before its grace period did.
      for (const trace of [...open.values()]) close(trace, trace.terminal ? 'terminal' : 'end-of-input');
      streams.clear();
      chunks.releaseAll();
    },
    get stats() {
      return stats;
    },
    get firstTimestamp() {
      return firstTimestamp;
    },
    get sawExtendedIds() {
      return sawExtendedIds;
    },
  };
}

/** Slots of the recent-trace cache: more than the traces open at once on a busy stage (about a thousand). */
const RECENT_SLOTS = 4096;

/**
 * The cache slot of the id `view[start, end)`: its length and its first and last four characters. Request ids are
 * random (UUIDs) there; ids that collide only share a slot, and miss, never mix up.
 */
function idSlot(view: string, start: number, end: number): number {
  let h = end - start;
  for (let p = start; p < start + 4 && p < end; p++) h = Math.imul(h, 31) + view.charCodeAt(p);
  for (let p = Math.max(start + 4, end - 4); p < end; p++) h = Math.imul(h, 31) + view.charCodeAt(p);
  return (h ^ (h >>> 13)) & (RECENT_SLOTS - 1);
}

/** {@link isTerminalLine} for a byte event whose text starts at `textStart`. */
function isTerminalBytes(event: ByteEvent, textStart: number): boolean {
  const escape = event.backslash < 0 ? Infinity : event.backslash;
  return isTerminalRaw(event.view, textStart, event.end, escape) ?? isTerminalLine(byteEventMessage(event), textStart - event.start);
}

function isExtendedIdBytes(event: ByteEvent, textStart: number): boolean {
  if (event.backslash >= 0 && event.backslash < textStart + EXTENDED_ID.length) {
    return byteEventMessage(event).startsWith(EXTENDED_ID, textStart - event.start);
  }
  return textStart + EXTENDED_ID.length <= event.end && event.view.startsWith(EXTENDED_ID, textStart);
}
