import { createClassifier } from '../classify/index.js';
import { extractTrace } from '../extract/index.js';
import { DEFAULT_MAX_OPEN_TRACES } from '../reassemble/index.js';
import { quoteText } from '../reassemble/quote-text.js';
import { addDiagnostic, addRecord, type SummaryParts } from '../summary/index.js';
import type { Diagnostic, RawTrace, TraceRecord } from '../types.js';
import { createPieceJoiner, rawPiece, type JoinedTrace, type Piece } from './join-pieces.js';
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
  const classifier = createClassifier({
    ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    ...(options.redact === undefined ? {} : { redact: options.redact }),
  });
  const joiner = createPieceJoiner(options.maxOpenTraces ?? DEFAULT_MAX_OPEN_TRACES);
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

  function isFirst(requestId: string, print: number, start: number | null, end: number | null, lineCount: number, source: Diagnostic['source'] | undefined): boolean {
    const earlier = recent.get(requestId);
    if (earlier?.print === print) {
      // The same request, line for line, from a second input: its events are duplicates, not a new trace.
      moveEvents(lineCount, 'duplicates');
      report('DUPLICATE_EVENT', 'info', `request ${quoteText(requestId)} appears whole in two inputs (overlapping exports?): counted once`, source);
      return false;
    }
    recent.remember(requestId, print, start, end);
    // A piece of this request held from another input is part of what was just classified: drop it.
    const piece = joiner.take(requestId);
    if (piece !== undefined) dropLatePiece(piece);
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
      const source = head.source.line === null ? { file: head.source.file } : { file: head.source.file, line: head.source.line };
      if (!isFirst(head.requestId, item.print, item.start, item.end, item.lineCount, source)) continue;
      out.push(item.record);
      if (item.origin !== null) for (const resolved of classifier.addOrigin(item.origin)) out.push(resolved);
    }
    for (const record of out) addRecord(parts, headOf(record));
    return out;
  }


  /**
   * A piece of a request that was already classified. Within the classified trace's time span its lines are
   * that trace's lines again (overlapping exports): duplicates. Outside it they are lines that came too late to
   * be joined: orphans, like the reassembler's late lines, and the diagnostic says so.
   */
  function dropLatePiece(piece: RawTrace): void {
    const seen = recent.get(piece.requestId);
    const start = seen?.start ?? null;
    const end = seen?.end ?? null;
    const times = piece.events.flatMap((e) => (e.timestamp === null ? [] : [e.timestamp]));
    const within = start !== null && end !== null && times.length > 0 && times.every((ts) => ts >= start && ts <= end);
    const source = piece.events[0]?.source;
    if (within) {
      moveEvents(piece.events.length, 'duplicates');
      report('DUPLICATE_EVENT', 'info', `request ${quoteText(piece.requestId)} appears in two inputs (overlapping exports?): counted once`, source);
    } else {
      moveEvents(piece.events.length, 'orphans');
      report('ORPHAN_EVENT', 'warning', `part of request ${quoteText(piece.requestId)} from another input came after the request was classified: its ${piece.events.length} lines are counted as orphans`, source);
    }
  }

  /** Events counted in a trace by their input's step that the collector finds are duplicates or orphans. */
  function moveEvents(n: number, to: 'duplicates' | 'orphans'): void {
    parts.reassembled.inTraces -= n;
    parts.reassembled[to] += n;
    parts.reassembled.traces -= 1;
  }

  function report(code: Diagnostic['code'], severity: Diagnostic['severity'], message: string, source: Diagnostic['source'] | undefined): void {
    onDiagnostic({ code, severity, message, source: source ?? { file: '-' } });
  }

  function classifyJoined(joined: JoinedTrace[]): TraceRecord[] {
    const r = parts.reassembled;
    for (const j of joined) {
      // Each input's step counted its piece as a trace and every event as in a trace: n pieces are one trace.
      r.traces -= j.pieces - 1;
      r.inTraces -= j.duplicates;
      r.duplicates += j.duplicates;
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
        if (recent.has(piece.requestId)) dropLatePiece(rawPiece(piece));
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
