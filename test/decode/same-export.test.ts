/**
 * The same export rendered into every container decodes to the same messages and times (at the precision the
 * container keeps), whatever the chunking.
 */
import test from 'ava';
import { gzipSync } from 'node:zlib';
import type { InputFormat, LogEvent } from '../../src/types.js';
import { assertSameForEveryChunking, decodeAsync } from './decode-helpers.js';
import * as sample from './sample-export.js';

interface Case {
  name: string;
  render: () => string;
  format: InputFormat;
  /** Time precision the container keeps: 'ms', 's' (whole seconds), or 'none' (bare messages). */
  precision: 'ms' | 's' | 'none';
  /** Which sample events the rendering holds. */
  subset?: (e: sample.SampleEvent) => boolean;
  /** The container carries the log stream of each event. */
  streams?: boolean;
  /** Records skipped on purpose (headers, control messages). */
  skipped?: number;
}

const onlyA = (e: sample.SampleEvent): boolean => sample.requestOf(e) === sample.REQUESTS.A;

const CASES: Case[] = [
  { name: 'filter-log-events', render: () => sample.renderFilterLogEvents(), format: 'filter-log-events', precision: 'ms', streams: true },
  { name: 'get-log-events', render: () => sample.renderGetLogEvents(), format: 'get-log-events', precision: 'ms' },
  { name: 'ndjson', render: () => sample.renderNdjson(), format: 'ndjson', precision: 'ms', streams: true },
  { name: 's3-export', render: () => sample.renderS3Export(), format: 's3-export', precision: 'ms' },
  { name: 'subscription', render: () => sample.renderSubscription(), format: 'subscription', precision: 'ms', streams: true, skipped: 1 },
  { name: 'subscription, one payload per line', render: () => sample.renderSubscription(sample.SAMPLE, '\n'), format: 'subscription', precision: 'ms', streams: true, skipped: 1 },
  { name: 'subscription, Lambda awslogs form', render: () => sample.renderAwslogs(), format: 'subscription', precision: 'ms', streams: true, subset: (e) => e.logStream === sample.SAMPLE[0]!.logStream },
  { name: 'tail detailed (ANSI)', render: () => sample.renderTailDetailed(), format: 'tail', precision: 'ms', streams: true },
  { name: 'tail short', render: () => sample.renderTailShort(), format: 'tail', precision: 's' },
  { name: 'console test output', render: () => sample.renderConsole(sample.REQUESTS.A), format: 'console', precision: 's', subset: onlyA, skipped: 1 },
  { name: 'test-invoke JSON', render: () => sample.renderTestInvoke(sample.REQUESTS.A), format: 'test-invoke', precision: 's', subset: onlyA, skipped: 1 },
  { name: 'copy-paste table (local offset)', render: () => sample.renderCopyPasteTable(), format: 'copy-paste', precision: 'ms' },
  { name: 'copy-paste time then message', render: () => sample.renderCopyPasteTwoLines(), format: 'copy-paste', precision: 'ms' },
  { name: 'copy-paste bare messages', render: () => sample.renderBare(), format: 'copy-paste', precision: 'none' },
  { name: 'insights get-query-results', render: () => sample.renderInsightsResults(), format: 'insights-json', precision: 'ms', streams: true },
  { name: 'insights console JSON array', render: () => sample.renderInsightsJsonArray(), format: 'insights-json', precision: 'ms' },
  { name: 'insights CSV', render: () => sample.renderInsightsCsv(), format: 'insights-csv', precision: 'ms', streams: true, skipped: 1 },
  { name: 'insights markdown', render: () => sample.renderInsightsMarkdown(), format: 'insights-markdown', precision: 'ms', skipped: 2 },
];

function roundTime(ms: number | null, precision: Case['precision']): number | null {
  if (precision === 'none' || ms === null) return null;
  return precision === 's' ? Math.floor(ms / 1000) * 1000 : ms;
}

function key(e: { timestamp: number | null; message: string; logStream?: string | undefined }, c: Case): string {
  return JSON.stringify([roundTime(e.timestamp, c.precision), e.message, c.streams ? e.logStream : null]);
}

function expectedFor(c: Case): string[] {
  return sample.SAMPLE.filter(c.subset ?? (() => true))
    .map((e) => key(e, c))
    .sort();
}

function actual(events: LogEvent[], c: Case): string[] {
  return events.map((e) => key(e, c)).sort();
}

for (const c of CASES) {
  test(`${c.name}: same events as the sample, for every chunking`, (t) => {
    const decoded = assertSameForEveryChunking(t, c.render());
    t.is(decoded.format, c.format);
    t.deepEqual(actual(decoded.events, c), expectedFor(c));
    t.deepEqual(decoded.diagnostics, []);
    t.is(decoded.stats.malformed, 0);
    t.is(decoded.stats.skipped, c.skipped ?? 0);
    t.is(decoded.stats.events, decoded.events.length);
    for (const event of decoded.events) t.true(event.source.line !== undefined || event.source.offset !== undefined);
  });
}

test('gzip of each container decodes like the plain text (async edge)', async (t) => {
  for (const c of CASES) {
    const text = c.render();
    const gz = await decodeAsync(gzipSync(text), {}, 977);
    const plain = await decodeAsync(Buffer.from(text), {}, 977);
    t.deepEqual(gz.events, plain.events, c.name);
    t.deepEqual(actual(gz.events, c), expectedFor(c), c.name);
  }
});

test('the sample really has what the containers must survive', (t) => {
  const messages = sample.SAMPLE.map((e) => e.message);
  t.is(sample.SAMPLE.length, 40);
  t.true(messages.some((m) => m.includes('\n')), 'a multi-line message');
  t.true(messages.some((m) => m.endsWith(' [TRUNCATED]')), 'a truncated message');
  t.true(messages.some((m) => m.includes('|') && m.includes('"') && m.includes(',')), 'characters to escape');
  t.true(messages.some((m) => /[^\x00-\x7f]/.test(m)), 'non-ASCII text');
  t.is(new Set(sample.SAMPLE.map(sample.requestOf).filter((r) => r !== null)).size, 3);
});

test('events carry their source position: lines for text, byte offsets for JSON documents', (t) => {
  const s3 = assertSameForEveryChunking(t, sample.renderS3Export());
  t.deepEqual(s3.events.slice(0, 3).map((e) => e.source), [
    { file: 'input', line: 1 },
    { file: 'input', line: 2 },
    { file: 'input', line: 3 },
  ]);
  const text = sample.renderFilterLogEvents();
  const doc = assertSameForEveryChunking(t, text);
  const bytes = Buffer.from(text);
  for (const event of doc.events) {
    const offset = event.source.offset as number;
    t.is(bytes[offset], 0x7b, 'offset points at the event object');
    t.true(bytes.subarray(offset, offset + 200).toString().includes('"logStreamName"'));
  }
});
