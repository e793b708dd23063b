import test from 'ava';
import { createReportWriter, formatNdjson, renderReport, REPORT_FORMATS, type ReportFormat } from '../../src/report/index.js';
import type { TraceRecord } from '../../src/types.js';
import { CONTEXT_SECRET, JWT, makeRecord, RECORDS, SUMMARY } from '../fixtures/report/records.js';
import { countOccurrences, RAW_CONTROL } from './helpers.js';

const SECRETS = [CONTEXT_SECRET, JWT, 'raw-identity-token-77'];

for (const format of REPORT_FORMATS) {
  test(`${format}: no secret survives by default`, (t) => {
    const out = renderReport(format, RECORDS, SUMMARY);
    for (const secret of SECRETS) t.false(out.includes(secret), `${format} leaks ${secret}`);
    t.true(out.length > 0);
  });

  test(`${format}: no raw terminal control character from log text`, (t) => {
    const out = renderReport(format, RECORDS, SUMMARY);
    t.false(RAW_CONTROL.test(out.replace(/\t/g, '')), `${format} prints a raw control character`);
    t.false(out.includes('\u202e'));
  });
}

for (const format of ['ndjson', 'json', 'html'] as const) {
  test(`${format}: --no-redact (redact: false) shows the secrets`, (t) => {
    const out = renderReport(format, RECORDS, SUMMARY, { redact: false });
    t.true(out.includes(CONTEXT_SECRET));
    t.true(out.includes(JWT));
  });
}

test('ndjson: one line per record, each the redacted record', (t) => {
  const out = RECORDS.map((r) => formatNdjson(r)).join('');
  const lines = out.split('\n');
  t.is(lines.pop(), '');
  t.is(lines.length, RECORDS.length);
  const parsed = lines.map((l) => JSON.parse(l) as TraceRecord);
  t.deepEqual(parsed.map((r) => r.requestId), RECORDS.map((r) => r.requestId));
  const explicit = parsed[0];
  t.is(
    explicit?.evidence[0]?.text,
    'Authorizer result body before parsing: {"principalId":"user42","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/DELETE/*"}]},"context":{"tenant":"[REDACTED]"}}',
  );
  const hostile = parsed[7];
  t.is(hostile?.evidence[0]?.text, 'Method request headers: {Authorization=[REDACTED], Host=x}');
  t.is(hostile?.authorizer?.identity, '************n-77');
  // Log text is unchanged apart from redaction: the escapes are JSON's, so parsing gives the original back.
  t.is(hostile?.resourcePath, RECORDS[7]?.resourcePath ?? '');
});

test('ndjson: C1, line separators and bidi controls are \\u escapes on the wire', (t) => {
  const line = formatNdjson(makeRecord({ requestId: 'a\u009b31m\u2028\u202e', cause: 'ALLOWED' }));
  t.true(line.includes('"a\\u009b31m\\u2028\\u202e"'));
  t.is((JSON.parse(line) as TraceRecord).requestId, 'a\u009b31m\u2028\u202e');
});

test('ndjson: DEL alone is escaped; safe non-ASCII text is written as it is', (t) => {
  // DEL is the one unsafe character inside ASCII: the pure-ASCII shortcut must still catch it.
  const del = formatNdjson(makeRecord({ requestId: 'a\u007fb', cause: 'ALLOWED' }));
  t.true(del.includes('"a\\u007fb"'));
  t.is((JSON.parse(del) as TraceRecord).requestId, 'a\u007fb');
  const accented = formatNdjson(makeRecord({ requestId: 'café-ü-😀', cause: 'ALLOWED' }));
  t.true(accented.includes('"café-ü-😀"'));
});

test('json: the document is exactly { summary, traces }', (t) => {
  const doc = JSON.parse(renderReport('json', RECORDS, SUMMARY)) as Record<string, unknown>;
  t.deepEqual(Object.keys(doc).sort(), ['summary', 'traces']);
  t.deepEqual(doc.summary, SUMMARY);
  t.is((doc.traces as TraceRecord[]).length, RECORDS.length);
  t.deepEqual(JSON.parse(renderReport('json', [], SUMMARY)), { traces: [], summary: SUMMARY });
});

test('json streams: each record is written when pushed', (t) => {
  const writer = createReportWriter('json');
  const first = writer.push(RECORDS[0] as TraceRecord);
  t.true(first.startsWith('{"traces":[\n{"'));
  t.true(first.includes('"requestId":"req-explicit-1"'));
  const second = writer.push(RECORDS[1] as TraceRecord);
  t.true(second.startsWith(',\n{"'));
  t.true(second.includes('"requestId":"req-allowed-1"'));
});

test('text: counts by cause with share, hand-checked', (t) => {
  const out = renderReport('text', RECORDS, SUMMARY);
  // 8 records: 2 cached (25.0%), 1 explicit (12.5%), 2 allowed (25.0%).
  t.regex(out, /^ {2}AUTHORIZER_CACHED_POLICY_DENY +2 +25\.0% /m);
  t.regex(out, /^ {2}AUTHORIZER_EXPLICIT_DENY +1 +12\.5% /m);
  t.regex(out, /^ {2}ALLOWED +2 +25\.0% /m);
  t.notRegex(out, /^ {2}AUTHORIZER_IMPLICIT_DENY/m, 'causes with no trace are not listed');
  t.true(out.includes('1 trace has no time and is not in the spread'));
});

