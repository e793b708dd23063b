/**
 * The lines of one request while it is open, kept as columns of numbers over one byte store, and recycled
 * when the trace closes.
 *
 * Why not an array of {@link LogEvent}s: a trace stays open for its grace period (5 s of event time, about a
 * thousand requests at a time on a busy stage), so its events outlive young-generation collections and get
 * promoted; making every message a string and every event an object, then promoting them, was the largest cost
 * of the whole analysis (30 % of it in the garbage collector on 200 MB of NDJSON, benchmarks/NOTES.md). Here a
 * fast decoder's event ({@link ByteEvent}) costs a few number stores into arrays that are reused from trace to
 * trace: its bytes stay where they are, in the input's chunk, which a {@link ChunkTable} keeps while recent (a
 * trace usually closes within seconds of event time, a few MB of input later); only the lines a rule reads are
 * ever made strings, at close. A trace still open when its chunk must go gets those lines copied into a buffer
 * of its own. Copying every line on arrival instead measured 90 ms of 200 MB of NDJSON (the copies land in a
 * thousand scattered buffers, one per open trace). Events decoded the general way (rare containers, odd lines)
 * are kept as they are, as objects, alongside.
 * @module
 */
import type { ByteEvent } from '../decode/event-sink.js';
import { decodeLatin1 } from '../decode/decode-utf8.js';
import type { LogEvent, SourcePosition } from '../types.js';
import type { HeapItem } from './deadline-heap.js';
import { findRequestIdEnd } from './find-request-id.js';
import { isSameEvent, isSameText } from './same-event.js';

/** Per-line flags. */
export const enum LineFlag {
  /** The line is the LogEvent in `objects` (decoded the general way). */
  Object = 1,
  /** The bytes hold JSON escapes: unescape them when reading the text. */
  Escaped = 2,
  /** The event id's bytes are stored too. */
  EventId = 4,
  /** `pos` is a byte offset, not a line number. */
  Offset = 8,
  /** The event has no timestamp (only objects: byte events always have one). */
  Untimed = 16,
}

/** The columns of a line, at `line * Col.Stride + column` of {@link OpenTrace.cols}. */
export const enum Col {
  /** Epoch ms (0 when untimed). */
  Ts,
  /** Source line or byte offset (see {@link LineFlag.Offset}). */
  Pos,
  /** Message bytes: `bytes[start, start + len)`. */
  Start,
  Len,
  /** Bytes of the `(id) ` prefix at the start of the message. */
  Skip,
  /** Offset of the first backslash from the message start, or -1. */
  Escape,
  /** Event id bytes: `bytes[idStart, idStart + idLen)`. */
  IdStart,
  IdLen,
  Flags,
  /** Where the bytes are: the id of a chunk in the trace's {@link ChunkTable}, or -1 for the trace's own buffer. */
  Chunk,
  /** Stream name bytes: `bytes[streamStart, streamStart + streamLen)`; length -1 when `streams` holds it. */
  StreamStart,
  StreamLen,
  /** {@link idDigest} of the event id: compared before the ids themselves. */
  IdDigest,
  Stride,
}

const MIN_LINES = 32;
const MIN_BYTES = 16 * 1024;
/**
 * Input kept in the chunk table by default: at 2 MB/s of logs (200 requests/s) about 8 s of event time, more than
 * a request and its 5 s of grace. 32 MiB kept peak RSS 16 MB higher for no fewer copies on the benchmarks.
 */
export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;
const NO_BYTES = Buffer.alloc(0);
/** Shared by traces with no LogEvent line: never written to (appendObject gives a trace its own array first). */
const NO_OBJECTS: (LogEvent | undefined)[] = [];
/** A recycled trace keeps its arrays unless they grew past these (a request id reused for thousands of lines). */
const KEEP_LINES = 1024;
const KEEP_BYTES = 1 << 20;
/** Below this many lines a duplicate check of an unordered trace scans; from it an index by time is kept. */
const INDEX_FROM = 32;

