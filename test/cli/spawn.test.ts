/**
 * The real executable in a child process: exit statuses, `| head` (EPIPE) and Ctrl-C (SIGINT) as a shell gives them.
 * Runs the TypeScript entry with tsx; the built `dist/cli/bin.js` too when `npm run build` made it.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { makeAllowedRequests } from './make-logs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts')];
const DIST = join(ROOT, 'dist/cli/bin.js');
const INCIDENT = join(ROOT, 'test/fixtures/report/incident.json');
const run = promisify(execFile);

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

async function node(args: string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, signal: null, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; signal?: NodeJS.Signals; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : null, signal: e.signal ?? null, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const tmp = (t: { teardown(fn: () => void): void }): string => {
  const dir = mkdtempSync(join(tmpdir(), 'trace403-spawn-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('spawned: ndjson of an export, exit 0', async (t) => {
  const r = await node([...BIN, INCIDENT, '--format', 'ndjson']);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout.trimEnd().split('\n').length, 4);
  t.is(r.stderr, '');
});

test('spawned: a usage error is exit 2 with one line and a hint', async (t) => {
  const r = await node([...BIN, '--format', 'yaml']);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.deepEqual(r.stderr.trimEnd().split('\n'), [
    "trace403: option '-f, --format <format>' argument 'yaml' is invalid. Allowed choices are text, ndjson, json, markdown, html.",
    "Try 'trace403 --help' for usage and examples.",
  ]);
});

test('spawned: --fail-on is exit 3', async (t) => {
  const r = await node([...BIN, INCIDENT, '--fail-on', 'AUTHORIZER_CACHED_POLICY_DENY']);
  t.is(r.code, 3);
  t.regex(r.stderr, /--fail-on matched: AUTHORIZER_CACHED_POLICY_DENY ×1/);
});

test('spawned: `| head` ends quietly with exit 0 (file and stdin input)', async (t) => {
  const dir = tmp(t);
  const big = join(dir, 'big.ndjson');
  writeFileSync(big, makeAllowedRequests(3000));
  const bin = [process.execPath, ...BIN].map((a) => `"${a}"`).join(' ');
  const cases = [
    { name: 'file', command: `${bin} "${big}" --format ndjson -j 1 2>"${dir}/err" | head -n 2 >"${dir}/out"; echo "\${PIPESTATUS[0]}"` },
    { name: 'stdin', command: `cat "${big}" | ${bin} --format ndjson 2>"${dir}/err" | head -n 2 >"${dir}/out"; echo "\${PIPESTATUS[1]}"` },
  ];
  for (const c of cases) {
    const { stdout } = await run('bash', ['-c', c.command], { cwd: ROOT });
    const err = readFileSync(join(dir, 'err'), 'utf8');
    t.is(stdout.trim(), '0', `${c.name}: trace403's exit status; stderr: ${err}`);
    t.is(err, '', `${c.name}: no EPIPE stack, nothing at all on stderr`);
    t.is(readFileSync(join(dir, 'out'), 'utf8').trimEnd().split('\n').length, 2, c.name);
  }
});

test('spawned: Ctrl-C (SIGINT) prints the report of what was read, then exit 130', async (t) => {
  const child = spawn(process.execPath, [...BIN, '--verbose', '--input-format', 'ndjson'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // The malformed line after the requests proves they were read: interrupt then, with stdin still open.
    if (!sent && stderr.includes('MALFORMED_RECORD')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  child.stdin.write(`${makeAllowedRequests(10)}not json\n`);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  t.true(sent, `the child never reported the malformed line; stderr: ${stderr}`);
  t.is(signal, null, 'the process handled the signal instead of dying of it');
  t.is(code, 130);
  t.regex(stdout, /^trace403: 10 traces in 91 events/);
  t.true(stdout.includes('Interrupted: this report covers what was read until then.'));
  t.true(stdout.includes('(adds up)'));
  t.regex(stderr, /trace403: interrupted/);
});

const whenBuilt = existsSync(DIST) ? test : test.skip;
const why = existsSync(DIST) ? '' : ' (skipped: dist/cli/bin.js not built; `npm test` builds it)';
whenBuilt(`built binary: --version and a run${why}`, async (t) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = await node([DIST, '--version']);
  t.is(version.stdout, `${pkg.version}\n`);
  const r = await node([DIST, INCIDENT, '--format', 'ndjson', '-j', '2']);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout.trimEnd().split('\n').length, 4);
  t.true(readFileSync(DIST, 'utf8').startsWith('#!/usr/bin/env node\n'));
});
