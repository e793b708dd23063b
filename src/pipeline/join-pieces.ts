import { isSameEvent, sortByInheritedTime } from '../reassemble/same-event.js';
import type { CloseReason, LogEvent, RawTrace } from '../types.js';

/** What joining found, for the collector's accounting. */
export interface JoinedTrace {
  trace: RawTrace;
  /** Pieces that went into it (1 when released alone). */
  pieces: number;
  /** Events seen in two pieces (overlapping exports), dropped from the trace. */
  duplicates: number;
}

/** See {@link createPieceJoiner}. */
export interface PieceJoiner {
  /** Takes pieces; returns the requests now whole: a piece joined with one that ended inside its input. */
  push(pieces: readonly RawTrace[]): JoinedTrace[];
  /** Removes and returns the piece held for a request, if any (that request just arrived whole from another input). */
  take(requestId: string): RawTrace | undefined;
  /** Releases every held piece, as it is. */
  flush(): JoinedTrace[];
  /** Pieces held now. */
  readonly size: number;
  /** Their estimated size in bytes (see `maxHeldBytes`). */
  readonly bytes: number;
}

interface Held {
  events: LogEvent[];
  closedBy: CloseReason;
  pieces: number;
  duplicates: number;
  /** What its events cost to hold, roughly: their text plus an object each (see {@link heldBytes}). */
  bytes: number;
  /** Arrival order, across both maps. */
  seq: number;
}

/**
 * Bytes of event text the joiner holds at most (default of `maxHeldBytes`). Without it only the count bounded
 * memory, and 50,000 raw pieces are about 450 MB: each input of a directory hands back the requests still open at
 * its end, most of them whole and waiting out the grace after their terminal line, and nothing ever joins them.
 * A Firehose tree of 13 objects held 11,700 such pieces (100 MB) until the end; V8 then spent 1.4 s collecting.
 */
export const DEFAULT_MAX_HELD_BYTES = 32 * 1024 * 1024;

/** Per event, beyond its text: the object, its source and the list slot. */
const EVENT_OVERHEAD = 96;

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
 * Memory is bounded by count (`maxHeld`) and by size (`maxHeldBytes`). Beyond either, a piece is released as it
 * is (`push` returns it), the oldest whole one first: a whole piece can only miss lines logged after its terminal
 * line (X-Ray, late integration lines), which arrive later as a piece of a request already classified, while a
 * cut one would be classified without its end. Only then can the order pieces arrive in change a result.
 *
 * @param maxHeld - pieces held at most (the pipeline passes `maxOpenTraces`, default 50000).
 * @param maxHeldBytes - event text held at most, in bytes (default {@link DEFAULT_MAX_HELD_BYTES}).
 * @example
 * const joiner = createPieceJoiner(50_000);
 * joiner.push([tailOfFileOne]); // → [] (held)
 * joiner.push([headOfFileTwo]); // → [{ trace: the whole request, pieces: 2, duplicates: 0 }]
 */
export function createPieceJoiner(maxHeld: number, maxHeldBytes = DEFAULT_MAX_HELD_BYTES): PieceJoiner {
  // Two maps, each in arrival order: whole pieces (their terminal line seen) go first when memory runs out. A
  // held piece never moves between them: a whole one is released by any partner, a cut one by a whole partner.
  const whole = new Map<string, Held>();
  const cut = new Map<string, Held>();
  let bytes = 0;
  let arrivals = 0;

  const find = (id: string): Held | undefined => whole.get(id) ?? cut.get(id);

  function remove(id: string, h: Held): void {
    if (!whole.delete(id)) cut.delete(id);
    bytes -= h.bytes;
  }

  function release(id: string, h: Held): JoinedTrace {
    remove(id, h);
    return { trace: { requestId: id, events: sortByInheritedTime(h.events), closedBy: h.closedBy }, pieces: h.pieces, duplicates: h.duplicates };
  }

  function releaseOverLimits(out: JoinedTrace[]): void {
    while (whole.size + cut.size > maxHeld || (bytes > maxHeldBytes && whole.size + cut.size > 0)) {
      const from = whole.size > 0 ? whole : cut;
      const [oldest, value] = from.entries().next().value as [string, Held];
      out.push(release(oldest, value));
    }
  }

  return {
    push(pieces) {
      const out: JoinedTrace[] = [];
      for (const piece of pieces) {
        const h = find(piece.requestId);
        if (h === undefined) {
          const held: Held = { events: [...piece.events], closedBy: piece.closedBy, pieces: 1, duplicates: 0, bytes: heldBytes(piece.events), seq: arrivals++ };
          (piece.closedBy === 'end-of-input' ? cut : whole).set(piece.requestId, held);
          bytes += held.bytes;
          releaseOverLimits(out);
          continue;
        }
        const before = h.events.length;
        h.duplicates += appendNew(h.events, piece.events);
        const added = heldBytes(h.events, before);
        h.bytes += added;
        bytes += added;
        h.pieces += 1;
        if (h.closedBy === 'end-of-input') h.closedBy = piece.closedBy;
        if (h.closedBy !== 'end-of-input') out.push(release(piece.requestId, h));
        else releaseOverLimits(out);
      }
      return out;
    },
    take(requestId) {
      const h = find(requestId);
      if (h === undefined) return undefined;
      remove(requestId, h);
      return { requestId, events: h.events, closedBy: h.closedBy };
    },
    flush() {
      // In the order they arrived, as when one map held them all.
      return [...whole, ...cut].sort((a, b) => a[1].seq - b[1].seq).map(([id, h]) => release(id, h));
    },
    get size() {
      return whole.size + cut.size;
    },
    get bytes() {
      return bytes;
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