/** A request whose lines are still being collected. Fields are the reassembler's; read them through the functions below. */
export class OpenTrace implements HeapItem {
  id = '';
  /** Lines held, in arrival order. */
  size = 0;
  cols = new Float64Array(MIN_LINES * Col.Stride);
  /** Per line: the LogEvent of object lines, else unset. */
  objects: (LogEvent | undefined)[] = NO_OBJECTS;
  objectCount = 0;
  streams: (string | undefined)[] = [];
  groups: (string | undefined)[] = [];
  /** The chunks its byte lines point into (the reassembler's), or null. */
  chunks: ChunkTable | null = null;
  /** The last chunk it was registered with (see {@link ChunkTable.use}). */
  lastChunk = -1;
  /**
   * Bumped each time the trace is recycled, or kept by a close handler (it then leaves its grouper), so stale
   * registrations (a chunk's users, the grouper's recent-id cache) are told apart.
   */
  generation = 0;
  /** Its own bytes: lines whose chunk had to go while it was open. */
  bytes: Buffer = NO_BYTES;
  used = 0;
  /** Latest timestamp among its lines; -Infinity until a timed line arrives. */
  lastTs = -Infinity;
  /** A terminal line was seen: it closes after the grace period, not the idle timeout. */
  terminal = false;
  /** Timed lines arrived in time order so far: no sort at close (the common case). */
  ordered = true;
  hasUntimed = false;
  duplicateReported = false;
  /** Line indexes by timestamp, built once an unordered trace is long enough that a scan would cost. */
  byTime: Map<number, number | number[]> | null = null;
  heapKey = 0;
  heapIndex = -1;
}

/** Hands out empty traces and takes closed ones back, so their arrays are reused (see the module comment). */
export interface TracePool {
  take(id: string): OpenTrace;
  /** The trace must not be used after this. */
  give(trace: OpenTrace): void;
}

/**
 * A pool keeping at most `keep` idle traces.
 * @example
 * const pool = createTracePool(64);
 * const trace = pool.take('r1'); pool.give(trace);
 */
export function createTracePool(keep = 1024): TracePool {
  const idle: OpenTrace[] = [];
  return {
    take(id) {
      const trace = idle.pop() ?? new OpenTrace();
      trace.id = id;
      return trace;
    },
    give(trace) {
      // A trace's LogEvents get a fresh array (see appendObject): the old one goes with them.
      if (trace.objectCount > 0) trace.objects = NO_OBJECTS;
      trace.objectCount = 0;
      trace.size = 0;
      trace.used = 0;
      trace.lastTs = -Infinity;
      trace.terminal = false;
      trace.ordered = true;
      trace.hasUntimed = false;
      trace.duplicateReported = false;
      trace.byTime = null;
      trace.lastChunk = -1;
      trace.generation++;
      trace.heapKey = 0;
      trace.heapIndex = -1;
      trace.id = '';
      if (trace.cols.length > KEEP_LINES * Col.Stride) trace.cols = new Float64Array(MIN_LINES * Col.Stride);
      if (trace.bytes.length > KEEP_BYTES) trace.bytes = NO_BYTES;
      if (trace.streams.length > KEEP_LINES) {
        trace.streams = [];
        trace.groups = [];
        trace.objects = [];
      }
      if (idle.length < keep) idle.push(trace);
    },
  };
}

/** Room for one more line. */
function reserveLine(trace: OpenTrace): number {
  const i = trace.size;
  if ((i + 1) * Col.Stride > trace.cols.length) {
    const grown = new Float64Array(trace.cols.length * 2);
    grown.set(trace.cols);
    trace.cols = grown;
  }
  trace.size = i + 1;
  return i;
}

/** Room for `n` more bytes; returns where they go. */
function reserveBytes(trace: OpenTrace, n: number): number {
  const at = trace.used;
  if (at + n > trace.bytes.length) {
    let size = Math.max(MIN_BYTES, trace.bytes.length * 2);
    while (size < at + n) size *= 2;
    const grown = Buffer.allocUnsafeSlow(size);
    trace.bytes.copy(grown, 0, 0, at);
    trace.bytes = grown;
  }
  trace.used = at + n;
  return at;
}

/** Timestamp bookkeeping shared by both kinds of line. */
function noteTime(trace: OpenTrace, i: number, ts: number | null): void {
  if (ts === null) {
    trace.hasUntimed = true;
    return;
  }
  if (ts < trace.lastTs) trace.ordered = false;
  else trace.lastTs = ts;
  if (trace.byTime !== null) indexLine(trace.byTime, i, ts);
}

