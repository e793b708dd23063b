/**
 * Properties of the whole pipeline (fast-check): whatever the chunking, corruption or local disorder of the input,
 * `analyze` never throws and its summary adds up (runAnalyze checks both, and the schema, on every run).
 */
import test from 'ava';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { byRequestId, cutAt, runAnalyze } from './helpers.js';
import { makeEvents, renderFilterLogEvents, renderNdjson, renderS3Text, type ExportEvent } from './make-export.js';

const EVENTS = makeEvents(3);
const NDJSON = Buffer.from(renderNdjson(EVENTS));
const DOCUMENT = Buffer.from(renderFilterLogEvents(EVENTS));
const GZIP = gzipSync(renderS3Text(EVENTS));

const once = async function* (bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
};

test('random chunking: the records of the unsplit input, for every container', async (t) => {
  for (const [name, bytes] of [['ndjson', NDJSON], ['filter-log-events', DOCUMENT], ['s3 gzip', GZIP]] as const) {
    const whole = await runAnalyze(t, once(bytes), { inputName: name });
    t.is(whole.records.length, 12);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), async (cuts) => {
        const run = await runAnalyze(t, cutAt(bytes, cuts), { inputName: name });
        t.deepEqual(byRequestId(run.records), byRequestId(whole.records));
        t.deepEqual(run.summary.events, whole.summary.events);
      }),
      { numRuns: 30 },
    );
  }
});

test('random byte corruption: never throws, the summary adds up, every record valid', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(NDJSON, DOCUMENT, GZIP),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      async (original, flips, cuts) => {
        const bytes = Buffer.from(original);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        // runAnalyze asserts the invariant, the schema of every record and a position on every diagnostic.
        const run = await runAnalyze(t, cutAt(bytes, cuts.map((c) => c % bytes.length)), { inputName: 'corrupt' });
        t.true(run.records.every((r) => r.source.file === 'corrupt'));
      },
    ),
    { numRuns: 150 },
  );
});

/**
 * Lines moved out of order by less than the grace window (each event's sort key is its time plus up to 2 s, the
 * grace is 5 s): the reassembler puts each request's lines back in time order, so causes do not change.
 */
test('random order of lines within the grace window: the same requests and causes', async (t) => {
  const sorted = await runAnalyze(t, once(NDJSON), { inputName: 'x' });
  const facts = (records: typeof sorted.records): unknown =>
    byRequestId(records).map((r) => [r.requestId, r.cause, r.status, r.authorizer?.policyDecision ?? null, r.cachedFrom]);
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: EVENTS.length, maxLength: EVENTS.length }), async (jitter) => {
      const shuffled: ExportEvent[] = EVENTS.map((e, i) => ({ e, key: e.timestamp + jitter[i]! }))
        .sort((a, b) => a.key - b.key)
        .map(({ e }) => e);
      for (const text of [renderNdjson(shuffled), renderS3Text(shuffled)]) {
        const run = await runAnalyze(t, once(Buffer.from(text)), { inputName: 'x' });
        t.deepEqual(facts(run.records), facts(sorted.records));
        t.deepEqual(run.summary.events, sorted.summary.events);
      }
    }),
    { numRuns: 40 },
  );
});
