import type { SlimTrace } from '../extract/slim-trace.js';
import { isSameEvent, sortByInheritedTime } from '../reassemble/same-event.js';
import type { CloseReason, LogEvent, RawTrace } from '../types.js';

/**
 * A request an input ended during the grace period after its terminal line: whole unless another input holds
 * lines it logged after that line. Kept as its step extracted it, its lines made LogEvents only if such lines
 * come (see run-step.ts).
 */
export interface WholePiece {
  requestId: string;
  closedBy: CloseReason;
  /** The trace as the step extracted it: what is classified when nothing joins it. */
  slim: SlimTrace;
  /**
   * Its lines as events, in time order; made on the first call. The caller may keep and extend the array: a piece
   * is joined once, and copying it only made garbage.
   */
  events(): LogEvent[];
  /** What holding it costs, in bytes (its line store). */
  bytes: number;
}

/** What the steps hand the joiner: raw pieces, or whole requests that may still get late lines. */
export type Piece = RawTrace | WholePiece;

/** True for a {@link WholePiece}. */
export function isWholePiece(piece: Piece): piece is WholePiece {
  return 'slim' in piece;
}

/**
 * `piece` as the joiner would release it alone, for the collector to account for one that arrives too late to be
 * joined: a whole one keeps its extracted trace, so its events are never made just to be counted.
 */
export function releasedAlone(piece: Piece): JoinedTrace {
  if (!isWholePiece(piece)) return { trace: piece, pieces: 1, duplicates: 0 };
  return { trace: { requestId: piece.requestId, events: [], closedBy: piece.closedBy }, pieces: 1, duplicates: 0, slim: piece.slim };
}

/** What joining found, for the collector's accounting. */
export interface JoinedTrace {
  trace: RawTrace;
  /** Pieces that went into it (1 when released alone). */
  pieces: number;
  /** Events seen in two pieces (overlapping exports), dropped from the trace. */
  duplicates: number;
  /** A whole piece released alone: its trace as its step extracted it (then `trace.events` is empty). */
  slim?: SlimTrace;
}

/** See {@link createPieceJoiner}. */
export interface PieceJoiner {
  /** Takes pieces; returns the requests now whole: a piece joined with one that ended inside its input. */
  push(pieces: readonly Piece[]): JoinedTrace[];
  /**
   * Removes and returns what is held for a request, if any (that request just arrived whole from another input),
   * as {@link PieceJoiner.flush} would release it: a held entry may be several pieces, their common lines counted
   * in `duplicates`, and the collector must take all of that out of its counters.
   */
  take(requestId: string): JoinedTrace | undefined;
  /** Releases every held piece, as it is. */
  flush(): JoinedTrace[];
  /** Pieces held now. */
  readonly size: number;
  /** Their estimated size in bytes (see `maxHeldBytes`). */
  readonly bytes: number;
}

interface Held {
  /** Its events; empty while it is one whole piece, kept as {@link whole}. */
  events: LogEvent[];
  /** The whole piece it is, until a partner makes it events. */
  whole: WholePiece | null;
  closedBy: CloseReason;
  pieces: number;
  duplicates: number;
  /** What its events cost to hold, roughly: their text plus an object each (see {@link heldBytes}). */
  bytes: number;
  /** Arrival order, across the maps. */
  seq: number;
}

/**
 * Bytes of event text the joiner holds at most in raw pieces (default of `maxHeldBytes`). Without it only the
 * count bounded memory, and 50,000 raw pieces are about 450 MB.
 */
export const DEFAULT_MAX_HELD_BYTES = 32 * 1024 * 1024;

/**
 * Bytes the joiner holds at most in {@link WholePiece}s (default of `maxKeptBytes`): about 850 requests of the benchmark's mix, more than
 * the grace period of an S3 export file holds (240 on the benchmark's), fewer than a dense Firehose object's
 * (1,000). Each input of a directory ends with its last seconds of requests whole but waiting for lines that
 * another input might hold, and nothing joins almost all of them: held by the thousand they were garbage the
 * collector paid for (Firehose tree of 13 objects: 5.0 s with 32 MiB, 4.2 with 8, 3.9 with 1).
 */