/** Appends a LogEvent (decoded the general way). */
export function appendObject(trace: OpenTrace, event: LogEvent): void {
  const i = reserveLine(trace);
  const c = i * Col.Stride;
  const cols = trace.cols;
  const ts = event.timestamp;
  cols[c + Col.Ts] = ts ?? 0;
  cols[c + Col.Flags] = LineFlag.Object | (ts === null ? LineFlag.Untimed : 0);
  cols[c + Col.StreamLen] = -1;
  // Young events go into a young array, made per trace, and their stream and group stay in the event: stored in
  // the pooled (old) arrays, each would be an old-to-new pointer for every young collection to follow (1.5 s of
  // GC on 200 MB of Firehose objects, whose events are all LogEvents).
  if (trace.objectCount === 0) trace.objects = [];
  trace.objects[i] = event;
  trace.objectCount++;
  noteTime(trace, i, ts);
}

/**
 * Appends a {@link ByteEvent} whose bytes lie in chunk `chunk` of the trace's table (registered by the caller):
 * positions only, no copy. `skip` is the length of its `(id) ` prefix.
 */
export function appendBytes(trace: OpenTrace, event: ByteEvent, skip: number, chunk: number): void {
  const i = reserveLine(trace);
  const c = i * Col.Stride;
  const cols = trace.cols;
  let flags = event.backslash >= 0 ? LineFlag.Escaped : 0;
  if (event.offset >= 0) flags |= LineFlag.Offset;
  if (event.idStart >= 0) {
    flags |= LineFlag.EventId;
    cols[c + Col.IdStart] = event.idStart;
    cols[c + Col.IdLen] = event.idEnd - event.idStart;
    cols[c + Col.IdDigest] = event.idDigest;
  }
  cols[c + Col.Ts] = event.timestamp;
  cols[c + Col.Pos] = event.offset >= 0 ? event.offset : event.line;
  cols[c + Col.Start] = event.start;
  cols[c + Col.Len] = event.end - event.start;
  cols[c + Col.Skip] = skip;
  cols[c + Col.Escape] = event.backslash >= 0 ? event.backslash - event.start : -1;
  cols[c + Col.Flags] = flags;
  cols[c + Col.Chunk] = chunk;
  cols[c + Col.StreamStart] = event.streamStart;
  cols[c + Col.StreamLen] = event.streamStart >= 0 ? event.streamEnd - event.streamStart : -1;
  if (trace.lastChunk !== chunk) {
    trace.lastChunk = chunk;
    (trace.chunks as ChunkTable).use(chunk, trace);
  }
  trace.streams[i] = event.logStream;
  trace.groups[i] = event.logGroup;
  noteTime(trace, i, event.timestamp);
}

/** The buffer the bytes of line `c / Col.Stride` are in. */
export function bytesAt(trace: OpenTrace, c: number): Buffer {
  const chunk = trace.cols[c + Col.Chunk]!;
  return chunk < 0 ? trace.bytes : (trace.chunks as ChunkTable).bytes(chunk);
}

/**
 * Copies every line of `trace` still in a chunk into a store of its own, sized to fit (a kept trace outlives its
 * grouper's chunks; the doubling store would give each at least 16 KiB): it stays readable, alone. One pass over
 * the lines, whatever the number of chunks they are in. A second call finds nothing left to copy and returns the
 * same: the grouper detaches a trace its close handler keeps, and the handler may have detached it already.
 * @returns the bytes it now holds (store and columns).
 */
export function detachTrace(trace: OpenTrace): number {
  const cols = trace.cols;
  const table = trace.chunks;
  if (table !== null) {
    let need = trace.used;
    for (let i = 0; i < trace.size; i++) {
      const c = i * Col.Stride;
      if (isInChunk(cols, c)) need += cols[c + Col.Len]! + ((cols[c + Col.Flags]! & LineFlag.EventId) !== 0 ? cols[c + Col.IdLen]! : 0) + Math.max(0, cols[c + Col.StreamLen]!);
    }
    if (need > trace.bytes.length) {
      const store = Buffer.allocUnsafeSlow(need);
      trace.bytes.copy(store, 0, 0, trace.used);
      trace.bytes = store;
    }
    for (let i = 0; i < trace.size; i++) {
      const c = i * Col.Stride;
      if (isInChunk(cols, c)) moveLine(trace, c, table.bytes(cols[c + Col.Chunk]!));
    }
    trace.lastChunk = -1;
    trace.chunks = null;
  }
  return trace.bytes.length + cols.byteLength;
}

