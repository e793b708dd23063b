import { decodeChunks } from '../decode/index.js';
import type { EventSink } from '../decode/event-sink.js';
import { extractOpenTrace } from '../extract/extract-open-trace.js';
import type { SlimTrace } from '../extract/slim-trace.js';
import { DEFAULT_IDLE_MS } from '../reassemble/index.js';
import { createEventGrouper } from '../reassemble/group-events.js';
import { traceEvents, type OpenTrace } from '../reassemble/open-trace.js';
import { readReassembleOptions } from '../reassemble/read-options.js';
import { addDecodeStats, addDiagnostic, addReassembleStats, type SummaryParts } from '../summary/index.js';
import type { Diagnostic, InputFormat, LogEvent, RawTrace } from '../types.js';
import { mayHaveBegunElsewhere } from './head-window.js';
import type { Piece, WholePiece } from './join-pieces.js';
import { giveReadBuffer } from '../decode/read-buffers.js';
import { endOnError } from './read-file.js';

/** Options of the per-file step; plain data so they can be posted to a worker thread. */
export interface StepOptions {
  format: InputFormat | 'auto';
  graceMs?: number;
  idleMs?: number;
  maxOpenTraces?: number;
  maxRecordBytes?: number;
}

/** What the step knows of its input beyond the bytes. */
export interface StepInput {
  /** Label for positions: the path as the user gave it, or `-`. */
  file: string;
  logGroup?: string;
  logStream?: string;
}

/**
 * One batch out of the step: traces closed inside this input, pieces of requests that may have begun in another
 * input (raw, for the main thread to join), and the diagnostics met on the way.
 */
export interface StepBatch {
  /** Slimmed to the lines the classifier reads: they may cross to the main thread by structured clone. */
  traces: SlimTrace[];
  pieces: RawTrace[];
  diagnostics: Diagnostic[];
}

/**
 * The pure per-input step: decode → reassemble → extract, for one file or stream. It keeps no state beyond
 * its input, so many can run at once (in worker threads) and their counters merge into one summary.
 *
 * Fused for speed: the decoder hands its events straight to the reassembler (most as ByteEvents, still in the
 * chunk), and a trace is extracted from the reassembler's line store as it closes, down to the lines the
 * classifier reads (see extractOpenTrace). Nothing per event is allocated on the way; the stages are the
 * public ones (decodeChunks, the reassembler's engine, the line readers), so they cannot drift apart.
 *
 * With `keepOpen` (one input of several) it hands back raw the pieces of requests another input may hold the
 * rest of (an S3 export splits a log stream across files, a request can straddle two): traces the input ends
 * before their terminal line, or that may have begun in another input (see {@link mayHaveBegunElsewhere}),
 * still open at the end (the return value) or closed near the start (`pieces` of a batch). The main thread joins them. Otherwise every trace
 * is extracted and yielded. A source that fails (a file that cannot be read) ends the input there with an
 * UNREADABLE_FILE diagnostic. To stop early, end `chunks` and abort `signal`: everything read so far is still
 * closed, extracted and counted, and an input stopped before its first byte counts as not read.
 */
