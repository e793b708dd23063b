import test from 'ava';
import fc from 'fast-check';
import { createReassembler } from '../../src/reassemble/index.js';
import type { LogEvent, RawTrace } from '../../src/types.js';
import { accounted, summarize, T0 } from './helpers.js';

/** Cuts `events` into batches at the given (sorted, deduplicated) positions. */
function split(events: LogEvent[], cuts: number[]): LogEvent[][] {
  const at = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  const batches: LogEvent[][] = [];
  let from = 0;
  for (const cut of at) {
    batches.push(events.slice(from, cut));
    from = cut;
  }
  batches.push(events.slice(from));
  return batches;
}

function runAll(batches: LogEvent[][], options: Parameters<typeof createReassembler>[0] = {}) {
  const reassembler = createReassembler(options);
  const traces: RawTrace[] = [];
  for (const batch of batches) traces.push(...reassembler.push(batch));
  traces.push(...reassembler.flush());
  return { traces, stats: reassembler.stats };
}

const ids = ['r1', 'r2', 'r3', 'r4', 'PDS1PEC4oAMFpyA='];
const texts = [
  'Extended Request Id: x',
  'Starting authorizer: a for request: r1',
  'Method completed with status: 403',
  'The client is not authorized to perform this operation.',
  'Unauthorized',
  'X-ray Tracing ID : Root=1-x',
  'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn',
];
const anyMessage = fc.oneof(
  fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...texts)).map(([id, text]) => `(${id}) ${text}`),
  fc.constantFrom(
    'Verifying Usage Plan for request: r9. API Key:  API Stage: a/b',
    'Starting execution for request: r1',
    'Execution log for request r8',
    'Method completed with status: 200',
    'START RequestId: 1 Version: $LATEST',
    '{"requestId":"r1"}',
    '}',
    '',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('(', ')', ' ', 'r', '1', '\n', 'M'), maxLength: 12 }),
);
const anyEvent = fc.record(
  {
    timestamp: fc.option(fc.integer({ min: 0, max: 200_000 }).map((ms) => T0 + ms), { freq: 5 }),
    message: anyMessage,
    logStream: fc.constantFrom('s1', 's2'),
    eventId: fc.constantFrom('e1', 'e2', 'e3'),
    source: fc.constant({ file: 'fuzz' }),
  },
  { requiredKeys: ['timestamp', 'message', 'source'] },
) as fc.Arbitrary<LogEvent>;

test('any events, any batch split, any options: nothing throws and every event is accounted for', (t) => {
  fc.assert(
    fc.property(
      fc.array(anyEvent, { maxLength: 80 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 0, max: 100_000 }),
      fc.integer({ min: 1, max: 6 }),
      (events, cuts, graceMs, idleMs, maxOpenTraces) => {
        // Repeat a few events to exercise duplicate detection.
        const withTwins = [...events, ...events.slice(0, 5)];
        const { traces, stats } = runAll(split(withTwins, cuts), { graceMs, idleMs, maxOpenTraces, onDiagnostic: () => {} });
        if (!accounted(stats)) return false;
        if (stats.events !== withTwins.length) return false;
        if (traces.length !== stats.traces) return false;
        if (traces.reduce((n, trace) => n + trace.events.length, 0) !== stats.inTraces) return false;
        if (new Set(traces.map((trace) => trace.requestId)).size !== traces.length) return false;
        return traces.every((trace) => {
          const times = trace.events.map((e) => e.timestamp).filter((ts) => ts !== null);
          return times.every((ts, i) => i === 0 || times[i - 1]! <= ts);
        });
      },
    ),
    { numRuns: 400 },
  );
  t.pass();
});

/** Requests with distinct ids, each a few lines at distinct offsets within `span` ms, maybe ending terminal. */
const SPAN = 900;
const JITTER = 4000; // JITTER + SPAN < graceMs (5000): every line arrives before the watermark passes its grace
const anyRequests = fc
  .array(
    fc.record({
      start: fc.integer({ min: 0, max: 400_000 }),
      offsets: fc.uniqueArray(fc.integer({ min: 0, max: SPAN }), { minLength: 1, maxLength: 8 }),
      terminal: fc.boolean(),
      stream: fc.constantFrom('s1', 's2', 's3'),
      jitters: fc.array(fc.integer({ min: 0, max: JITTER - 1 }), { minLength: 8, maxLength: 8 }),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((requests) =>
    requests.flatMap((request, r) => {
      const offsets = [...request.offsets].sort((a, b) => a - b);
      return offsets.map((offset, i) => {
        const last = i === offsets.length - 1;
        const text = last && request.terminal ? 'Method completed with status: 403' : `line ${i}`;
        const event: LogEvent = {
          timestamp: T0 + request.start + offset,
          message: `(req-${r}) ${text}`,
          logStream: request.stream,
          source: { file: 'prop' },
        };
        return { event, arrival: request.start + offset + request.jitters[i]! };
      });
    }),
  );

test('lines shuffled within the grace window, split anywhere: the same traces as sorted input', (t) => {
  fc.assert(
    fc.property(anyRequests, fc.array(fc.nat(), { maxLength: 8 }), (lines, cuts) => {
      const sorted = [...lines].sort((a, b) => a.event.timestamp! - b.event.timestamp!).map((l) => l.event);
      const shuffled = [...lines].sort((a, b) => a.arrival - b.arrival).map((l) => l.event);
      const expected = runAll([sorted]);
      const actual = runAll(split(shuffled, cuts));
      t.deepEqual(summarize(actual.traces), summarize(expected.traces));
      t.is(actual.stats.orphans, 0);
      t.true(accounted(actual.stats));
    }),
    { numRuns: 300 },
  );
});

test('duplicated lines, however split, give the same traces and are counted', (t) => {
  fc.assert(
    fc.property(anyRequests, fc.array(fc.boolean(), { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 8 }), (lines, twice, cuts) => {
      const sorted = [...lines].sort((a, b) => a.event.timestamp! - b.event.timestamp!).map((l) => l.event);
      const doubled = sorted.flatMap((event, i) => (twice[i] === true ? [event, { ...event }] : [event]));
      const actual = runAll(split(doubled, cuts));
      t.deepEqual(summarize(actual.traces), summarize(runAll([sorted]).traces));
      t.is(actual.stats.duplicates, doubled.length - sorted.length);
    }),
    { numRuns: 200 },
  );
});
