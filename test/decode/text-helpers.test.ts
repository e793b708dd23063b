/** The small text parsers: timestamps, ANSI codes, request-id prefixes, markdown rows. Expected values by hand. */
import test from 'ava';
import { hasRequestIdPrefix } from '../../src/decode/recognize-event-start.js';
import {
  daysFromCivil,
  parseConsoleTimestamp,
  parseIsoTimestamp,
  parseTimeField,
} from '../../src/decode/parse-timestamp.js';
import { splitMarkdownRow } from '../../src/decode/read-markdown-table.js';
import { stripAnsi } from '../../src/decode/strip-ansi.js';

const ISO: { input: string; expected: string | null; end?: number }[] = [
  { input: '2024-02-24T00:29:03.163Z rest', expected: '2024-02-24T00:29:03.163Z', end: 24 },
  { input: '2024-02-24T00:29:03.163000+00:00 s', expected: '2024-02-24T00:29:03.163Z', end: 32 },
  { input: '2023-10-27T14:40:57.744+01:00 | m', expected: '2023-10-27T13:40:57.744Z', end: 29 },
  { input: '2023-10-27T14:40:57.744-0530', expected: '2023-10-27T20:10:57.744Z', end: 28 },
  { input: '2024-02-24T00:29:03 short', expected: '2024-02-24T00:29:03.000Z', end: 19 },
  { input: '2024-05-19 06:10:35.743', expected: '2024-05-19T06:10:35.743Z', end: 23 },
  { input: '2024-02-29T23:59:59.999Z', expected: '2024-02-29T23:59:59.999Z', end: 24 },
  { input: '1999-12-31T23:59:60Z', expected: '2000-01-01T00:00:00.000Z', end: 20 },
  { input: '2024-13-01T00:00:00Z', expected: null },
  { input: '2024-02-24T24:00:00Z', expected: null },
  { input: '2024-02-24T00:29:03.Z', expected: null },
  { input: '2024-02-24', expected: null },
  { input: '(id) 2024-02-24T00:29:03Z', expected: null },
  { input: '', expected: null },
];

for (const c of ISO) {
  test(`parseIsoTimestamp ${JSON.stringify(c.input)}`, (t) => {
    const out = { end: 0, zoned: false, fractionDigits: 0 };
    const ms = parseIsoTimestamp(c.input, 0, out);
    if (c.expected === null) t.true(Number.isNaN(ms));
    else {
      t.is(ms, Date.parse(c.expected));
      t.is(out.end, c.end as number);
    }
  });
}

test('parseConsoleTimestamp reads Java Date.toString in UTC', (t) => {
  t.is(parseConsoleTimestamp('Thu Aug 31 01:07:25 UTC 2017 : x', 0), Date.parse('2017-08-31T01:07:25Z'));
  t.is(parseConsoleTimestamp('Sun Jan  7 23:00:00 UTC 2024 : x', 0), Date.parse('2024-01-07T23:00:00Z'));
  t.true(Number.isNaN(parseConsoleTimestamp('Thu Foo 31 01:07:25 UTC 2017', 0)));
  t.true(Number.isNaN(parseConsoleTimestamp('Thu Aug 31 01:07 UTC 2017', 0)));
});

test('parseTimeField: epoch digits or an ISO text, nothing else', (t) => {
  t.is(parseTimeField('1708734543163'), 1708734543163);
  t.is(parseTimeField(' 2024-05-19 06:10:35.743 '), Date.parse('2024-05-19T06:10:35.743Z'));
  t.is(parseTimeField('yesterday'), null);
  t.is(parseTimeField('2024-05-19 06:10:35.743 extra'), null);
  t.is(parseTimeField(''), null);
});

test('daysFromCivil agrees with Date.UTC across eras', (t) => {
  for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2024, 12, 31], [1900, 3, 1], [2100, 2, 28]] as const) {
    t.is(daysFromCivil(y, m, d) * 86_400_000, Date.UTC(y, m - 1, d));
  }
});

const ANSI: [string, string][] = [
  ['\u001b[32mgreen\u001b[0m', 'green'],
  ['\u001b[1;36mbold cyan\u001b[m', 'bold cyan'],
  ['no codes', 'no codes'],
  ['lone \u001b escape', 'lone \u001b escape'],
  ['\u001b[2Kcleared', 'cleared'],
  [`\u001b[${'9'.repeat(40)}m kept: too long to be a colour`, `\u001b[${'9'.repeat(40)}m kept: too long to be a colour`],
];

for (const [input, expected] of ANSI) {
  test(`stripAnsi ${JSON.stringify(input).slice(0, 40)}`, (t) => {
    t.is(stripAnsi(input), expected);
  });
}

test('stripAnsi is linear on a hostile line (many escapes, no final byte)', (t) => {
  const hostile = '\u001b['.repeat(200_000);
  t.is(stripAnsi(hostile).length, hostile.length);
});

test('hasRequestIdPrefix matches ^\\(([^)\\s]{1,200})\\) ', (t) => {
  t.true(hasRequestIdPrefix('(a1b2c3d4-0000-4000-8000-00000000000a) Extended'));
  t.true(hasRequestIdPrefix('(PDS1PEC4oAMFpyA=) x'));
  t.false(hasRequestIdPrefix('() x'));
  t.false(hasRequestIdPrefix('(a b) x'));
  t.false(hasRequestIdPrefix('(abc)x'));
  t.false(hasRequestIdPrefix('abc) x'));
  t.false(hasRequestIdPrefix(`(${'a'.repeat(300)}) x`));
  t.true(hasRequestIdPrefix('(a(b) x'));
  t.false(hasRequestIdPrefix('(a\u00a0b) x'));
});

test('splitMarkdownRow: trims cells, keeps escaped pipes', (t) => {
  t.deepEqual(splitMarkdownRow('| a | b \\| c |'), ['a', 'b | c']);
  t.deepEqual(splitMarkdownRow('a|b'), ['a', 'b']);
  t.deepEqual(splitMarkdownRow('| only |'), ['only']);
});
