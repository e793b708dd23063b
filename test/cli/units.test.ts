import test from 'ava';
import { createRecordFilter, matchPrincipal, type RecordFilterOptions } from '../../src/cli/filter-records.js';
import { decideColor } from '../../src/cli/main.js';
import { parseTimeBound } from '../../src/cli/parse-time.js';
import { createDiagnosticPrinter, formatDiagnostic } from '../../src/cli/print-diagnostics.js';
import { createOutput } from '../../src/cli/write-output.js';
import { RECORDS, SUMMARY } from '../fixtures/report/records.js';
import { ClosingPipe, Sink } from './fake-io.js';

const NONE: RecordFilterOptions = { causes: [], since: null, until: null, apis: [], stages: [], principals: [] };
const ids = (options: Partial<RecordFilterOptions>): string[] => {
  const filter = createRecordFilter({ ...NONE, ...options });
  return RECORDS.filter(filter).map((r) => r.requestId);
};

test('filter: nothing set keeps everything and is inactive', (t) => {
  t.false(createRecordFilter(NONE).active);
  t.is(ids({}).length, RECORDS.length);
});

test('filter: by cause', (t) => {
  t.deepEqual(ids({ causes: ['AUTHORIZER_CACHED_POLICY_DENY'] }), ['req-cached-1', 'req-cached-2']);
});

test('filter: by time; traces without a time are left out', (t) => {
  // Fixture times: explicit 00:29:03, allowed-1 00:30, cached-1 00:31:10, cached-2 01:15, allowed-2 01:20, missing 01:25, hostile 01:29:59.
  t.deepEqual(ids({ since: Date.parse('2024-02-24T01:00:00Z'), until: Date.parse('2024-02-24T01:21:00Z') }), ['req-cached-2', 'req-allowed-2']);
  t.false(ids({ since: 0 }).includes('req-incomplete-1'));
});

test('filter: by api and stage', (t) => {
  t.deepEqual(ids({ apis: ['zzz999'] }), ['req-allowed-2']);
  t.deepEqual(ids({ stages: ['dev'] }), ['req-allowed-2']);
  t.is(ids({ apis: ['abc123'], stages: ['prod'] }).length, RECORDS.length - 1);
});

test('filter: by principal, masked or not', (t) => {
  t.deepEqual(ids({ principals: ['admin1'] }), ['req-allowed-2']);
  t.true(matchPrincipal('****user42', 'alice-user42'));
  t.true(matchPrincipal('****user42', '****user42'));
  t.false(matchPrincipal('****user42', 'user43'));
  t.false(matchPrincipal('user42', ''));
  t.false(matchPrincipal('plain', 'xplain2'));
});

test('parseTimeBound: forms and rejections', (t) => {
  const now = Date.parse('2024-02-24T12:00:00Z');
  t.is(parseTimeBound('30m', now), now - 30 * 60_000);
  t.is(parseTimeBound('7d', now), now - 7 * 86_400_000);
  t.is(parseTimeBound('45s', now), now - 45_000);
  t.is(parseTimeBound('2024-02-24 00:29:03.163', now), Date.parse('2024-02-24T00:29:03.163Z'));
  t.is(parseTimeBound('2h ago', now), null);
  t.is(parseTimeBound('-2h', now), null);
  t.is(parseTimeBound('2024-13-45', now), null);
  t.is(parseTimeBound(`2024-02-24${'0'.repeat(100)}`, now), null);
});

test('colour: --no-color, --color, NO_COLOR, terminal', (t) => {
  const tty = { isTTY: true } as Sink;
  const pipe = { isTTY: false } as Sink;
  t.true(decideColor(undefined, { env: {}, stdout: tty }));
  t.false(decideColor(undefined, { env: {}, stdout: pipe }), 'not a terminal');
  t.false(decideColor(undefined, { env: { NO_COLOR: '1' }, stdout: tty }), 'NO_COLOR');
  t.true(decideColor(undefined, { env: { NO_COLOR: '' }, stdout: tty }), 'an empty NO_COLOR does not count');
  t.false(decideColor(false, { env: {}, stdout: tty }), '--no-color');
  t.true(decideColor(true, { env: { NO_COLOR: '1' }, stdout: pipe }), '--color wins');
});

test('output: batches writes and stops quietly on EPIPE', async (t) => {
  const pipe = new ClosingPipe(100);
  const out = createOutput(pipe);
  let broken = 0;
  out.onBroken(() => broken++);
  for (let i = 0; i < 5000 && !out.broken; i++) await out.write(`${'x'.repeat(99)}\n`);
  await out.flush();
  t.true(out.broken);
  t.is(broken, 1);
  t.true(pipe.text.length >= 100);
});

test('output: everything arrives, in order', async (t) => {
  const sink = new Sink();
  const out = createOutput(sink);
  const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}\n`);
  for (const line of lines) await out.write(line);
  await out.flush();
  t.is(sink.text, lines.join(''));
  t.false(out.broken);
});

test('diagnostics: one line each naming file and position, control characters escaped', (t) => {
  t.is(formatDiagnostic({ code: 'MALFORMED_RECORD', severity: 'warning', message: 'bad JSON', source: { file: 'a.json', line: 3 } }), 'a.json:3: warning: bad JSON (MALFORMED_RECORD)');
  t.is(formatDiagnostic({ code: 'GZIP_CORRUPT', severity: 'error', message: 'cut \u001b[2J', source: { file: 'b.gz', offset: 77 } }), 'b.gz@77: error: cut \\x1B[2J (GZIP_CORRUPT)');
});

test('diagnostics: errors are capped live and the rest grouped; --verbose prints all', (t) => {
  const lines: string[] = [];
  const printer = createDiagnosticPrinter((l) => lines.push(l), { verbose: false });
  for (let i = 1; i <= 10; i++) printer.handle({ code: 'UNREADABLE_FILE', severity: 'error', message: 'cannot open', source: { file: `f${i}` } });
  printer.handle({ code: 'FOREIGN_LINE', severity: 'info', message: 'lambda line', source: { file: 'g', line: 1 } });
  t.deepEqual(lines, ['f1: error: cannot open (UNREADABLE_FILE)', 'f2: error: cannot open (UNREADABLE_FILE)', 'f3: error: cannot open (UNREADABLE_FILE)']);
  t.true(printer.sawError);
  const summary = {
    ...SUMMARY,
    diagnostics: {
      byCode: { UNREADABLE_FILE: 10, FOREIGN_LINE: 1 },
      samples: [
        { code: 'UNREADABLE_FILE' as const, severity: 'error' as const, message: 'cannot open', source: { file: 'f1' } },
        { code: 'FOREIGN_LINE' as const, severity: 'info' as const, message: 'lambda line', source: { file: 'g', line: 1 } },
      ],
    },
  };
  printer.finish(summary, { grouped: true });
  t.deepEqual(lines.slice(3), [
    'trace403: 7 more UNREADABLE_FILE errors not shown (--verbose shows all)',
    'trace403: 1 FOREIGN_LINE notes, the first: g:1: info: lambda line (FOREIGN_LINE) (--verbose shows all)',
  ]);
  const all: string[] = [];
  const verbose = createDiagnosticPrinter((l) => all.push(l), { verbose: true });
  for (let i = 1; i <= 10; i++) verbose.handle({ code: 'FOREIGN_LINE', severity: 'info', message: 'x', source: { file: 'f', line: i } });
  t.is(all.length, 10);
});
