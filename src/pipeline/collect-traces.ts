import { createClassifier, pickClassifyOptions } from '../classify/index.js';
import { extractTrace } from '../extract/index.js';
import { DEFAULT_MAX_OPEN_TRACES } from '../reassemble/index.js';
import { quoteText } from '../reassemble/quote-text.js';
import { addDiagnostic, addRecord, type SummaryParts } from '../summary/index.js';
import type { Diagnostic, LogEvent, SourcePosition, TraceRecord } from '../types.js';
import { createPieceJoiner, releasedAlone, type JoinedTrace, type Piece } from './join-pieces.js';
import type { StepOptions } from './run-step.js';
import { markTrace, type SlimTrace } from '../extract/slim-trace.js';
import type { WorkerItem } from './worker-protocol.js';
import { createRecentRequests } from './recent-requests.js';
import { headOf, type AnyRecord } from './serialized-record.js';

/** How many request ids the collector remembers to recognise a request seen twice (overlapping exports). */
const RECENT_IDS = 200_000;

/** Options of the main-thread collector. */
export interface CollectOptions extends StepOptions {
  ttlSeconds?: number;
  redact?: boolean;
  onDiagnostic?: (d: Diagnostic) => void;
  /** The joiner's bound on whole pieces, in bytes (for tests; the joiner's own default when unset). */
  maxKeptBytes?: number;
  /**
   * More than one input: refused cache hits are settled at flush (ClassifyOptions.settleHitsAtFlush), since the
   * order their origins arrive in depends on the threads.
   */
  manyInputs?: boolean;
}

/** The main-thread end of the pipeline; see {@link createCollector}. */
export interface Collector {
  /** Traces closed inside one input (slimmed by their step): de-duplicated, then classified. */
  pushTraces(traces: SlimTrace[]): TraceRecord[];
  /**
   * What a worker made of the traces closed inside its input, in their order: records it classified (kept unless
   * the request was already seen; their fresh policies join the classifier's origins) and refused cache hits
   * (classified here, where every input's origins are known). Gives what pushTraces gives the same traces.
   */
  pushItems(items: WorkerItem[]): AnyRecord[];
  /** Pieces of requests an input ended or began in the middle of, raw: joined with their other pieces. */
  pushPieces(raw: Piece[]): TraceRecord[];
  flush(): TraceRecord[];
}

/**
 * Where the per-input steps meet: joins the pieces of requests that inputs cut (see join-pieces.ts), drops a
 * request seen whole in two inputs (overlapping exports), and runs the one classifier that sees every input, so
 * a cached policy is found whatever file its origin sits in. Counters go to `parts`: an event stays counted
 * once, as in a trace, a duplicate or an orphan, whatever path it took.
 */
