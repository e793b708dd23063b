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
import { readLine } from './read-line.js';
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

/** Bytes of the longest prefix {@link mayMatter} compares, plus one: an escape before it means "read it". */
const PREFIX_REACH = 48;

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const ENDPOINT_HEADERS = bytesOf('Endpoint request h');
const ENDPOINT_URI = bytesOf('Endpoint request U');
const ENDPOINT_BODY = bytesOf('Endpoint request b');
const METHOD_COMPLETED = bytesOf('Method c');
const SUCCESS_AUTHORIZER = bytesOf('Successfully completed a');

function hasPrefix(bytes: Buffer, at: number, end: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > end) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[at + k] !== prefix[k]) return false;
  return true;
}

/**
 * False only when {@link readLine} would certainly do nothing with the byte line at column offset `c`: decided
 * on its first bytes, by the same first-character dispatch readLine uses, so a line of the integration phase
 * (`Method request …`, `Endpoint response …`, `Sending request to` after `Starting execution`) is never made a
 * string. Conservative: true for anything readLine might read, and for a line with an escape near its start.
 */
function mayMatter(trace: OpenTrace, c: number, authorizerPhase: boolean): boolean {
  const cols = trace.cols;
  const start = cols[c + Col.Start]!;
  const skip = cols[c + Col.Skip]!;
  const escape = cols[c + Col.Escape]!;
  if (escape >= 0 && escape < skip + PREFIX_REACH) return true;
  const bytes = bytesAt(trace, c);
  const at = start + skip;
  const end = start + cols[c + Col.Len]!;
  if (at >= end) return false;
  switch (bytes[at]) {
    case 65 /* A */: {
      // Authorizer result body / AuthorizerConfigurationException / Authorizer error / API Key …
      const next = bytes[at + 1];
      return next === 117 /* u */ || next === 80 /* P */;
    }
    case 69 /* E */:
      if (bytes[at + 1] === 120 /* x */) return true; // Extended Request Id, Execution failed, ExplicitDenyException
      if (hasPrefix(bytes, at, end, ENDPOINT_HEADERS)) return true; // read in both phases
      return authorizerPhase && (hasPrefix(bytes, at, end, ENDPOINT_URI) || hasPrefix(bytes, at, end, ENDPOINT_BODY));
    case 77 /* M */:
      return hasPrefix(bytes, at, end, METHOD_COMPLETED);
    case 83 /* S */: {
      const next = bytes[at + 1];
      if (next === 116 /* t */) return true; // Starting authorizer / Starting execution
      if (next === 101 /* e */) return authorizerPhase; // Sending request to
      return hasPrefix(bytes, at, end, SUCCESS_AUTHORIZER);
    }
    case 71 /* G */:
    case 72 /* H */:
    case 73 /* I */:
    case 84 /* T */:
    case 85 /* U */:
    case 86 /* V */:
    case 123 /* { */:
      return true;
    default:
      return false;
  }
}