test('text: top callers and method ARNs count refusals only', (t) => {
  const out = renderReport('text', RECORDS, SUMMARY);
  // ****user42: explicit + 2 cached = 3 refusals (its 1 ALLOWED not counted); (none): missing + incomplete.
  t.regex(out, /^ +3 {2}\*{4}user42$/m);
  t.regex(out, /^ +2 {2}\(none\)$/m);
  t.notRegex(out, /\*{4}admin1/, 'admin1 was only allowed');
  t.regex(out, /^ +2 {2}arn:aws:execute-api:us-east-1:123456789012:abc123\/prod\/POST\/pets$/m);
});

test('text: each cause fix is stated once, with example request ids', (t) => {
  const out = renderReport('text', RECORDS, SUMMARY);
  t.is(countOccurrences(out, 'aws apigateway flush-stage-authorizers-cache --rest-api-id abc123 --stage-name prod'), 1);
  t.true(out.includes('req-cached-1'));
  t.true(out.includes('req-cached-2'));
  t.true(out.includes('(policy cached from req-allowed-1)'));
});

test('text: diagnostics grouped by code with counts and first positions', (t) => {
  const out = renderReport('text', RECORDS, SUMMARY);
  t.regex(out, /^ {2}MALFORMED_RECORD +3 {2}bad JSON \(at logs\/a\.json:10, logs\/a\.json:11, logs\/b\.json@512\)$/m);
  t.regex(out, /^ {2}FOREIGN_LINE +1 {2}a Lambda runtime line \\x1B\[31m<x> \(at logs\/b\.json:30\)$/m);
});

test('text: the accounting adds up, and says when it does not', (t) => {
  const out = renderReport('text', RECORDS, SUMMARY);
  t.true(out.includes('events read 40 = in traces 30 + orphans 4 + malformed 3 + duplicates 2 + foreign 1 (adds up)'));
  t.true(out.includes('traces 8, closed early 0'));
  const broken = { ...SUMMARY, events: { ...SUMMARY.events, read: 43 } };
  t.true(renderReport('text', RECORDS, broken).includes('does not add up: 3 events unaccounted'));
});

test('text: filters and interruption are said', (t) => {
  const shown = RECORDS.filter((r) => r.cause !== 'ALLOWED');
  const out = renderReport('text', shown, SUMMARY, { filtered: true, interrupted: true });
  t.true(out.includes('filters hid 2 of 8 traces: the sections above count the 6 shown'));
  t.true(out.includes('Interrupted: this report covers what was read until then.'));
  t.false(renderReport('text', RECORDS, SUMMARY).includes('filters hid'));
});

test('text: colour only when asked, and log text cannot add its own', (t) => {
  const plain = renderReport('text', RECORDS, SUMMARY);
  t.false(plain.includes('\u001b'));
  const coloured = renderReport('text', RECORDS, SUMMARY, { color: true });
  t.true(coloured.includes('\u001b[31m'), 'causes are coloured');
  // Every ESC in the coloured report starts an SGR sequence of picocolors; none comes from the hostile record.
  t.false(coloured.includes('\u001b[2J'));
  t.false(coloured.includes('\u001b]0;'));
  t.notRegex(coloured, /\u001b(?!\[\d+m)/);
});

test('text: the hostile reason cannot forge a report line', (t) => {
  const out = renderReport('text', RECORDS, SUMMARY);
  t.notRegex(out, /^Accounting forged line/m);
  t.true(out.includes('Refused\\x0AAccounting forged line \\u202E'));
});

test('markdown: tables keep their shape whatever the log text holds', (t) => {
  const out = renderReport('markdown', RECORDS, SUMMARY);
  const exampleHeader = '| Request id | Time | Status | Method ARN | Reason | Source |';
  t.true(out.includes(exampleHeader));
  // Every row of every table has as many unescaped pipes as its header.
  for (const block of out.split('\n\n')) {
    const rows = block.split('\n').filter((l) => l.startsWith('|'));
    if (rows.length === 0) continue;
    const pipes = (row: string): number => row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
    for (const row of rows) t.is(pipes(row), pipes(rows[0] ?? ''), row);
  }
  t.false(out.includes('<script>'));
  t.false(out.includes('<img'));
  t.true(out.includes('req-&lt;script&gt;alert(1)&lt;/script&gt;'));
  t.true(out.includes('Refused<br>Accounting forged line'));
});

test('markdown: counts, fix once, accounting', (t) => {
  const out = renderReport('markdown', RECORDS, SUMMARY);
  t.true(out.includes('| `AUTHORIZER_CACHED_POLICY_DENY` | 2 | 25.0% |'));
  t.is(countOccurrences(out, 'aws apigateway flush-stage-authorizers-cache --rest-api-id abc123 --stage-name prod'), 1);
  t.true(out.includes('| 40 | 30 | 4 | 3 | 2 | 1 | yes |'));
  t.true(out.includes('| MALFORMED\\_RECORD | warning | 3 | bad JSON | logs/a.json:10, logs/a.json:11, logs/b.json@512 |'));
});

test('createReportWriter rejects an unknown format with a TypeError naming it', (t) => {
  t.throws(() => createReportWriter('pdf' as ReportFormat), { instanceOf: TypeError, message: /`format`/ });
});

test('ndjson and json: a redacting writer takes no ready-made line; with redact: false it writes the line as it is', (t) => {
  // A line cannot be redacted as a string: written by pushLine it would print whatever secret it holds.
  const line = JSON.stringify(RECORDS[0]);
  t.true(line.includes(CONTEXT_SECRET));
  for (const format of ['ndjson', 'json'] as const) {
    t.is(createReportWriter(format).pushLine, null, `${format}: redacting by default`);
    t.is(createReportWriter(format, { redact: true }).pushLine, null, format);
    const plain = createReportWriter(format, { redact: false }).pushLine;
    t.true(plain?.(line).includes(line), `${format}: redact: false`);
  }
});