/** True when the line at column offset `c` is a byte line whose bytes are still in a chunk. */
function isInChunk(cols: Float64Array, c: number): boolean {
  // Object lines never write the Chunk column (it holds 0, or what a recycled trace left): the flag decides first.
  return (cols[c + Col.Flags]! & LineFlag.Object) === 0 && cols[c + Col.Chunk]! >= 0;
}

/** Copies the trace's lines in chunk `chunk` into its own buffer: the chunk is about to go. */
function evacuate(trace: OpenTrace, chunk: number, bytes: Buffer): void {
  const cols = trace.cols;
  for (let i = 0; i < trace.size; i++) {
    const c = i * Col.Stride;
    if (cols[c + Col.Chunk] === chunk && (cols[c + Col.Flags]! & LineFlag.Object) === 0) moveLine(trace, c, bytes);
  }
  if (trace.lastChunk === chunk) trace.lastChunk = -1;
}

/**
 * Copies the byte line at column offset `c` (its message, event id and stream) from `bytes`, its chunk, into the
 * trace's own buffer, and points its columns there: the one copy both {@link evacuate} and {@link detachTrace} make.
 */
function moveLine(trace: OpenTrace, c: number, bytes: Buffer): void {
  const cols = trace.cols;
  cols[c + Col.Start] = copyIn(trace, bytes, cols[c + Col.Start]!, cols[c + Col.Len]!);
  if ((cols[c + Col.Flags]! & LineFlag.EventId) !== 0) cols[c + Col.IdStart] = copyIn(trace, bytes, cols[c + Col.IdStart]!, cols[c + Col.IdLen]!);
  const streamLength = cols[c + Col.StreamLen]!;
  if (streamLength >= 0) cols[c + Col.StreamStart] = copyIn(trace, bytes, cols[c + Col.StreamStart]!, streamLength);
  cols[c + Col.Chunk] = -1;
}

/** Appends `bytes[start, start + length)` to the trace's own buffer; returns where it now is. */
function copyIn(trace: OpenTrace, bytes: Buffer, start: number, length: number): number {
  const at = reserveBytes(trace, length);
  bytes.copy(trace.bytes, at, start, start + length);
  return at;
}

/** A chunk of input and the traces that have lines in it. */
interface ChunkRef {
  bytes: Buffer;
  /** Pairs: a trace, and its generation when it registered. */
  users: (OpenTrace | number)[];
}

/**
 * The recent chunks of one input that lines of open traces point into, up to `limitBytes` in all: past it the
 * oldest chunk goes, and the traces still holding lines in it get them copied first (see the module comment).
 */
export class ChunkTable {
  /** Live chunks, at `id & mask`: ids are consecutive, so a ring indexes them with no hashing. */
  private ring: (ChunkRef | undefined)[] = new Array<ChunkRef | undefined>(64);
  private mask = 63;
  private current: Buffer | null = null;
  private currentId = -1;
  private oldest = 0;
  private retained = 0;

  /**
   * @param limitBytes - input kept at most.
   * @param onRelease - receives each chunk let go (its lines were copied out first): the reader may reuse it.
   */
  constructor(
    private readonly limitBytes = DEFAULT_CHUNK_BYTES,
    private readonly onRelease: ((bytes: Buffer) => void) | null = null,
  ) {}

  /** Lets every chunk go; call once no trace is open (end of input). */
  releaseAll(): void {
    while (this.oldest <= this.currentId) this.release(this.oldest++);
    this.current = null;
  }

  /** The id of chunk `bytes`, registered when it is new (chunks arrive in input order). */
  idOf(bytes: Buffer): number {
    if (bytes === this.current) return this.currentId;
    const id = this.currentId + 1;
    if (id - this.oldest > this.mask) this.grow();
    this.current = bytes;
    this.currentId = id;
    this.ring[id & this.mask] = { bytes, users: [] };
    this.retained += bytes.length;
    while (this.retained > this.limitBytes && this.oldest < id) this.release(this.oldest++);
    return id;
  }

  bytes(id: number): Buffer {
    return (this.ring[id & this.mask] as ChunkRef).bytes;
  }

  /** Notes that `trace` now has lines in chunk `id`. */
  use(id: number, trace: OpenTrace): void {
    (this.ring[id & this.mask] as ChunkRef).users.push(trace, trace.generation);
  }

  private grow(): void {
    const ring = new Array<ChunkRef | undefined>(this.ring.length * 2);
    const mask = ring.length - 1;
    for (let id = this.oldest; id <= this.currentId; id++) ring[id & mask] = this.ring[id & this.mask];
    this.ring = ring;
    this.mask = mask;
  }

