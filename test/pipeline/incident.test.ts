/**
 * The bundled incident (samples/incident/, ground truth in samples/expected/incident.json) end to end, and the
 * defects of other stages it shows, marked `test.failing` (each fails while the bug is there: when one starts to
 * pass, the bug is fixed and the marker must go).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Cause } from '../../src/types.js';
import { byRequestId, chunked, INCIDENT, runAnalyze, SAMPLES } from './helpers.js';

interface ExpectedRequest {
  label: string;
  requestId: string;
  cause: Cause;
  clientStatus: number;
  cachedFrom: string | null;
}

const EXPECTED = JSON.parse(readFileSync(join(SAMPLES, 'expected', 'incident.json'), 'utf8')) as {
  events: number;
  requests: ExpectedRequest[];
};
const byLabel = (label: string): ExpectedRequest => EXPECTED.requests.find((r) => r.label === label)!;
const S3 = join(INCIDENT, 's3-export', '35185cf7-b62f-4b30-8584-3cac5bcde8bb');
/** Log stream 3: written later half first (09:21:09–09:36:40, then 09:12:03–09:21:03), as exports are not sorted. */
const UNSORTED = join(S3, 'ad099ae6a4a42c154d818ab130c7f621', '000000.gz');

for (const concurrency of [1, 2]) {
  test(`the incident: every request once, with its cause (concurrency ${concurrency})`, async (t) => {
    const { records, summary } = await runAnalyze(t, INCIDENT, { concurrency });
    t.is(summary.events.read, EXPECTED.events);
    t.is(summary.files, 3);
    t.deepEqual(
      byRequestId(records).map((r) => [r.requestId, r.cause]),
      [...EXPECTED.requests].sort((a, b) => (a.requestId < b.requestId ? -1 : 1)).map((r) => [r.requestId, r.cause]),
    );
    // Refused cache hits with their origin in the same file are named whatever the order of workers (across
    // files it depends on that order: see the classify test below).
    for (const label of ['r19', 'r24']) {
      const expected = byLabel(label);
      t.is(records.find((r) => r.requestId === expected.requestId)?.cachedFrom, expected.cachedFrom, label);
    }
  });
}

test('the incident: r44, cut by the end of the S3 export, is INCOMPLETE and says which lines are missing', async (t) => {
  const r44 = byLabel('r44');
  const { records } = await runAnalyze(t, INCIDENT, { concurrency: 1 });
  const record = records.find((r) => r.requestId === r44.requestId);
  t.is(record?.cause, 'INCOMPLETE');
  t.is(record?.status, null, 'the client got 200, but the exported log does not say so');
  t.is(record?.closedBy, 'end-of-input');
  // Its last line is `Sending request to` the authorizer: no answer, no decision, no status. The method ARN was in
  // the authorizer request body, so it is not missing.
  const missing = record?.missing ?? [];
  t.is(missing.length, 3);
  t.true(missing.some((m) => m.includes('Method completed with status')));
  t.true(missing.some((m) => m.includes('Starting execution for request')));
  t.true(missing.some((m) => m.includes('Authorizer result body before parsing')));
  t.false(missing.some((m) => m.includes('method ARN')));
});

/*
 * reassemble: closing is decided on the event sequence (every 4096 events), not once per pushed batch, so a file
 * that is not time-sorted (its later half first) loses no line and its records do not depend on the chunking.
 * (Found by these tests: per-batch closing gave 1 orphan with 1 MiB chunks and 132 with 4 KiB chunks.)
 */
test('reassemble: an S3 export file written later half first loses no line (r18 keeps its last line)', async (t) => {
  const { records, summary, diagnostics } = await runAnalyze(t, UNSORTED, { concurrency: 1 });
  // Got: orphans 1 (line 355, r18's `Method completed with status: 200`, closed `idle`), r18 status null.
  t.deepEqual(diagnostics, []);
  t.is(summary.events.orphans, 0);
  const r18 = byLabel('r18');
  t.is(records.find((r) => r.requestId === r18.requestId)?.status, r18.clientStatus);
});

test('reassemble: the same unsorted S3 text gives the same records whatever the chunking', async (t) => {
  const text = gunzipSync(readFileSync(UNSORTED));
  const whole = await runAnalyze(t, [text], { inputName: 'stream-3' });
  // Got: 132 orphans with 4096-byte chunks (1 for the whole text), and records that differ.
  const small = await runAnalyze(t, chunked(text, 4096), { inputName: 'stream-3' });
  t.deepEqual(small.summary.events, whole.summary.events);
  t.deepEqual(byRequestId(small.records), byRequestId(whole.records));
});

/*
 * classify: origins are not expired by one file's clock (that made correlation depend on which file was read
 * first, and so on worker timing); memory is bounded by maxOrigins instead and the TTL is checked per hit.
 */
test('classify: a cache hit correlates with an origin in a file read before it (r17 → r16)', async (t) => {
  const r17 = byLabel('r17');
  const { records } = await runAnalyze(t, [join(INCIDENT, 's3-export'), join(INCIDENT, 'filter-log-events.json')], { concurrency: 1 });
  // Got: cachedFrom null. With the files in the other order: r16's id.
  t.is(records.find((r) => r.requestId === r17.requestId)?.cachedFrom, r17.cachedFrom);
});

/*
 * classify: only refused cache hits wait for an origin that comes later in the input (SPEC asks `cachedFrom` of
 * AUTHORIZER_CACHED_POLICY_DENY). An allowed hit is classified at once, marked cached, without `cachedFrom`:
 * holding every allowed hit (most requests of a busy API) would delay output and cost memory for no verdict.
 */
test('classify: an allowed cache hit is classified at once as ALLOWED from the cache (r26)', async (t) => {
  const r26 = byLabel('r26');
  const { records } = await runAnalyze(t, UNSORTED, { concurrency: 1 });
  const record = records.find((r) => r.requestId === r26.requestId);
  t.is(record?.cause, 'ALLOWED');
  t.is(record?.authorizer?.cached, true);
  t.is(record?.authorizer?.invoked, false);
  t.is(record?.cachedFrom, null);
});
