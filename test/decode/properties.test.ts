/**
 * Properties over every container: random chunking and random byte damage never throw, keep the accounting
 * invariant, and (damaged or not) decode the same whatever the chunking.
 */
import test from 'ava';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { createDecoder } from '../../src/decode/index.js';
import type { Diagnostic, LogEvent } from '../../src/types.js';
import { countMalformedDiagnostics, decodeAsync, decodeSync, type Decoded } from './decode-helpers.js';
import * as sample from './sample-export.js';

const SMALL = sample.SAMPLE.slice(0, 12);
const INPUTS: [string, Buffer][] = [
  ['filter-log-events', Buffer.from(sample.renderFilterLogEvents(SMALL))],
  ['get-log-events', Buffer.from(sample.renderGetLogEvents(SMALL))],
  ['ndjson', Buffer.from(sample.renderNdjson(SMALL))],
  ['s3-export', Buffer.from(sample.renderS3Export(SMALL))],
  ['subscription', Buffer.from(sample.renderSubscription(SMALL))],
  ['awslogs', Buffer.from(sample.renderAwslogs(SMALL))],
  ['tail', Buffer.from(sample.renderTailDetailed(SMALL))],
  ['console', Buffer.from(sample.renderConsole(sample.REQUESTS.A))],
  ['test-invoke', Buffer.from(sample.renderTestInvoke(sample.REQUESTS.A))],
  ['copy-paste', Buffer.from(sample.renderCopyPasteTwoLines(SMALL))],
  ['insights-json', Buffer.from(sample.renderInsightsResults(SMALL))],
  ['insights-csv', Buffer.from(sample.renderInsightsCsv(SMALL))],
  ['insights-markdown', Buffer.from(sample.renderInsightsMarkdown(SMALL))],
];

/** Decode with the input cut at the given (sorted, in-range) positions. */
function decodeAt(input: Buffer, cuts: number[], maxRecordBytes?: number): Decoded {
  const diagnostics: Diagnostic[] = [];
  const decoder = createDecoder({
    file: 'input',
    onDiagnostic: (d) => diagnostics.push(d),
    ...(maxRecordBytes === undefined ? {} : { maxRecordBytes }),
  });
  const events: LogEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    events.push(...decoder.push(input.subarray(from, cut)));
    from = cut;
  }
  events.push(...decoder.end());
  return { events, stats: { ...decoder.stats }, diagnostics, format: decoder.format };
}

function accounts(decoded: Decoded, length: number): boolean {
  return (
    decoded.stats.events === decoded.events.length &&
    decoded.stats.malformed === countMalformedDiagnostics(decoded.diagnostics) &&
    decoded.stats.bytes === length
  );
}

const damage = (length: number) =>
  fc.record({
    flips: fc.array(fc.tuple(fc.nat({ max: Math.max(length - 1, 0) }), fc.integer({ min: 0, max: 255 })), {
      maxLength: 6,
    }),
    truncateAt: fc.option(fc.nat({ max: length }), { nil: undefined }),
    cuts: fc.uniqueArray(fc.nat({ max: length }), { maxLength: 40 }),
    smallCap: fc.boolean(),
  });

for (const [name, input] of INPUTS) {
  test(`${name}: any chunking decodes like the whole input`, (t) => {
    const whole = decodeSync(input);
    t.true(whole.events.length > 0);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: input.length }), { maxLength: 60 }), (cuts) => {
        const split = decodeAt(input, cuts.sort((a, b) => a - b));
        t.deepEqual(split, whole);
        return true;
      }),
      { numRuns: 40 },
    );
  });

  test(`${name}: damaged bytes never throw, keep the accounting, and do not depend on chunking`, (t) => {
    fc.assert(
      fc.property(damage(input.length), ({ flips, truncateAt, cuts, smallCap }) => {
        const bytes = Buffer.from(input.subarray(0, truncateAt ?? input.length));
        for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
        const cap = smallCap ? 200 : undefined;
        const whole = decodeAt(bytes, [], cap);
        const split = decodeAt(bytes, cuts.filter((c) => c <= bytes.length).sort((a, b) => a - b), cap);
        t.true(accounts(whole, bytes.length));
        t.deepEqual(split, whole);
        return true;
      }),
      { numRuns: 60 },
    );
  });
}

test('gzip: damaged gzip never throws through the async edge and keeps the accounting', async (t) => {
  const gz = gzipSync(Buffer.concat(INPUTS.slice(2, 4).map(([, b]) => b)));
  await fc.assert(
    fc.asyncProperty(damage(gz.length), fc.integer({ min: 1, max: 700 }), async ({ flips, truncateAt }, chunk) => {
      const bytes = Buffer.from(gz.subarray(0, truncateAt ?? gz.length));
      for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
      const decoded = await decodeAsync(bytes, {}, chunk);
      t.is(decoded.stats.events, decoded.events.length);
      t.is(decoded.stats.malformed, countMalformedDiagnostics(decoded.diagnostics));
      return true;
    }),
    { numRuns: 60 },
  );
});
