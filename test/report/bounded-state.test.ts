import test from 'ava';
import { createHtmlTraceStore, createReportCollector } from '../../src/report/index.js';
import { renderSparkline } from '../../src/report/sparkline.js';
import { createTimeHistogram } from '../../src/report/time-histogram.js';
import { createTopCounter } from '../../src/report/top-counter.js';
import { CAUSES } from '../../src/types.js';
import { makeRecord } from '../fixtures/report/records.js';

test('time histogram: unsorted times over a year keep every count in a fixed number of buckets', (t) => {
  const h = createTimeHistogram(16);
  const base = Date.parse('2024-01-01T00:00:00Z');
  // Out of order on purpose: S3 exports are not sorted.
  const times = [base + 5_000, base, base - 3_600_000, base + 365 * 86_400_000, base + 1];
  for (const time of times) h.add(time, 'AUTHORIZER_CACHED_POLICY_DENY');
  h.add(base, 'ALLOWED');
  const snap = h.snapshot();
  t.truthy(snap);
  const row = snap?.counts.AUTHORIZER_CACHED_POLICY_DENY ?? [];
  t.is(row.length, 16);
  t.is(row.reduce((a, b) => a + b, 0), times.length);
  t.is((snap?.counts.ALLOWED ?? []).reduce((a, b) => a + b, 0), 1);
  // The covered range contains every time.
  const start = snap?.start ?? 0;
  const width = snap?.width ?? 0;
  for (const time of times) t.true(time >= start && time < start + 16 * width);
  // The earliest and latest times fall in the first and last used buckets.
  t.is(Math.floor((base - 3_600_000 - start) / width), snap?.first ?? -1);
  t.is(Math.floor((base + 365 * 86_400_000 - start) / width), snap?.last ?? -1);
});

test('time histogram: a short burst keeps second resolution', (t) => {
  const h = createTimeHistogram(64);
  for (let i = 0; i < 10; i++) h.add(Date.UTC(2024, 0, 1, 0, 0, i), 'ALLOWED');
  t.is(h.snapshot()?.width, 1000);
});

test('top counter: exact under capacity, bounded and flagged approximate beyond', (t) => {
  const exact = createTopCounter(10);
  for (const k of ['a', 'b', 'a', 'c', 'a', 'b']) exact.add(k);
  t.deepEqual(exact.top(2), [{ key: 'a', count: 3 }, { key: 'b', count: 2 }]);
  t.false(exact.approximate);

  const pruned = createTopCounter(10);
  for (let i = 0; i < 100; i++) pruned.add('heavy');
  for (let i = 0; i < 5000; i++) pruned.add(`k${i}`);
  t.deepEqual(pruned.top(1), [{ key: 'heavy', count: 100 }]);
  t.true(pruned.approximate);
  t.is(pruned.maxError, 1);
  t.true(pruned.top(1000).length <= 20);
});

test('collector: examples and fix lines are bounded per cause', (t) => {
  const c = createReportCollector({ examplesPerCause: 2, fixesPerCause: 2 });
  for (let i = 0; i < 50; i++) {
    c.push(makeRecord({ requestId: `r${i}`, cause: 'AUTHORIZER_IMPLICIT_DENY', fix: ['same fix', `variant ${i % 5}`] }));
  }
  const s = c.state();
  t.is(s.shown, 50);
  t.is(s.byCause.AUTHORIZER_IMPLICIT_DENY, 50);
  t.deepEqual(s.examples.AUTHORIZER_IMPLICIT_DENY.map((e) => e.requestId), ['r0', 'r1']);
  t.deepEqual(s.fixes.AUTHORIZER_IMPLICIT_DENY.lines, ['same fix', 'variant 0']);
  // Records 1-4, 6-9, … (i % 5 !== 0) carried a variant beyond the cap: 40 of 50.
  t.is(s.fixes.AUTHORIZER_IMPLICIT_DENY.otherTraces, 40);
  t.is(CAUSES.reduce((sum, cause) => sum + s.byCause[cause], 0), 50);
});

test('collector: the examples of a cause are its earliest records, untimed last, whatever order they arrive in', (t) => {
  const records = [
    makeRecord({ requestId: 'late', cause: 'AUTHORIZER_CACHED_POLICY_DENY', startTime: '2026-03-14T09:30:00.000Z' }),
    makeRecord({ requestId: 'untimed', cause: 'AUTHORIZER_CACHED_POLICY_DENY', startTime: null }),
    makeRecord({ requestId: 'b-early', cause: 'AUTHORIZER_CACHED_POLICY_DENY', startTime: '2026-03-14T09:00:00.000Z' }),
    makeRecord({ requestId: 'a-early', cause: 'AUTHORIZER_CACHED_POLICY_DENY', startTime: '2026-03-14T09:00:00.000Z' }),
    makeRecord({ requestId: 'middle', cause: 'AUTHORIZER_CACHED_POLICY_DENY', startTime: '2026-03-14T09:10:00.000Z' }),
  ];
  const orders = [records, [...records].reverse(), [records[2]!, records[0]!, records[4]!, records[1]!, records[3]!]];
  for (const [k, order] of orders.entries()) {
    const c = createReportCollector({ examplesPerCause: 3 });
    for (const record of order) c.push(record);
    t.deepEqual(c.state().examples.AUTHORIZER_CACHED_POLICY_DENY.map((e) => e.requestId), ['a-early', 'b-early', 'middle'], `order ${k}`);
  }
  const few = createReportCollector({ examplesPerCause: 5 });
  for (const record of [...records].reverse()) few.push(record);
  t.deepEqual(few.state().examples.AUTHORIZER_CACHED_POLICY_DENY.map((e) => e.requestId), ['a-early', 'b-early', 'middle', 'late', 'untimed']);
});

test('html store keeps refusals first and at most 2 × cap records', (t) => {
  const store = createHtmlTraceStore(3);
  for (let i = 0; i < 10; i++) store.push(makeRecord({ requestId: `a${i}`, cause: 'ALLOWED' }));
  store.push(makeRecord({ requestId: 'd0', cause: 'AUTHORIZER_EXPLICIT_DENY' }));
  t.deepEqual(store.kept().map((r) => r.requestId), ['d0', 'a0', 'a1']);
  t.is(store.total, 11);
});

test('sparkline: empty columns blank, the maximum full, small counts visible', (t) => {
  t.is(renderSparkline([0, 1, 4, 8]), ' ▁▄█');
  t.is(renderSparkline([3]), '█');
  t.is(renderSparkline([0, 0]), '  ');
});