  private release(id: number): void {
    const ref = this.ring[id & this.mask];
    if (ref === undefined) return;
    const users = ref.users;
    for (let k = 0; k < users.length; k += 2) {
      const trace = users[k] as OpenTrace;
      if (trace.generation === users[k + 1] && trace.size > 0) evacuate(trace, id, ref.bytes);
    }
    this.ring[id & this.mask] = undefined;
    this.retained -= ref.bytes.length;
    this.onRelease?.(ref.bytes);
  }
}

function indexLine(byTime: Map<number, number | number[]>, i: number, ts: number): void {
  const found = byTime.get(ts);
  if (found === undefined) byTime.set(ts, i);
  else if (typeof found === 'number') byTime.set(ts, [found, i]);
  else found.push(i);
}

/** The duplicate question about one line: does line `i` of `trace` equal the new event? */
type SameLine<E> = (trace: OpenTrace, i: number, event: E) => boolean;

/**
 * Asks `same` about the lines that could equal a new event at `ts`, until it answers true: the run of lines at
 * `ts` at the end of an ordered trace (most new events are later than every line, and cost one comparison), else
 * every line at `ts` (by scan, or by an index once the trace is long). `event` is passed through rather than
 * captured, so the hot path allocates no closure per event.
 */
function anySameTime<E>(trace: OpenTrace, ts: number, event: E, same: SameLine<E>): boolean {
  const cols = trace.cols;
  if (trace.ordered) {
    if (ts > trace.lastTs) return false;
    for (let i = trace.size - 1; i >= 0; i--) {
      const c = i * Col.Stride;
      if ((cols[c + Col.Flags]! & LineFlag.Untimed) !== 0) continue;
      const at = cols[c + Col.Ts]!;
      if (at < ts) return false;
      if (at === ts && same(trace, i, event)) return true;
    }
    return false;
  }
  if (trace.byTime === null && trace.size >= INDEX_FROM) {
    trace.byTime = new Map();
    for (let i = 0; i < trace.size; i++) {
      const c = i * Col.Stride;
      if ((cols[c + Col.Flags]! & LineFlag.Untimed) === 0) indexLine(trace.byTime, i, cols[c + Col.Ts]!);
    }
  }
  if (trace.byTime !== null) {
    const found = trace.byTime.get(ts);
    if (found === undefined) return false;
    if (typeof found === 'number') return same(trace, found, event);
    for (const i of found) if (same(trace, i, event)) return true;
    return false;
  }
  for (let i = 0; i < trace.size; i++) {
    const c = i * Col.Stride;
    if ((cols[c + Col.Flags]! & LineFlag.Untimed) === 0 && cols[c + Col.Ts] === ts && same(trace, i, event)) return true;
  }
  return false;
}

/**
 * True when the trace already holds this event: the same event id when both have one, else the same stream and
 * message, at the same time ({@link isSameEvent}). An event without a timestamp is never a duplicate: with no
 * time, two equal bare lines (a `}` closing two pretty-printed bodies) are as likely distinct as repeated.
 */
export function holdsEvent(trace: OpenTrace, event: LogEvent): boolean {
  const ts = event.timestamp;
  if (ts === null) return false;
  return anySameTime(trace, ts, event, isSameAsEvent);
}

/** {@link isSameEvent} of line `i` and a LogEvent, with no LogEvent made of a byte line. */
function isSameAsEvent(trace: OpenTrace, i: number, event: LogEvent): boolean {
  const c = i * Col.Stride;
  const cols = trace.cols;
  const flags = cols[c + Col.Flags]!;
  if ((flags & LineFlag.Object) !== 0) return isSameEvent(trace.objects[i] as LogEvent, event);
  const hasId = (flags & LineFlag.EventId) !== 0;
  return isSameAsStored(
    event,
    bytesAt(trace, c),
    hasId ? cols[c + Col.IdStart]! : -1,
    hasId ? cols[c + Col.IdLen]! : 0,
    cols[c + Col.StreamStart]!,
    cols[c + Col.StreamLen]!,
    trace.streams[i],
    cols[c + Col.Start]!,
    cols[c + Col.Len]!,
    (flags & LineFlag.Escaped) !== 0,
  );
}