export function createCollector(options: CollectOptions, parts: SummaryParts): Collector {
  const onDiagnostic = (d: Diagnostic): void => {
    addDiagnostic(parts, d);
    options.onDiagnostic?.(d);
  };
  const classifier = createClassifier({ ...pickClassifyOptions(options), settleHitsAtFlush: options.manyInputs === true });
  const joiner = createPieceJoiner(
    options.maxOpenTraces ?? DEFAULT_MAX_OPEN_TRACES,
    undefined,
    options.maxKeptBytes,
  );
  // requestId → what was classified for it; a Map keeps insertion order, so the oldest goes first.
  const recent = createRecentRequests(RECENT_IDS);

  function classify(traces: SlimTrace[]): TraceRecord[] {
    const fresh = traces.filter(isFirstSighting);
    const records = classifier.push(fresh);
    for (const record of records) addRecord(parts, record);
    return records;
  }

  function isFirstSighting(trace: SlimTrace): boolean {
    return isFirst(trace.requestId, trace.print, trace.startTime, trace.endTime, trace.lineCount, trace.lines[0]?.source);
  }

  /**
   * True for a request not classified yet, which is remembered now; false for one seen whole in another input
   * (overlapping exports), whose lines become duplicates. `source` is only read for that diagnostic: a record's
   * own, so nothing is made per record to carry it.
   */
  function isFirst(requestId: string, print: number, start: number | null, end: number | null, lineCount: number, source: AnySource): boolean {
    if (recent.printOf(requestId) === print) {
      // The same request, line for line, from a second input: its events are duplicates, not a new trace.
      uncount(1, lineCount, 0, 'duplicates');
      report('DUPLICATE_EVENT', 'info', `request ${quoteText(requestId)} appears whole in two inputs (overlapping exports?): counted once`, source);
      return false;
    }
    recent.remember(requestId, print, start, end);
    // What is held of this request from other inputs is part of what was just classified: drop it.
    const held = joiner.take(requestId);
    if (held !== undefined) dropLate(held);
    return true;
  }

  function pushItems(items: WorkerItem[]): AnyRecord[] {
    const out: AnyRecord[] = [];
    for (const item of items) {
      if ('held' in item) {
        if (!isFirstSighting(item.held)) continue;
        for (const record of classifier.push([item.held])) out.push(record);
        continue;
      }
      const head = headOf(item.record);
      if (!isFirst(head.requestId, item.print, item.start, item.end, item.lineCount, head.source)) continue;
      out.push(item.record);
      if (item.origin !== null) for (const resolved of classifier.addOrigin(item.origin)) out.push(resolved);
    }
    for (const record of out) addRecord(parts, headOf(record));
    return out;
  }

  /**
   * Pieces of a request that was already classified (held ones, or one just arrived), as the joiner released
   * them. Within the classified trace's time span their lines are that trace's lines again (overlapping exports):
   * duplicates. Outside it they are lines that came too late to be joined: orphans, like the reassembler's late
   * lines, and the diagnostic says so. A whole piece is judged by its extracted trace: its events are not made.
   */
  function dropLate(j: JoinedTrace): void {
    const id = j.trace.requestId;
    const lines = j.slim?.lineCount ?? j.trace.events.length;
    const [first, last] = j.slim === undefined ? timeSpan(j.trace.events) : [j.slim.startTime, j.slim.endTime];
    const seen = recent.get(id);
    const start = seen?.start ?? null;
    const end = seen?.end ?? null;
    const within = start !== null && end !== null && first !== null && last !== null && first >= start && last <= end;
    const source = j.slim?.lines[0]?.source ?? j.trace.events[0]?.source;
    uncount(j.pieces, lines, j.duplicates, within ? 'duplicates' : 'orphans');
    if (within) {
      report('DUPLICATE_EVENT', 'info', `request ${quoteText(id)} appears in two inputs (overlapping exports?): counted once`, source);
    } else {
      report('ORPHAN_EVENT', 'warning', `part of request ${quoteText(id)} from another input came after the request was classified: its ${lines} lines are counted as orphans`, source);
    }
  }

  /**
   * Takes out of the counters a request the collector drops: each input's step counted each of its `pieces` as a
   * trace and every line as in a trace. Its `lines` go to `to`, the `shared` lines its pieces both held (already
   * dropped from them) to duplicates, as {@link classifyJoined} counts them.
   */
  function uncount(pieces: number, lines: number, shared: number, to: 'duplicates' | 'orphans'): void {
    const r = parts.reassembled;
    r.traces -= pieces;
    r.inTraces -= lines + shared;
    r.duplicates += shared;
    r[to] += lines;
  }

  function report(code: Diagnostic['code'], severity: Diagnostic['severity'], message: string, source: AnySource): void {
    onDiagnostic({ code, severity, message, source: positionOf(source) });
  }

  function classifyJoined(joined: JoinedTrace[]): TraceRecord[] {
    for (const j of joined) {
      // Each input's step counted its piece as a trace and every event as in a trace: n pieces are one trace.
      uncount(j.pieces - 1, 0, j.duplicates, 'duplicates');
      if (j.duplicates > 0) report('DUPLICATE_EVENT', 'info', `request ${quoteText(j.trace.requestId)} holds ${j.duplicates} lines seen in two inputs (overlapping exports?): counted once`, j.trace.events[0]?.source);
    }
    return classify(joined.map((j) => j.slim ?? markTrace(extractTrace(j.trace))));
  }

  return {
    pushTraces: classify,
    pushItems,
    pushPieces(raw) {
      const fresh: Piece[] = [];
      for (const piece of raw) {
        if (recent.has(piece.requestId)) dropLate(releasedAlone(piece));
        else fresh.push(piece);
      }
      return classifyJoined(joiner.push(fresh));
    },
    flush() {
      const records = classifyJoined(joiner.flush());
      const last = classifier.flush();
      for (const record of last) addRecord(parts, record);
      return [...records, ...last];
    },
  };
}

/** Where a diagnostic of the collector points: a line's position, or a record's `source` (line null if unknown). */
type AnySource = SourcePosition | TraceRecord['source'] | undefined;

/** `source` as a diagnostic's position; built only when a diagnostic is. */
function positionOf(source: AnySource): SourcePosition {
  if (source === undefined) return { file: '-' };
  return source.line === null ? { file: source.file } : (source as SourcePosition);
}

/** The earliest and latest timestamps of `events`, null when none is timed. */
function timeSpan(events: readonly LogEvent[]): [number | null, number | null] {
  let first: number | null = null;
  let last: number | null = null;
  for (const { timestamp: ts } of events) {
    if (ts === null) continue;
    if (first === null || ts < first) first = ts;
    if (last === null || ts > last) last = ts;
  }
  return [first, last];
}
