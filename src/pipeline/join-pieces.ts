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
  readonly size: number;
}

interface Held {
  events: LogEvent[];
  closedBy: CloseReason;
  pieces: number;
  duplicates: number;
}

/**
 * Joins the pieces of requests that inputs ended or began in the middle of: an S3 export cuts a log stream into
 * files, so a request can start at the end of one and finish at the start of the next, and parallel workers see
 * the two files separately and in any order.
 *
 * A piece is held until another piece of the same request arrives; when one of them ended inside its input
 * (`closedBy` other than `end-of-input`: its terminal line was there), the request is whole and released. Nothing
 * here depends on event time or on the order pieces arrive in, so workers and a single thread give the same
 * traces. Memory is bounded: beyond `maxHeld` pieces the oldest is released as it is (`push` returns it).
 *
 * @param maxHeld - pieces held at most (the pipeline passes `maxOpenTraces`, default 50000).
 * @example
 * const joiner = createPieceJoiner(50_000);
 * joiner.push([tailOfFileOne]); // → [] (held)
 * joiner.push([headOfFileTwo]); // → [{ trace: the whole request, pieces: 2, duplicates: 0 }]
 */
export function createPieceJoiner(maxHeld: number): PieceJoiner {
  const held = new Map<string, Held>();

  function release(id: string, h: Held): JoinedTrace {
    held.delete(id);
    return { trace: { requestId: id, events: sortByInheritedTime(h.events), closedBy: h.closedBy }, pieces: h.pieces, duplicates: h.duplicates };
  }

  return {
    push(pieces) {
      const out: JoinedTrace[] = [];
      for (const piece of pieces) {
        const h = held.get(piece.requestId);
        if (h === undefined) {
          held.set(piece.requestId, { events: [...piece.events], closedBy: piece.closedBy, pieces: 1, duplicates: 0 });
          if (held.size > maxHeld) {
            const [oldest, value] = held.entries().next().value as [string, Held];
            out.push(release(oldest, value));
          }
          continue;
        }
        h.duplicates += appendNew(h.events, piece.events);
        h.pieces += 1;
        if (h.closedBy === 'end-of-input') h.closedBy = piece.closedBy;
        if (h.closedBy !== 'end-of-input') out.push(release(piece.requestId, h));
      }
      return out;
    },
    take(requestId) {
      const h = held.get(requestId);
      if (h === undefined) return undefined;
      held.delete(requestId);
      return { requestId, events: h.events, closedBy: h.closedBy };
    },
    flush() {
      return [...held].map(([id, h]) => release(id, h));
    },
    get size() {
      return held.size;
    },
  };
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
