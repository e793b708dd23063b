import test from 'ava';
import { renderReport } from '../../src/report/index.js';
import type { Summary } from '../../src/types.js';
import { RECORDS, SUMMARY } from '../fixtures/report/records.js';
import { countOccurrences, elementsWith } from './helpers.js';

const html = renderReport('html', RECORDS, SUMMARY);

test('html: self-contained, no network: a CSP forbids everything not inline, no external reference', (t) => {
  t.true(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`));
  t.notRegex(html, /<(link|img|iframe|object|embed|base|form)\b/i);
  t.notRegex(html, /\b(src|href|action)="/i);
  t.notRegex(html, /url\(/i);
});

test('html: log text cannot inject markup: only the report`s two scripts exist', (t) => {
  t.is(countOccurrences(html, '<script'), 2);
  t.is(countOccurrences(html, '</script>'), 2);
  t.true(html.includes('req-&lt;script&gt;alert(1)&lt;/script&gt;'));
  t.true(html.includes('&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
  t.true(html.includes('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'));
  t.true(html.includes('Check the API key &lt;/textarea&gt;'));
  t.false(html.includes('<textarea'));
});

test('html: the counts carry the summary in stable data attributes', (t) => {
  const rows = elementsWith(html, 'tr', 'data-cause').filter((r) => !('class' in r));
  const counts = Object.fromEntries(rows.map((r) => [r['data-cause'], Number(r['data-count'])]));
  const expected = Object.fromEntries(Object.entries(SUMMARY.traces.byCause).filter(([, n]) => n > 0));
  t.deepEqual(counts, expected);
  const [overview] = elementsWith(html, 'p', 'data-traces');
  t.is(overview?.['data-traces'], '8');
  t.is(overview?.['data-events'], '40');
});

test('html: the timeline charts every timed refusal, by cause', (t) => {
  const series = elementsWith(html, 'g', 'data-cause');
  const totals = Object.fromEntries(series.map((g) => [g['data-cause'], Number(g['data-total'])]));
  // ALLOWED is not a refusal; the INCOMPLETE record has no time.
  t.deepEqual(totals, { AUTHORIZER_EXPLICIT_DENY: 1, AUTHORIZER_CACHED_POLICY_DENY: 2, IDENTITY_SOURCE_MISSING: 1, OTHER_ACCESS_DENIAL: 1 });
  const rects = elementsWith(html, 'rect', 'data-count');
  t.is(rects.reduce((sum, r) => sum + Number(r['data-count']), 0), 5);
  t.true(html.includes('1 trace has no time and is not charted.'));
});

test('html: the trace table lists every trace with expandable evidence, redacted', (t) => {
  const rows = elementsWith(html, 'tr', 'class').filter((r) => r.class === 'trace');
  t.is(rows.length, RECORDS.length);
  t.is(countOccurrences(html, '<details>'), RECORDS.length);
  t.true(html.includes('{&quot;tenant&quot;:&quot;[REDACTED]&quot;}'));
  t.true(html.includes('/pets/\\x1B[2J\\x1B]0;pwned\\x07|`x`[a](http://e.example)\\x9B31m'));
});

test('html: the summary is embedded as script-safe JSON', (t) => {
  const match = /<script type="application\/json" id="summary-data">([^<]*)<\/script>/.exec(html);
  t.truthy(match);
  t.deepEqual(JSON.parse(match?.[1] ?? 'null') as Summary, SUMMARY);
});

test('html: the table keeps at most the cap, refusals first, and says so', (t) => {
  const capped = renderReport('html', RECORDS, SUMMARY, { htmlCap: 3 });
  const rows = elementsWith(capped, 'tr', 'class').filter((r) => r.class === 'trace');
  t.deepEqual(rows.map((r) => r['data-cause']), ['AUTHORIZER_EXPLICIT_DENY', 'AUTHORIZER_CACHED_POLICY_DENY', 'AUTHORIZER_CACHED_POLICY_DENY']);
  t.true(capped.includes('The table lists 3 of 8 traces (at most 3, refusals first); counts and timeline cover all of them.'));
  // Counts still cover every record.
  t.regex(capped, /<tr data-cause="ALLOWED" data-count="2">/);
});

test('html: the accounting section adds up in data attributes', (t) => {
  const [acc] = elementsWith(html, 'section', 'data-read');
  t.deepEqual(
    [acc?.['data-read'], acc?.['data-in-traces'], acc?.['data-orphans'], acc?.['data-malformed'], acc?.['data-duplicates'], acc?.['data-foreign'], acc?.['data-difference']],
    ['40', '30', '4', '3', '2', '1', '0'],
  );
});
