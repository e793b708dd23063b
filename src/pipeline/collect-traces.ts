import { createClassifier } from '../classify/index.js';
import { extractTrace } from '../extract/index.js';
import { createReassembler } from '../reassemble/index.js';
import { addDiagnostic, addRecord, addReassembleStats, type SummaryParts } from '../summary/index.js';
import type { Diagnostic, RawTrace, Trace, TraceRecord } from '../types.js';
import type { StepOptions } from './run-step.js';

/** How many request ids the collector remembers to recognise a trace seen twice (overlapping exports). */
const RECENT_IDS = 200_000;

/** Options of the main-thread collector. */
export interface CollectOptions extends StepOptions {
  ttlSeconds?: number;
  redact?: boolean;
  onDiagnostic?: (d: Diagnostic) => void;
}

/** The main-thread end of the pipeline; see {@link createCollector}. */
export interface Collector {
  /** Traces closed inside one input: de-duplicated, then classified. */
  pushTraces(traces: Trace[]): TraceRecord[];
  /** Traces still open at the end of one input, raw: joined with their other parts from other inputs. */
  pushOpen(raw: RawTrace[]): TraceRecord[];
  flush(): TraceRecord[];
}

/**
 * Where the per-input steps meet: joins traces that an input ended in the middle of, drops a trace seen
 * whole in two inputs (overlapping exports), and runs the one classifier that sees every input, so a cached
 * policy is found whatever file its origin sits in. Counters go to `parts`.
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
  const merger = createReassembler({
    onDiagnostic,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.maxOpenTraces === undefined ? {} : { maxOpenTraces: options.maxOpenTraces }),
  });
  // requestId → fingerprint of the trace already emitted; a Map keeps insertion order, so the oldest goes first.
  const recent = new Map<string, number>();

  function classify(traces: Trace[]): TraceRecord[] {
    const fresh = traces.filter(isFirstSighting);
    const records = classifier.push(fresh);
    for (const record of records) addRecord(parts, record);
    return records;
  }

  function isFirstSighting(trace: Trace): boolean {
    const print = fingerprint(trace);
    const earlier = recent.get(trace.requestId);
    if (earlier === print) {
      // The same request, line for line, from a second input: its events are duplicates, not a new trace.
      parts.reassembled.inTraces -= trace.lines.length;
      parts.reassembled.duplicates += trace.lines.length;
      parts.reassembled.traces -= 1;
      onDiagnostic({
        code: 'DUPLICATE_EVENT',
        severity: 'info',
        message: `request ${trace.requestId} appears whole in two inputs (overlapping exports?): counted once`,
        source: trace.lines[0]?.source ?? { file: '-' },
      });
      return false;
    }
    recent.set(trace.requestId, print);
    if (recent.size > RECENT_IDS) recent.delete(recent.keys().next().value as string);
    return true;
  }

  function reclassifyMerged(raw: RawTrace[]): TraceRecord[] {
    return classify(raw.map(extractTrace));
  }

  return {
    pushTraces: classify,
    pushOpen(raw) {
      const events = raw.flatMap((t) => t.events);
      parts.refed += events.length;
      parts.reassembled.traces -= raw.length;
      return reclassifyMerged(merger.push(events));
    },
    flush() {
      const records = reclassifyMerged(merger.flush());
      addReassembleStats(parts, { ...merger.stats, events: 0 });
      const last = classifier.flush();
      for (const record of last) addRecord(parts, record);
      return [...records, ...last];
    },
  };
}

/**
 * An order-independent hash of a trace's lines (time and length of each): equal for the same request seen
 * twice. Lengths rather than text keep it O(lines), not O(bytes), on the main thread's hot path; the request
 * id is already equal, so a collision needs the same times and lengths too.
 */
function fingerprint(trace: Trace): number {
  let sum = trace.lines.length;
  for (const line of trace.lines) {
    const h = Math.imul(((line.timestamp ?? 0) % 2147483647) ^ Math.imul(line.text.length, 2654435761), 16777619);
    sum = (sum + (h >>> 0)) % 4294967296;
  }
  return sum;
}
