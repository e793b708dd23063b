import test from 'ava';
import { main } from '../../src/cli/main.js';
import { parseArgs, readVersion, UsageError, type CliOptions } from '../../src/cli/parse-args.js';
import { CAUSES } from '../../src/types.js';
import { fakeIo } from './fake-io.js';

const NOW = Date.parse('2024-02-24T12:00:00Z');
const parse = (argv: string[]): CliOptions => {
  const result = parseArgs(argv, fakeIo({ now: NOW }));
  if (result.kind !== 'run') throw new Error('expected options');
  return result.options;
};

test('defaults', (t) => {
  const o = parse([]);
  t.deepEqual(o.paths, []);
  t.is(o.format, 'text');
  t.is(o.inputFormat, 'auto');
  t.is(o.ttlSeconds, 300);
  t.is(o.concurrency, undefined);
  t.is(o.progress, undefined);
  t.is(o.color, undefined);
  t.true(o.redact);
  t.deepEqual(o.causes, []);
  t.deepEqual(o.failOn, []);
  t.false(o.verbose);
});

const cases: { name: string; argv: string[]; expected: Partial<CliOptions> }[] = [
  { name: 'paths and stdin', argv: ['a.json', 'logs/', '-'], expected: { paths: ['a.json', 'logs/', '-'] } },
  { name: 'format', argv: ['--format', 'ndjson'], expected: { format: 'ndjson' } },
  { name: 'short format', argv: ['-f', 'html'], expected: { format: 'html' } },
  { name: 'input format', argv: ['--input-format', 's3-export'], expected: { inputFormat: 's3-export' } },
  { name: 'causes repeated, comma lists, any case, deduplicated', argv: ['--cause', 'allowed', '--cause', 'AUTHORIZER_EXPLICIT_DENY,allowed'], expected: { causes: ['ALLOWED', 'AUTHORIZER_EXPLICIT_DENY'] } },
  { name: '--denied is every cause but ALLOWED', argv: ['--denied'], expected: { causes: CAUSES.filter((c) => c !== 'ALLOWED') } },
  { name: 'relative since', argv: ['--since', '2h'], expected: { since: NOW - 2 * 3_600_000, until: null } },
  { name: 'ISO until without zone is UTC', argv: ['--until', '2024-02-24T00:29:03'], expected: { until: Date.parse('2024-02-24T00:29:03Z') } },
  { name: 'ISO with offset', argv: ['--since', '2024-02-24T01:00:00+01:00'], expected: { since: Date.parse('2024-02-24T00:00:00Z') } },
  { name: 'date only', argv: ['--since', '2024-02-24'], expected: { since: Date.parse('2024-02-24T00:00:00Z') } },
  { name: 'api, stage, principal lists', argv: ['--api', 'abc123,def456', '--stage', 'prod', '--principal', 'user42'], expected: { apis: ['abc123', 'def456'], stages: ['prod'], principals: ['user42'] } },
  { name: 'ttl bounds', argv: ['--ttl', '0'], expected: { ttlSeconds: 0 } },
  { name: 'ttl max', argv: ['--ttl', '3600'], expected: { ttlSeconds: 3600 } },
  { name: 'concurrency', argv: ['-j', '4'], expected: { concurrency: 4 } },
  { name: 'progress on', argv: ['--progress'], expected: { progress: true } },
  { name: 'progress off', argv: ['--no-progress'], expected: { progress: false } },
  { name: 'colour off', argv: ['--no-color'], expected: { color: false } },
  { name: 'colour forced', argv: ['--color'], expected: { color: true } },
  { name: 'no redaction', argv: ['--no-redact'], expected: { redact: false } },
  { name: 'fail-on list', argv: ['--fail-on', 'AUTHORIZER_CACHED_POLICY_DENY,authorizer_explicit_deny', 'x.json'], expected: { failOn: ['AUTHORIZER_CACHED_POLICY_DENY', 'AUTHORIZER_EXPLICIT_DENY'], paths: ['x.json'] } },
  { name: 'verbose', argv: ['--verbose'], expected: { verbose: true } },
  { name: 'options after paths', argv: ['logs/', '--format', 'json'], expected: { paths: ['logs/'], format: 'json' } },
];
for (const c of cases) {
  test(`parses: ${c.name}`, (t) => {
    const o = parse(c.argv);
    for (const [key, value] of Object.entries(c.expected)) t.deepEqual(o[key as keyof CliOptions], value, key);
  });
}