export const DEFAULT_MAX_KEPT_BYTES = 4 * 1024 * 1024;

/** Per event, beyond its text: the object, its source, its event id and the list slot (measured: about 200). */
const EVENT_OVERHEAD = 200;

/**
 * Joins the pieces of requests that inputs ended or began in the middle of: an S3 export cuts a log stream into
 * files, so a request can start at the end of one and finish at the start of the next, and parallel workers see
 * the two files separately and in any order.
 *
 * A piece is held until another piece of the same request arrives; when one of them ended inside its input
 * (`closedBy` other than `end-of-input`: its terminal line was there), the request is whole and released. Nothing
 * here depends on event time or on the order pieces arrive in, so workers and a single thread give the same
 * traces, as long as the joiner holds everything it is given.
 *
 * Memory is bounded by count (`maxHeld`) and by size: raw pieces by `maxHeldBytes`, whole pieces (requests an
 * input ended during their grace period) by `maxKeptBytes`. Beyond a bound, a piece is released as it is (`push`
 * returns it): the oldest whole piece first, then the oldest raw one that saw its terminal line, then the oldest
 * cut one. A whole piece can only miss lines logged after its terminal line (X-Ray, late integration lines),
 * which then arrive as a piece of a request already classified; a cut one would be classified without its end.
 * Only when a bound is reached can the order pieces arrive in change a result.
 *
 * @param maxHeld - pieces held at most (the pipeline passes `maxOpenTraces`, default 50000).
 * @param maxHeldBytes - event text held at most in raw pieces, in bytes (default {@link DEFAULT_MAX_HELD_BYTES}).
 * @param maxKeptBytes - bytes held at most in whole pieces (default {@link DEFAULT_MAX_KEPT_BYTES}).
 * @example
 * const joiner = createPieceJoiner(50_000);
 * joiner.push([tailOfFileOne]); // → [] (held)
 * joiner.push([headOfFileTwo]); // → [{ trace: the whole request, pieces: 2, duplicates: 0 }]
 */
