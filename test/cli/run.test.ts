/** `main` run in-process on real log input, through the whole pipeline. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { main } from '../../src/cli/main.js';
import type { Summary, TraceRecord } from '../../src/types.js';
import { ClosingPipe, fakeIo } from './fake-io.js';
import { makeAllowedRequests } from './make-logs.js';

const INCIDENT = fileURLToPath(new URL('../fixtures/report/incident.json', import.meta.url));
// Secrets the incident fixture holds: a JWT bearer token, a context value, an STS session token.
const SECRETS = ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln', 'acme-secret-ctx', 'IQoJb3JpZ2luX2VjEJrSECRET'];
const ndjson = (text: string): TraceRecord[] => text.trimEnd().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as TraceRecord);
const tmp = (t: { teardown(fn: () => void): void }): string => {
  const dir = mkdtempSync(join(tmpdir(), 'trace403-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('text report of a filter-log-events export: causes, fix, accounting; exit 0', async (t) => {
  const io = fakeIo();
  t.is(await main([INCIDENT, '-j', '1'], io), 0);
  const out = io.stdout.text;
  t.regex(out, /^trace403: 4 traces in 36 events from 1 input/);
  for (const cause of ['AUTHORIZER_EXPLICIT_DENY', 'AUTHORIZER_CACHED_POLICY_DENY', 'IDENTITY_SOURCE_MISSING', 'ALLOWED']) t.regex(out, new RegExp(`^ {2}${cause} +1 +25\\.0%`, 'm'));
  t.true(out.includes('aws apigateway flush-stage-authorizers-cache'));
  t.true(out.includes('events read 36 = in traces 36 + orphans 0 + malformed 0 + duplicates 0 + foreign 0 (adds up)'));
  t.false(out.includes('\u001b'), 'no colour: stdout is not a terminal');
  for (const secret of SECRETS) t.false(out.includes(secret));
  t.is(io.stderr.text, '');
});

test('colour on a terminal, off with NO_COLOR or --no-color', async (t) => {
  const tty = fakeIo({ stdoutTTY: true });
  await main([INCIDENT], tty);
  t.true(tty.stdout.text.includes('\u001b['));
  const noColor = fakeIo({ stdoutTTY: true, env: { NO_COLOR: '1' } });
  await main([INCIDENT], noColor);
  t.false(noColor.stdout.text.includes('\u001b'));
  const flag = fakeIo({ stdoutTTY: true });
  await main([INCIDENT, '--no-color'], flag);
  t.false(flag.stdout.text.includes('\u001b'));
});

test('ndjson: one redacted record per trace; --no-redact shows the secrets', async (t) => {
  const io = fakeIo();
  t.is(await main([INCIDENT, '--format', 'ndjson'], io), 0);
  const records = ndjson(io.stdout.text);
  t.deepEqual(records.map((r) => r.cause).sort(), ['ALLOWED', 'AUTHORIZER_CACHED_POLICY_DENY', 'AUTHORIZER_EXPLICIT_DENY', 'IDENTITY_SOURCE_MISSING']);
  for (const secret of SECRETS) t.false(io.stdout.text.includes(secret), secret);
  t.true(io.stdout.text.includes('[REDACTED]'));
  const raw = fakeIo();
  await main([INCIDENT, '--format', 'ndjson', '--no-redact'], raw);
  t.true(raw.stdout.text.includes('acme-secret-ctx'));
  t.true(raw.stdout.text.includes('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln'));
});

for (const format of ['markdown', 'html'] as const) {
  test(`${format}: runs and redacts`, async (t) => {
    const io = fakeIo();
    t.is(await main([INCIDENT, '--format', format], io), 0);
    t.true(io.stdout.text.includes('AUTHORIZER_EXPLICIT_DENY'));
    for (const secret of SECRETS) t.false(io.stdout.text.includes(secret));
  });
}

test('json: { summary, traces } whose summary adds up', async (t) => {
  const io = fakeIo();
  t.is(await main([INCIDENT, '--format', 'json'], io), 0);
  const doc = JSON.parse(io.stdout.text) as { summary: Summary; traces: TraceRecord[] };
  t.deepEqual(Object.keys(doc).sort(), ['summary', 'traces']);
  t.is(doc.traces.length, doc.summary.traces.total);
  const e = doc.summary.events;
  t.is(e.read, e.inTraces + e.orphans + e.malformed + e.duplicates + e.foreign);
});

test('filters choose the printed traces; the text footer says what they hid', async (t) => {
  const one = fakeIo();
  await main([INCIDENT, '--format', 'ndjson', '--cause', 'identity_source_missing'], one);
  t.deepEqual(ndjson(one.stdout.text).map((r) => r.requestId), ['33333333-3333-4333-8333-333333333333']);
  const denied = fakeIo();
  await main([INCIDENT, '--format', 'ndjson', '--denied'], denied);
  t.is(ndjson(denied.stdout.text).length, 3);
  const text = fakeIo();
  // The explicit deny names its API in its method ARN, the cache hit takes it from its origin; the 401 logs
  // none, and a trace whose API is unknown cannot match --api.
  await main([INCIDENT, '--denied', '--api', 'abc123'], text);
  t.true(text.stdout.text.includes('filters hid 2 of 4 traces: the sections above count the 2 shown'));
  const none = fakeIo();
  await main([INCIDENT, '--format', 'ndjson', '--api', 'other'], none);
  t.is(none.stdout.text, '');
  const time = fakeIo();
  // The fixture's requests start at 00:29:03, :04, :05, :06.
  await main([INCIDENT, '--format', 'ndjson', '--since', '2024-02-24T00:29:04.500Z', '--until', '2024-02-24T00:29:05.500Z'], time);
  t.deepEqual(ndjson(time.stdout.text).map((r) => r.cause), ['IDENTITY_SOURCE_MISSING']);
});

test('--fail-on exits 3 when a printed trace has the cause, 0 otherwise', async (t) => {
  const hit = fakeIo();
  t.is(await main([INCIDENT, '--fail-on', 'AUTHORIZER_EXPLICIT_DENY', '--format', 'ndjson'], hit), 3);
  t.is(hit.stderr.text, 'trace403: --fail-on matched: AUTHORIZER_EXPLICIT_DENY ×1\n');
  t.is(ndjson(hit.stdout.text).length, 4, 'the report is still printed');
  const miss = fakeIo();
  t.is(await main([INCIDENT, '--fail-on', 'RESOURCE_POLICY_EXPLICIT_DENY'], miss), 0);
  const filtered = fakeIo();
  t.is(await main([INCIDENT, '--fail-on', 'AUTHORIZER_EXPLICIT_DENY', '--cause', 'ALLOWED'], filtered), 0, 'filtered out: not printed, not failed');
});

test('standard input: - or nothing', async (t) => {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(INCIDENT, 'utf8');
  for (const argv of [['-'], []]) {
    const io = fakeIo({ stdin: text });
    t.is(await main([...argv, '--format', 'ndjson'], io), 0);
    t.is(ndjson(io.stdout.text).length, 4);
  }
});

test('a directory is read recursively', async (t) => {
  const dir = tmp(t);
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  copyFileSync(INCIDENT, join(dir, 'a', 'b', 'incident.json'));
  writeFileSync(join(dir, 'a', 'more.ndjson'), makeAllowedRequests(5, 100));
  const io = fakeIo();
  t.is(await main([dir, '--format', 'ndjson', '-j', '1'], io), 0);
  t.is(ndjson(io.stdout.text).length, 9);
});

test('no readable input: exit 1, one line naming the file', async (t) => {
  const io = fakeIo();
  const missing = join(tmpdir(), 'trace403-no-such-file.json');
  t.is(await main([missing], io), 1);
  t.is(io.stdout.text, '');
  const lines = io.stderr.text.trimEnd().split('\n');
  t.true(lines.every((l) => l.includes('trace403-no-such-file.json')), io.stderr.text);
  t.regex(lines.at(-1) ?? '', /^trace403: no readable input in /);
});

test('input that is not a log export: the diagnostic names it, exit 1', async (t) => {
  const io = fakeIo({ stdin: '{"a":1}' });
  t.is(await main(['--format', 'ndjson'], io), 1);
  t.regex(io.stderr.text, /NOT_A_LOG_EXPORT/);
  t.regex(io.stderr.text, /trace403: no log event could be read from the input\n$/);
});

test('EPIPE on stdout (| head): stops reading, exit 0, nothing on stderr', async (t) => {
  const io = { ...fakeIo({ stdin: makeAllowedRequests(1500) }), stdout: new ClosingPipe(2000) };
  t.is(await main(['--format', 'ndjson', '--input-format', 'ndjson'], io), 0);
  t.is(io.stderr.text, '');
  t.true(io.stdout.text.length >= 2000);
});

test('interrupt: prints the report of what was read, then exit 130', async (t) => {
  const stdin = new PassThrough();
  const interrupt = new AbortController();
  const io = fakeIo({ stdin, signal: interrupt.signal });
  const run = main(['--input-format', 'ndjson', '--verbose'], io);
  // The malformed line after the requests proves they were read; stdin stays open, as a terminal or a slow pipe would.
  stdin.write(`${makeAllowedRequests(20)}not json\n`);
  for (let i = 0; i < 1000 && !io.stderr.text.includes('MALFORMED_RECORD'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  t.regex(io.stderr.text, /\S+:181: (error|warning): .*\(MALFORMED_RECORD\)/);
  interrupt.abort();
  t.is(await run, 130);
  t.regex(io.stdout.text, /^trace403: 20 traces in 181 events/);
  t.true(io.stdout.text.includes('Interrupted: this report covers what was read until then.'));
  t.true(io.stdout.text.includes('(adds up)'));
  t.regex(io.stderr.text, /trace403: interrupted/);
});

test('--progress forced on a non-terminal writes to stderr only', async (t) => {
  const io = fakeIo();
  t.is(await main([INCIDENT, '--progress', '--format', 'ndjson'], io), 0);
  t.is(ndjson(io.stdout.text).length, 4, 'stdout holds only the records');
  t.regex(io.stderr.text, /^trace403 .*12\.6 KiB of 12\.6 KiB \| files 1\/1 \| 4 traces \| [\d,]+ traces\/s\n$/m);
});

test('--log-group names the API and stage of an export that does not carry them (filter-log-events output)', async (t) => {
  const without = fakeIo();
  await main([INCIDENT, '--format', 'ndjson'], without);
  const before = ndjson(without.stdout.text).find((r) => r.cause === 'IDENTITY_SOURCE_MISSING');
  t.is(before?.apiId, null, 'an identity-source 401 logs no API id of its own');
  const io = fakeIo();
  t.is(await main([INCIDENT, '--format', 'ndjson', '--log-group', 'API-Gateway-Execution-Logs_zz99yy88xx/beta'], io), 0);
  for (const record of ndjson(io.stdout.text)) {
    t.is(record.logGroup, 'API-Gateway-Execution-Logs_zz99yy88xx/beta', record.requestId);
    t.is(record.apiId, 'zz99yy88xx', record.requestId);
    t.is(record.stage, 'beta', record.requestId);
  }
});
