import {
  bytesAt,
  Col,
  LineFlag,
  lineGroup,
  lineSource,
  lineStream,
  lineText,
  lineTime,
  timeOrder,
  type OpenTrace,
} from '../reassemble/open-trace.js';
import type { CloseReason, TraceLine } from '../types.js';
import { finishTrace } from './finish-trace.js';
import { LINE_SHAPES, readLine } from './read-line.js';
import { addToFingerprint, type SlimTrace } from './slim-trace.js';
import { createDraft } from './trace-draft.js';

/**
 * {@link extractTrace} then {@link slimTrace}, straight from the reassembler's line store, for the pipeline's
 * own step: the same trace, with only the lines the classifier reads (the first, the last and every marked one).
 *
 * Why: most of a request's bytes are integration lines no rule reads (`Method request headers: …`, response
 * bodies), and making each of them a string was, with the garbage it left, most of the cost of reading an
 * export. Here a line becomes a string only when its first bytes say {@link readLine} may act on it (see
 * {@link mayMatter}); its bytes were copied once when it arrived and are read in place.
 *
 * @param file - the input the trace's byte lines came from (their positions name it).
 * @example
 * grouper = createEventGrouper(options, file, (open, reason) => traces.push(extractOpenTrace(open, reason, file)));
 */
export function extractOpenTrace(trace: OpenTrace, closedBy: CloseReason, file: string): SlimTrace {
  const n = trace.size;
  const order = timeOrder(trace);
  const cols = trace.cols;
  const draft = createDraft();
  // The texts made, by time-order index: a dozen at most in a real request, so two small lists beat a sparse array.
  const madeAt: number[] = [];
  const made: string[] = [];
  let startTime: number | null = null;
  let endTime: number | null = null;
  let print = n;
  let logGroup: string | null = null;
  let logStream: string | null = null;
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k]!;
    const c = i * Col.Stride;
    const flags = cols[c + Col.Flags]!;
    if ((flags & LineFlag.Untimed) === 0) {
      const ts = cols[c + Col.Ts]!;
      if (startTime === null || ts < startTime) startTime = ts;
      if (endTime === null || ts > endTime) endTime = ts;
      print = addToFingerprint(print, ts);
    } else print = addToFingerprint(print, null);
    if (logGroup === null) logGroup = lineGroup(trace, i) ?? null;
    if (logStream === null) logStream = lineStream(trace, i) ?? null;
    if ((flags & LineFlag.Object) !== 0 || mayMatter(trace, c, !draft.executionStarted)) {
      const text = lineText(trace, i);
      madeAt.push(k);
      made.push(text);
      readLine(draft, text, k);
    }
  }

  // The lines the classifier reads, where they are in the whole trace: the first (the record's source), the last
  // (evidence of last resort) and the marked ones; the others are holes, never made.
  const lines = new Array<TraceLine>(n);
  keepLine(lines, 0, trace, order, file, madeAt, made);
  keepLine(lines, n - 1, trace, order, file, madeAt, made);
  for (const k of draft.marked) keepLine(lines, k, trace, order, file, madeAt, made);
  return finishTrace({ requestId: trace.id, closedBy, logGroup, logStream }, draft, lines, startTime, endTime, n, print);
}

function keepLine(lines: TraceLine[], k: number, trace: OpenTrace, order: Int32Array | null, file: string, madeAt: number[], made: string[]): void {
  if (lines[k] !== undefined) return;
  const i = order === null ? k : order[k]!;
  const at = madeAt.indexOf(k);
  lines[k] = { timestamp: lineTime(trace, i), text: at >= 0 ? made[at]! : lineText(trace, i), source: lineSource(trace, i, file) };
}

/** A prefix of {@link LINE_SHAPES} as bytes, for {@link mayRead}. */
interface BytePrefix {
  bytes: Uint8Array;
  authorizerPhase: boolean;
}

/** The prefixes readLine acts on, by their first byte: readLine's own list, so the two cannot drift apart. */
const byFirstByte: (BytePrefix[] | undefined)[] = [];
for (const shape of LINE_SHAPES) {
  const bytes = Uint8Array.from(shape.prefix, (ch) => ch.charCodeAt(0));
  (byFirstByte[bytes[0]!] ??= []).push({ bytes, authorizerPhase: shape.authorizerPhase === true });
}

/** The longest of those prefixes: an escape within this many bytes of the text's start could change the answer. */
const PREFIX_REACH = Math.max(...LINE_SHAPES.map((shape) => shape.prefix.length));

/**
 * False only when {@link readLine} would certainly do nothing with the byte line at column offset `c`, so a line
 * of the integration phase (`Method request …`, `Endpoint response …`, `Sending request to` after `Starting
 * execution`) is never made a string. True for a line with an escape near its start (its text may differ from its
 * bytes there).
 */
function mayMatter(trace: OpenTrace, c: number, authorizerPhase: boolean): boolean {
  const cols = trace.cols;
  const start = cols[c + Col.Start]!;
  const skip = cols[c + Col.Skip]!;
  const escape = cols[c + Col.Escape]!;
  if (escape >= 0 && escape < skip + PREFIX_REACH) return true;
  return mayRead(bytesAt(trace, c), start + skip, start + cols[c + Col.Len]!, authorizerPhase);
}

/**
 * True when the text `bytes[at, end)` (no escape in its first {@link PREFIX_REACH} bytes) starts with a prefix
 * of {@link LINE_SHAPES} that applies in this phase: exactly when readLine would try a shape on it. Prefixes are
 * ASCII, so a UTF-8 text starts with one exactly when its bytes do.
 * @example
 * mayRead(Buffer.from('Method completed with status: 403'), 0, 33, false); // → true
 * mayRead(Buffer.from('Method request headers: {}'), 0, 26, true);        // → false
 */
export function mayRead(bytes: Uint8Array, at: number, end: number, authorizerPhase: boolean): boolean {
  if (at >= end) return false;
  const candidates = byFirstByte[bytes[at]!];
  if (candidates === undefined) return false;
  for (const prefix of candidates) {
    if ((authorizerPhase || !prefix.authorizerPhase) && hasPrefix(bytes, at, end, prefix.bytes)) return true;
  }
  return false;
}

/** True when `bytes[at, end)` starts with `prefix`, whose first byte (the dispatch key) is known to match. */
function hasPrefix(bytes: Uint8Array, at: number, end: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > end) return false;
  for (let k = 1; k < prefix.length; k++) if (bytes[at + k] !== prefix[k]) return false;
  return true;
}