export async function* runStep(
  chunks: AsyncIterable<Uint8Array | string>,
  input: StepInput,
  options: StepOptions,
  parts: SummaryParts,
  keepOpen: boolean,
  signal?: AbortSignal,
): AsyncGenerator<StepBatch, Piece[], undefined> {
  let diagnostics: Diagnostic[] = [];
  const source = { bytes: 0, unreadable: false };
  const file = input.file;
  // An input stopped before its first byte was not read at all: it is neither empty nor counted as a file.
  const notRead = (): boolean => source.bytes === 0 && signal?.aborted === true;
  const onDiagnostic = (d: Diagnostic): void => {
    if (d.code === 'UNREADABLE_FILE') source.unreadable = true;
    // A file that could not be read is not also reported empty: the decoder only saw it end.
    else if (d.code === 'EMPTY_INPUT' && (source.unreadable || notRead())) return;
    addDiagnostic(parts, d);
    diagnostics.push(d);
  };
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let traces: SlimTrace[] = [];
  let pieces: RawTrace[] = [];
  /** Set at the end of input: traces still open then go back raw, for the main thread to join. */
  let ending = false;
  const rest: Piece[] = [];
  const grouper = createEventGrouper(
    readReassembleOptions({
      onDiagnostic,
      ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
      ...(options.maxOpenTraces === undefined ? {} : { maxOpenTraces: options.maxOpenTraces }),
    }),
    file,
    (open, closedBy) => {
      // At the end of the input, a request cut before its terminal line goes back raw, to be joined.
      if (keepOpen && ending && closedBy !== 'terminal') {
        rest.push({ requestId: open.id, events: traceEvents(open, file), closedBy });
        return;
      }
      const trace = extractOpenTrace(open, closedBy, file);
      if (keepOpen && (ending || inHead(trace)) && mayHaveBegunElsewhere(trace, grouper.sawExtendedIds)) {
        (ending ? rest : pieces).push({ requestId: open.id, events: traceEvents(open, file), closedBy });
        return;
      }
      if (keepOpen && ending) {
        // Whole, in the grace period after its terminal line: another input may still hold lines it logged
        // after that line, so it goes to the joiner too, but as extracted; returning true keeps it (the grouper
        // copies its lines to a store of its own and never recycles it). Made LogEvents, these were most of the
        // garbage of a directory: each file handed back the last seconds of its requests (NOTES.md).
        rest.push(wholePiece(open, trace, file));
        return true;
      }
      traces.push(trace);
    },
    giveReadBuffer,
  );
  /**
   * The start of the input in event time: its first timestamp plus `idleMs`. A request cut by the start of this
   * input has its first line here (its earlier lines are at most `idleMs` older, or the reassembler would have
   * split it anyway). Anything earlier than the first timestamp counts as inside too: an S3 export file is not
   * time-sorted, and its earlier half may come second.
   */
  const inHead = (trace: SlimTrace): boolean => {
    const first = grouper.firstTimestamp;
    const at = trace.lines[0]?.timestamp ?? null;
    return first === null || at === null || at <= first + idleMs;
  };
  const sink: EventSink = { event: (e) => grouper.pushEvent(e), bytes: (e) => grouper.pushBytes(e) };
  const events = decodeChunks(
    endOnError(chunks, file, source, onDiagnostic),
    {
      file,
      format: options.format,
      onDiagnostic,
      ...(input.logGroup === undefined ? {} : { logGroup: input.logGroup }),
      ...(input.logStream === undefined ? {} : { logStream: input.logStream }),
      ...(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes }),
    },
    sink,
  );
  const take = (): StepBatch => {
    const batch: StepBatch = { traces, pieces, diagnostics };
    traces = [];
    pieces = [];
    diagnostics = [];
    return batch;
  };
  // One await per decoded chunk; everything inside the loop is synchronous (STYLE.md: hot loops are sync).
  for (;;) {
    const next = await events.next();
    if (next.done) {
      // The summary counts raw bytes (what the user sees on disk or on the pipe, compressed for gzip).
      if (!notRead()) addDecodeStats(parts, next.value, source.bytes);
      break;
    }
    if (traces.length > 0 || pieces.length > 0 || diagnostics.length > 0) yield take();
  }
  ending = true;
  grouper.flush();
  addReassembleStats(parts, grouper.stats);
  if (traces.length > 0 || pieces.length > 0 || diagnostics.length > 0) yield take();
  return rest;
}

/** Bytes per line an extracted trace keeps (its text, time and source), for the joiner's bound. */
const KEPT_LINE_BYTES = 300;

/**
 * `open`, kept by its grouper, as a {@link WholePiece}: `trace` is what it was extracted as. Its size is read when
 * the joiner takes it, once the grouper has copied its lines out of the chunks (see CloseHandler).
 */
function wholePiece(open: OpenTrace, trace: SlimTrace, file: string): WholePiece {
  let events: LogEvent[] | null = null;
  let kept = 0;
  for (const line of trace.lines) if (line !== undefined) kept++;
  return {
    requestId: open.id,
    closedBy: 'terminal',
    slim: trace,
    events: () => (events ??= traceEvents(open, file)),
    get bytes() {
      return open.bytes.length + open.cols.byteLength + KEPT_LINE_BYTES * kept;
    },
  };
}