export function createPieceJoiner(maxHeld: number, maxHeldBytes = DEFAULT_MAX_HELD_BYTES, maxKeptBytes = DEFAULT_MAX_KEPT_BYTES): PieceJoiner {
  // Three maps, each in arrival order, released in this order when a bound is reached: whole pieces, raw pieces
  // that saw their terminal line, cut ones. A held piece never moves between them: one that saw its terminal
  // line is released by any partner, a cut one by a partner that saw it.
  const kept = new Map<string, Held>();
  const ended = new Map<string, Held>();
  const cut = new Map<string, Held>();
  let rawBytes = 0;
  let keptBytes = 0;
  let arrivals = 0;

  const find = (id: string): Held | undefined => kept.get(id) ?? ended.get(id) ?? cut.get(id);
  const count = (): number => kept.size + ended.size + cut.size;

  function remove(id: string, h: Held): void {
    if (kept.delete(id)) keptBytes -= h.bytes;
    else {
      if (!ended.delete(id)) cut.delete(id);
      rawBytes -= h.bytes;
    }
  }

  function release(id: string, h: Held): JoinedTrace {
    remove(id, h);
    if (h.whole !== null) return { trace: { requestId: id, events: [], closedBy: h.closedBy }, pieces: 1, duplicates: 0, slim: h.whole.slim };
    return { trace: { requestId: id, events: sortByInheritedTime(h.events), closedBy: h.closedBy }, pieces: h.pieces, duplicates: h.duplicates };
  }

  /** The events of `h`, made from its whole piece if need be (the array is the piece's to keep: see WholePiece). */
  function eventsOf(h: Held): LogEvent[] {
    if (h.whole !== null) {
      h.events = h.whole.events();
      h.whole = null;
    }
    return h.events;
  }

  function releaseOldest(from: Map<string, Held>, out: JoinedTrace[]): void {
    const [oldest, value] = from.entries().next().value as [string, Held];
    out.push(release(oldest, value));
  }

  function releaseOverLimits(out: JoinedTrace[]): void {
    while (keptBytes > maxKeptBytes && kept.size > 0) releaseOldest(kept, out);
    while (count() > maxHeld || (rawBytes > maxHeldBytes && ended.size + cut.size > 0)) {
      releaseOldest(kept.size > 0 && count() > maxHeld ? kept : ended.size > 0 ? ended : cut, out);
    }
  }

  return {
    push(pieces) {
      const out: JoinedTrace[] = [];
      for (const piece of pieces) {
        const h = find(piece.requestId);
        if (h === undefined) {
          if (isWholePiece(piece)) {
            kept.set(piece.requestId, { events: [], whole: piece, closedBy: piece.closedBy, pieces: 1, duplicates: 0, bytes: piece.bytes, seq: arrivals++ });
            keptBytes += piece.bytes;
          } else {
            const held: Held = { events: [...piece.events], whole: null, closedBy: piece.closedBy, pieces: 1, duplicates: 0, bytes: heldBytes(piece.events), seq: arrivals++ };
            (piece.closedBy === 'end-of-input' ? cut : ended).set(piece.requestId, held);
            rawBytes += held.bytes;
          }
          releaseOverLimits(out);
          continue;
        }
        const into = eventsOf(h);
        const before = into.length;
        h.duplicates += appendNew(into, isWholePiece(piece) ? piece.events() : piece.events);
        const added = heldBytes(into, before);
        h.bytes += added;
        if (kept.has(piece.requestId)) keptBytes += added;
        else rawBytes += added;
        h.pieces += 1;
        if (h.closedBy === 'end-of-input') h.closedBy = piece.closedBy;
        if (h.closedBy !== 'end-of-input') out.push(release(piece.requestId, h));
        else releaseOverLimits(out);
      }
      return out;
    },
    take(requestId) {
      const h = find(requestId);
      return h === undefined ? undefined : release(requestId, h);
    },
    flush() {
      // In the order they arrived, as when one map held them all.
      return [...kept, ...ended, ...cut].sort((a, b) => a[1].seq - b[1].seq).map(([id, h]) => release(id, h));
    },
    get size() {
      return count();
    },
    get bytes() {
      return rawBytes + keptBytes;
    },
  };
}

/** What holding `events` from index `from` costs, roughly: UTF-16 length of the messages plus an overhead each. */
function heldBytes(events: readonly LogEvent[], from = 0): number {
  let n = 0;
  for (let i = from; i < events.length; i++) n += events[i]!.message.length + EVENT_OVERHEAD;
  return n;
}

/**
 * Appends the events of `more` that `into` does not hold; returns how many it held already. Same rule as the
 * reassembler: same event id when both have one, else same stream, time and message; an untimed event is never
 * a duplicate. Pieces are one request's lines (tens): a scan costs less than an index, which is built only when
 * the scan would be long (a client re-using one request id for thousands of lines must not go quadratic).
 */
function appendNew(into: LogEvent[], more: readonly LogEvent[]): number {
  const before = into.length;
  const index = before * more.length > 1024 ? indexByTime(into) : null;
  let duplicates = 0;
  for (const event of more) {
    const ts = event.timestamp;
    let seen = false;
    if (ts !== null) {
      if (index === null) for (let i = 0; i < before && !seen; i++) seen = into[i]!.timestamp === ts && isSameEvent(into[i]!, event);
      else seen = index.get(ts)?.some((other) => isSameEvent(other, event)) ?? false;
    }
    if (seen) duplicates++;
    else into.push(event);
  }
  return duplicates;
}

function indexByTime(events: readonly LogEvent[]): Map<number, LogEvent[]> {
  const index = new Map<number, LogEvent[]>();
  for (const event of events) {
    if (event.timestamp === null) continue;
    const same = index.get(event.timestamp);
    if (same === undefined) index.set(event.timestamp, [event]);
    else same.push(event);
  }
  return index;
}