const usageErrors: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'unknown option', argv: ['--nope'], message: /unknown option '--nope'/ },
  { name: 'suggests a near option', argv: ['--formt', 'json'], message: /Did you mean --format\?/ },
  { name: 'bad format', argv: ['--format', 'pdf'], message: /argument 'pdf' is invalid.*text, ndjson, json, markdown, html/ },
  { name: 'bad input format', argv: ['--input-format', 'xml'], message: /argument 'xml' is invalid/ },
  { name: 'unknown cause', argv: ['--cause', 'FORBIDDEN'], message: /unknown cause 'FORBIDDEN' for --cause \(expected one of: AUTHORIZER_EXPLICIT_DENY, / },
  { name: 'unknown fail-on cause', argv: ['--fail-on', 'logs/'], message: /unknown cause 'logs\/' for --fail-on/ },
  { name: 'ttl too big', argv: ['--ttl', '3601'], message: /--ttl must be an integer from 0 to 3600/ },
  { name: 'ttl not a number', argv: ['--ttl', '5m'], message: /--ttl must be an integer/ },
  { name: 'concurrency zero', argv: ['-j', '0'], message: /--concurrency must be an integer from 1/ },
  { name: 'bad since', argv: ['--since', 'yesterday'], message: /invalid --since 'yesterday' \(expected ISO 8601/ },
  { name: 'since after until', argv: ['--since', '1h', '--until', '2h'], message: /--since is after --until/ },
  { name: 'missing option value', argv: ['--format'], message: /option '-f, --format <format>' argument missing/ },
];
for (const c of usageErrors) {
  test(`usage error: ${c.name}`, (t) => {
    const error = t.throws(() => parseArgs(c.argv, fakeIo({ now: NOW })), { instanceOf: UsageError });
    t.regex(error?.message ?? '', c.message);
  });
}

test('main: a usage error is one line plus a hint, exit 2, nothing on stdout', async (t) => {
  const io = fakeIo();
  t.is(await main(['--cause', 'NOPE'], io), 2);
  const lines = io.stderr.text.trimEnd().split('\n');
  t.is(lines.length, 2);
  t.regex(lines[0] ?? '', /^trace403: unknown cause 'NOPE' for --cause/);
  t.is(lines[1], "Try 'trace403 --help' for usage and examples.");
  t.is(io.stdout.text, '');
});

test('main: --help prints usage, the examples and the exit codes on stdout, exit 0', async (t) => {
  const io = fakeIo();
  t.is(await main(['--help'], io), 0);
  const help = io.stdout.text;
  t.regex(help, /^Usage: trace403 \[options\] \[paths\.\.\.\]/);
  t.true(help.includes('aws logs filter-log-events --log-group-name API-Gateway-Execution-Logs_abc123/prod'));
  t.true(help.includes('trace403 ./exported-logs/ --format ndjson'));
  t.true(help.includes('--fail-on AUTHORIZER_CACHED_POLICY_DENY'));
  t.true(help.includes('--no-redact'));
  t.true(help.includes('bearer tokens, JWTs'));
  t.true(help.includes('auto, filter-log-events, get-log-events, ndjson, s3-export, subscription, tail,\n  console, test-invoke, copy-paste, insights-json, insights-csv, insights-markdown'));
  t.true(help.includes('Exit status: 0 done, 1 bad input that stopped the run, 2 usage error, 3 --fail-on matched,\n130 interrupted'));
  t.is(io.stderr.text, '');
});

test('main: --version prints the package version, exit 0', async (t) => {
  const io = fakeIo();
  t.is(await main(['--version'], io), 0);
  t.is(io.stdout.text, `${readVersion()}\n`);
  t.regex(readVersion(), /^\d+\.\d+\.\d+/);
});

test('main: no paths and a terminal on stdin is a usage error, not a hang', async (t) => {
  const io = fakeIo();
  Object.assign(io.stdin, { isTTY: true });
  t.is(await main([], io), 2);
  t.regex(io.stderr.text, /^trace403: no input: give log files or directories, or pipe logs in\n/);
});