/**
 * {@link isSameEvent} of a LogEvent and an event whose fields are still bytes in `bytes`: a stored byte line, or a
 * {@link ByteEvent} against an object line. The same rule, read without making strings where bytes can be
 * compared: the event ids when both have one (`idStart` -1: none), else the stream (`bytes[streamStart, +
 * streamLength)`, or `stream` when `streamLength` is -1) and the message (`bytes[start, + length)`, JSON-escaped
 * when `escaped`).
 */
function isSameAsStored(
  other: LogEvent,
  bytes: Buffer,
  idStart: number,
  idLength: number,
  streamStart: number,
  streamLength: number,
  stream: string | undefined,
  start: number,
  length: number,
  escaped: boolean,
): boolean {
  if (other.eventId !== undefined && idStart >= 0) return isLatin1Of(bytes, idStart, idLength, other.eventId);
  if (streamLength >= 0 ? !isLatin1Of(bytes, streamStart, streamLength, other.logStream) : stream !== other.logStream) return false;
  if (!escaped) return isLatin1Of(bytes, start, length, other.message);
  return isSameText(other.message, unescapeJson(decodeLatin1(bytes, start, start + length)));
}

/**
 * `decodeLatin1(bytes, start, start + length) === text`, with no string made; false when `text` is undefined.
 * The last character first, as {@link isSameText} does: unequal messages of one request share their start.
 */
