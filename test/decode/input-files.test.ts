import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeFile, listInputFiles } from '../../src/decode/index.js';
import type { Diagnostic, LogEvent } from '../../src/types.js';
import { readPathHints } from '../../src/decode/read-path-hints.js';
import * as sample from './sample-export.js';

const TASK = '0b1c2d3e-4f5a-4b7c-8d9e-0a1b2c3d4e5f';
const STREAM = '9f86d081884c7d659a2feaa0c55ad015';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'trace403-decode-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function decodeAll(path: string, hints: object = {}): Promise<{ events: LogEvent[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const events: LogEvent[] = [];
  for await (const batch of decodeFile({ path, size: 0, ...hints }, { onDiagnostic: (d) => diagnostics.push(d) })) {
    events.push(...batch);
  }
  return { events, diagnostics };
}

test('listInputFiles: recursive, sorted, skips dotfiles and the write-test marker, reads S3 layout hints', async (t) => {
  await withDir(async (dir) => {
    const group = join(dir, 'exports', 'API-Gateway-Execution-Logs_abc123', 'prod');
    await mkdir(join(group, TASK, STREAM), { recursive: true });
    await mkdir(join(group, TASK, 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0'), { recursive: true });
    await writeFile(join(group, TASK, STREAM, '000000.gz'), gzipSync('x'));
    await writeFile(join(group, TASK, STREAM, '000001.gz'), gzipSync('y'));
    await writeFile(join(group, TASK, 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', '000000.gz'), gzipSync('z'));
    await writeFile(join(group, 'aws-logs-write-test'), 'Permission Check Successful');
    await writeFile(join(group, '.DS_Store'), 'junk');
    await mkdir(join(dir, 'exports', '.hidden'));
    await writeFile(join(dir, 'exports', '.hidden', 'x.json'), '{}');
    const diagnostics: Diagnostic[] = [];
    const files = await listInputFiles([join(dir, 'exports')], { onDiagnostic: (d) => diagnostics.push(d) });
    t.deepEqual(diagnostics, []);
    t.deepEqual(
      files.map((f) => [f.path.slice(dir.length + 1), f.logGroup, f.logStream]),
      [
        [`exports/API-Gateway-Execution-Logs_abc123/prod/${TASK}/9f86d081884c7d659a2feaa0c55ad015/000000.gz`, 'API-Gateway-Execution-Logs_abc123/prod', STREAM],
        [`exports/API-Gateway-Execution-Logs_abc123/prod/${TASK}/9f86d081884c7d659a2feaa0c55ad015/000001.gz`, 'API-Gateway-Execution-Logs_abc123/prod', STREAM],
        [`exports/API-Gateway-Execution-Logs_abc123/prod/${TASK}/a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0/000000.gz`, 'API-Gateway-Execution-Logs_abc123/prod', 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    t.true(files.every((f) => f.size > 0));
  });
});

test('listInputFiles: unreadable paths are diagnostics, not throws; "-" passes through; loops end', async (t) => {
  await withDir(async (dir) => {
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a', 'f.ndjson'), '{}');
    await symlink(join(dir, 'a'), join(dir, 'a', 'loop'));
    const diagnostics: Diagnostic[] = [];
    const files = await listInputFiles([join(dir, 'missing.gz'), '-', join(dir, 'a')], {
      onDiagnostic: (d) => diagnostics.push(d),
    });
    t.deepEqual(diagnostics.map((d) => d.code), ['UNREADABLE_FILE']);
    t.is(diagnostics[0]!.source.file, join(dir, 'missing.gz'));
    t.deepEqual(files.map((f) => f.path), ['-', join(dir, 'a', 'f.ndjson')]);
  });
});

test('mixed containers in one directory: each file sniffed on its own, all events decoded', async (t) => {
  await withDir(async (dir) => {
    const s3Dir = join(dir, 'API-Gateway-Execution-Logs_abc123', 'prod', TASK, STREAM);
    await mkdir(s3Dir, { recursive: true });
    await writeFile(join(s3Dir, '000000.gz'), gzipSync(sample.renderS3Export()));
    await writeFile(join(dir, 'events.ndjson'), sample.renderNdjson());
    await writeFile(join(dir, 'filter.json'), sample.renderFilterLogEvents());
    await writeFile(join(dir, 'firehose-1-2024-02-24-00-29-03-uuid'), gzipSync(sample.renderSubscription()));
    await writeFile(join(dir, 'insights.csv'), sample.renderInsightsCsv());
    await writeFile(join(dir, 'notes.bin'), Buffer.from([0, 1, 2, 3, 0, 0, 9]));
    const files = await listInputFiles([dir]);
    t.is(files.length, 6);
    const byName = new Map<string, { events: LogEvent[]; diagnostics: Diagnostic[] }>();
    for (const file of files) {
      const diagnostics: Diagnostic[] = [];
      const events: LogEvent[] = [];
      for await (const batch of decodeFile(file, { onDiagnostic: (d) => diagnostics.push(d) })) events.push(...batch);
      byName.set(file.path.slice(dir.length + 1), { events, diagnostics });
    }
    for (const [name, result] of byName) {
      if (name === 'notes.bin') {
        t.deepEqual(result.diagnostics.map((d) => d.code), ['NOT_A_LOG_EXPORT']);
        continue;
      }
      t.is(result.events.length, 40, name);
      t.deepEqual(result.diagnostics, [], name);
      t.deepEqual(result.events.map((e) => e.message).sort(), sample.SAMPLE.map((e) => e.message).sort(), name);
      for (const event of result.events) t.is(event.source.file, join(dir, name));
    }
    const s3 = byName.get(`API-Gateway-Execution-Logs_abc123/prod/${TASK}/${STREAM}/000000.gz`)!;
    t.true(s3.events.every((e) => e.logStream === STREAM && e.logGroup === 'API-Gateway-Execution-Logs_abc123/prod'));
  });
});

test('decodeFile: a file that cannot be opened is UNREADABLE_FILE and no events', async (t) => {
  await withDir(async (dir) => {
    const result = await decodeAll(join(dir, 'nope.gz'));
    t.deepEqual(result.events, []);
    t.deepEqual(result.diagnostics.map((d) => d.code), ['UNREADABLE_FILE']);
  });
});

test('decodeFile: an unreadable file (permissions) is UNREADABLE_FILE', async (t) => {
  if (process.getuid?.() === 0) {
    t.pass('root reads any file: permission errors cannot be produced here');
    return;
  }
  await withDir(async (dir) => {
    const path = join(dir, 'secret.ndjson');
    await writeFile(path, sample.renderNdjson());
    await chmod(path, 0o000);
    const result = await decodeAll(path);
    t.deepEqual(result.diagnostics.map((d) => d.code), ['UNREADABLE_FILE']);
  });
});

test('decodeFile: a directory given as a file is UNREADABLE_FILE, not a throw', async (t) => {
  await withDir(async (dir) => {
    const result = await decodeAll(dir);
    t.true(result.diagnostics.map((d) => d.code).includes('UNREADABLE_FILE'));
  });
});

test('decodeFile: path "-" reads standard input, gzip included (spawned process)', (t) => {
  const script = [
    "import { decodeFile } from './src/decode/index.ts';",
    'let n = 0; const it = decodeFile({ path: "-", size: 0 }); let r;',
    'while (!(r = await it.next()).done) n += r.value.length;',
    'console.log(JSON.stringify({ n, stats: r.value }));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
    input: gzipSync(sample.renderS3Export()),
    encoding: 'utf8',
  });
  t.is(child.status, 0, child.stderr);
  const result = JSON.parse(child.stdout) as { n: number; stats: { events: number; bytes: number } };
  t.is(result.n, 40);
  t.is(result.stats.bytes, Buffer.byteLength(sample.renderS3Export()));
});

const HINTS: { name: string; path: string; expected: { logGroup?: string; logStream?: string } }[] = [
  {
    name: 'S3 export under a group-named prefix',
    path: `bucket/API-Gateway-Execution-Logs_abc123/prod/${TASK}/${STREAM}/000000.gz`,
    expected: { logGroup: 'API-Gateway-Execution-Logs_abc123/prod', logStream: STREAM },
  },
  {
    name: 'slash spelling and a canary stage',
    path: `x/API-Gateway-Execution-Logs/abc123/prod/Canary/${TASK}/${STREAM}/000003.gz`,
    expected: { logGroup: 'API-Gateway-Execution-Logs/abc123/prod/Canary', logStream: STREAM },
  },
  {
    name: 'a stream name with slashes (Lambda) after the task id',
    path: `exports/${TASK}/2024/02/24/[$LATEST]0123abcd/000000.gz`,
    expected: { logStream: '2024/02/24/[$LATEST]0123abcd' },
  },
  { name: 'no task id: the parent folder', path: `dl/${STREAM}/000000`, expected: { logStream: STREAM } },
  { name: 'not an export object', path: `dl/${STREAM}/events.json`, expected: {} },
  { name: 'group segment as the file name is not a group', path: 'API-Gateway-Execution-Logs_abc123', expected: {} },
];

for (const c of HINTS) {
  test(`readPathHints: ${c.name}`, (t) => {
    t.deepEqual(readPathHints(c.path), c.expected);
  });
}