function isLatin1Of(bytes: Buffer, start: number, length: number, text: string | undefined): boolean {
  if (text === undefined || text.length !== length) return false;
  if (length === 0) return true;
  if (bytes[start + length - 1] !== text.charCodeAt(length - 1)) return false;
  for (let k = 0; k < length - 1; k++) if (bytes[start + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** {@link holdsEvent} for a {@link ByteEvent}. Bytes are compared natively; strings are made only where escapes differ. */
export function holdsBytes(trace: OpenTrace, event: ByteEvent): boolean {
  // Filled here, once per event, for isSameAsBytes and appendBytes to read.
  event.idDigest = event.idStart >= 0 ? idDigest(event) : 0;
  return anySameTime(trace, event.timestamp, event, isSameAsBytes);
}

/**
 * The last (up to) eight characters of a byte event's id, folded into a number. CloudWatch ids of one stream share
 * all but their last digits: lines at the same millisecond nearly always differ here, so a duplicate check
 * rarely compares whole ids.
 */
export function idDigest(event: ByteEvent): number {
  const view = event.view;
  let digest = event.idEnd - event.idStart;
  for (let p = Math.max(event.idStart, event.idEnd - 8); p < event.idEnd; p++) digest = (Math.imul(digest, 31) + view.charCodeAt(p)) | 0;
  return digest;
}

/** {@link isSameEvent} of line `i` and a ByteEvent: bytes compared natively, strings made only where escapes differ. */
function isSameAsBytes(trace: OpenTrace, i: number, event: ByteEvent): boolean {
  const c = i * Col.Stride;
  const cols = trace.cols;
  const flags = cols[c + Col.Flags]!;
  if ((flags & LineFlag.Object) !== 0) {
    return isSameAsStored(
      trace.objects[i] as LogEvent,
      event.bytes,
      event.idStart,
      event.idEnd - event.idStart,
      event.streamStart,
      event.streamStart >= 0 ? event.streamEnd - event.streamStart : -1,
      event.logStream,
      event.start,
      event.end - event.start,
      event.backslash >= 0,
    );
  }
  const bytes = bytesAt(trace, c);
  if ((flags & LineFlag.EventId) !== 0 && event.idStart >= 0) {
    if (cols[c + Col.IdDigest] !== event.idDigest) return false;
    const start = cols[c + Col.IdStart]!;
    const length = cols[c + Col.IdLen]!;
    return length === event.idEnd - event.idStart && bytes.compare(event.bytes, event.idStart, event.idEnd, start, start + length) === 0;
  }
  if (!isSameStreamAsBytes(trace, i, bytes, event)) return false;
  const start = cols[c + Col.Start]!;
  const length = cols[c + Col.Len]!;
  if (
    length === event.end - event.start &&
    bytes[start + length - 1] === event.view.charCodeAt(event.end - 1) &&
    bytes.compare(event.bytes, event.start, event.end, start, start + length) === 0
  ) {
    return true;
  }
  // Different bytes are different text unless escapes are involved (`\u0041` is `A`).
  if ((flags & LineFlag.Escaped) === 0 && event.backslash < 0) return false;
  return lineMessage(trace, i) === byteEventMessage(event);
}

/**
 * `lineStream(trace, i) === byteEventStream(event)` for byte line `i` (its bytes in `bytes`), with no string made:
 * two streams in bytes are compared as bytes, a stream in bytes and one as a string character by character.
 */
function isSameStreamAsBytes(trace: OpenTrace, i: number, bytes: Buffer, event: ByteEvent): boolean {
  const c = i * Col.Stride;
  const length = trace.cols[c + Col.StreamLen]!;
  const eventStart = event.streamStart;
  if (length < 0) {
    const stream = trace.streams[i];
    return eventStart >= 0 ? isLatin1Of(event.bytes, eventStart, event.streamEnd - eventStart, stream) : stream === event.logStream;
  }
  const start = trace.cols[c + Col.StreamStart]!;
  if (eventStart < 0) return isLatin1Of(bytes, start, length, event.logStream);
  if (length !== event.streamEnd - eventStart) return false;
  // Lines of one chunk often point at the very same bytes (one stream per record).
  return (bytes === event.bytes && start === eventStart) || bytes.compare(event.bytes, eventStart, event.streamEnd, start, start + length) === 0;
}

/** The stream of a {@link ByteEvent}, as a string. */
function byteEventStream(event: ByteEvent): string | undefined {
  return event.streamStart >= 0 ? decodeLatin1(event.bytes, event.streamStart, event.streamEnd) : event.logStream;
}

/** The log group of line `i`, or undefined. */
export function lineGroup(trace: OpenTrace, i: number): string | undefined {
  if ((trace.cols[i * Col.Stride + Col.Flags]! & LineFlag.Object) !== 0) return (trace.objects[i] as LogEvent).logGroup;
  return trace.groups[i];
}

/** The stream of line `i`, or undefined. */
export function lineStream(trace: OpenTrace, i: number): string | undefined {
  const c = i * Col.Stride;
  if ((trace.cols[c + Col.Flags]! & LineFlag.Object) !== 0) return (trace.objects[i] as LogEvent).logStream;
  const length = trace.cols[c + Col.StreamLen]!;
  if (length < 0) return trace.streams[i];
  const start = trace.cols[c + Col.StreamStart]!;
  return decodeLatin1(bytesAt(trace, c), start, start + length);
}

/** The message of a {@link ByteEvent} as a string (escapes undone). */
export function byteEventMessage(event: ByteEvent): string {
  const raw = event.view.slice(event.start, event.end);
  return event.backslash >= 0 ? unescapeJson(raw) : raw;
}

/**
 * JSON string content unescaped. The decoders only make ByteEvents of valid escapes, so this cannot throw for
 * them; a string concatenation plus `JSON.parse` of it is a third of the cost of parsing a whole event.
 */
function unescapeJson(raw: string): string {
  return JSON.parse(`"${raw}"`) as string;
}

/**
 * Line indexes in time order, stable (arrival order breaks ties), or null when arrival order is time order (the
 * common case). An untimed line takes the time of the timed line before it (the first timed line's at the start),
 * so it stays behind the line it continues.
 */
export function timeOrder(trace: OpenTrace): Int32Array | null {
  if (trace.ordered || trace.lastTs === -Infinity) return null;
  const n = trace.size;
  const cols = trace.cols;
  const keys = new Float64Array(n);
  let current = 0;
  if (trace.hasUntimed) {
    for (let i = 0; i < n; i++) {
      if ((cols[i * Col.Stride + Col.Flags]! & LineFlag.Untimed) === 0) {
        current = cols[i * Col.Stride + Col.Ts]!;
        break;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const c = i * Col.Stride;
    if ((cols[c + Col.Flags]! & LineFlag.Untimed) === 0) current = cols[c + Col.Ts]!;
    keys[i] = current;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  return Int32Array.from(order);
}

/** Timestamp of line `i`, or null. */
export function lineTime(trace: OpenTrace, i: number): number | null {
  const c = i * Col.Stride;
  return (trace.cols[c + Col.Flags]! & LineFlag.Untimed) !== 0 ? null : trace.cols[c + Col.Ts]!;
}

/** The whole message of line `i`, `(id) ` prefix included. */
function lineMessage(trace: OpenTrace, i: number): string {
  const c = i * Col.Stride;
  const cols = trace.cols;
  const flags = cols[c + Col.Flags]!;
  if ((flags & LineFlag.Object) !== 0) return (trace.objects[i] as LogEvent).message;
  const start = cols[c + Col.Start]!;
  const raw = decodeLatin1(bytesAt(trace, c), start, start + cols[c + Col.Len]!);
  return (flags & LineFlag.Escaped) !== 0 ? unescapeJson(raw) : raw;
}

/** The text of line `i` after its `(id) ` prefix (the whole message when it has none). */
export function lineText(trace: OpenTrace, i: number): string {
  const c = i * Col.Stride;
  const cols = trace.cols;
  const flags = cols[c + Col.Flags]!;
  if ((flags & LineFlag.Object) !== 0) {
    const message = (trace.objects[i] as LogEvent).message;
    const end = findRequestIdEnd(message);
    return end < 0 ? message : message.slice(end + 2);
  }
  // The prefix of a byte line holds no escape (the reassembler checked), so its text unescapes on its own.
  const start = cols[c + Col.Start]!;
  const raw = decodeLatin1(bytesAt(trace, c), start + cols[c + Col.Skip]!, start + cols[c + Col.Len]!);
  return (flags & LineFlag.Escaped) !== 0 && cols[c + Col.Escape]! >= cols[c + Col.Skip]! ? unescapeJson(raw) : raw;
}

/** Where line `i` came from; `file` is the input of byte lines. */
export function lineSource(trace: OpenTrace, i: number, file: string): SourcePosition {
  const c = i * Col.Stride;
  const cols = trace.cols;
  const flags = cols[c + Col.Flags]!;
  if ((flags & LineFlag.Object) !== 0) return (trace.objects[i] as LogEvent).source;
  return sourceAt(file, (flags & LineFlag.Offset) !== 0, cols[c + Col.Pos]!);
}

/** Where a {@link ByteEvent} came from, as {@link lineSource} says it once the event is a line. */
export function byteEventSource(event: ByteEvent, file: string): SourcePosition {
  return sourceAt(file, event.offset >= 0, event.offset >= 0 ? event.offset : event.line);
}

/** A byte line's position: a byte offset when its container gives offsets, else a line. One shape for both kinds. */
function sourceAt(file: string, isOffset: boolean, pos: number): SourcePosition {
  return isOffset ? { file, offset: pos } : { file, line: pos };
}

/** Line `i` as a LogEvent (the original object for object lines), for pieces handed to another thread and the public API. */
function lineEvent(trace: OpenTrace, i: number, file: string): LogEvent {
  const c = i * Col.Stride;
  const cols = trace.cols;
  const flags = cols[c + Col.Flags]!;
  if ((flags & LineFlag.Object) !== 0) return trace.objects[i] as LogEvent;
  let eventId: string | undefined;
  if ((flags & LineFlag.EventId) !== 0) {
    const start = cols[c + Col.IdStart]!;
    eventId = decodeLatin1(bytesAt(trace, c), start, start + cols[c + Col.IdLen]!);
  }
  return logEventOf(cols[c + Col.Ts]!, lineMessage(trace, i), lineSource(trace, i, file), lineStream(trace, i), trace.groups[i], eventId);
}

/**
 * A {@link ByteEvent} as the LogEvent the general decoders would have made of it: what the reassembler reads
 * when the fast path leaves a line to the general rules, and what {@link lineEvent} gives once it is a line.
 */
export function byteEventToLogEvent(event: ByteEvent, file: string): LogEvent {
  const eventId = event.idStart >= 0 ? event.view.slice(event.idStart, event.idEnd) : undefined;
  return logEventOf(event.timestamp, byteEventMessage(event), byteEventSource(event, file), byteEventStream(event), event.logGroup, eventId);
}

/** The LogEvent of a byte line or event: its optional fields set only when present, in one order (one shape). */
function logEventOf(
  timestamp: number,
  message: string,
  source: SourcePosition,
  stream: string | undefined,
  group: string | undefined,
  eventId: string | undefined,
): LogEvent {
  const event: LogEvent = { timestamp, message, source };
  if (stream !== undefined) event.logStream = stream;
  if (group !== undefined) event.logGroup = group;
  if (eventId !== undefined) event.eventId = eventId;
  return event;
}

/** The trace's lines as LogEvents, in time order. */
export function traceEvents(trace: OpenTrace, file: string): LogEvent[] {
  const order = timeOrder(trace);
  const events: LogEvent[] = new Array(trace.size);
  for (let k = 0; k < trace.size; k++) events[k] = lineEvent(trace, order === null ? k : order[k]!, file);
  return events;
}
