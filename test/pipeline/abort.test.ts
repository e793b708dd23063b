/**
 * Stopping: an AbortSignal ends reading where it is, and iteration then ends normally with fewer records and a
 * summary that still adds up; a consumer that leaves the loop early leaves no worker thread behind.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyze, type AnalyzeInput } from '../../src/pipeline/analyze.js';
import { assertAddsUp, chunked, makeTempDir, runAnalyze } from './helpers.js';
import { makeEvents, renderNdjson, renderS3Text } from './make-export.js';

const COPIES = 160; // 640 requests, ~6 MB of NDJSON

/** Eight files of 20 copies each, half NDJSON, half gzip S3 text. */
function writeFiles(dir: string): void {
  const events = makeEvents(COPIES);
  for (let f = 0; f < 8; f++) {
    const part = events.slice(f * 20 * 79, (f + 1) * 20 * 79);
    if (f % 2 === 0) writeFileSync(join(dir, `part-${f}.ndjson`), renderNdjson(part));
    else writeFileSync(join(dir, `part-${f}.gz`), gzipSync(renderS3Text(part)));
  }
}

/** Runs to the end, aborting once `after` records have arrived. */
async function runAborted(t: Parameters<typeof runAnalyze>[0], input: () => AnalyzeInput, concurrency: number, after: number) {
  const controller = new AbortController();
  let seen = 0;
  const result = await runAnalyze(t, input(), {
    concurrency,
    signal: controller.signal,
    onDiagnostic: () => {},
    onProgress: () => {
      // Progress comes with bytes read: abort from inside the run, as a Ctrl-C handler would.
      if (++seen === after) controller.abort();
    },
  });
  return result;
}

const bigStream = (): AnalyzeInput => chunked(Buffer.from(renderNdjson(makeEvents(COPIES))), 64 * 1024);

test('abort mid-way over a large stream: iteration ends without throwing, fewer records, the summary adds up', async (t) => {
  const full = await runAnalyze(t, bigStream(), { inputName: 'big' });
  t.is(full.records.length, COPIES * 4);
  const stopped = await runAborted(t, bigStream, 1, 5);
  t.true(stopped.records.length > 0, 'what was read before the stop is classified');
  t.true(stopped.records.length < full.records.length, `${stopped.records.length} of ${full.records.length}`);
  t.true(stopped.summary.events.read < full.summary.events.read);
  // Every record of the stopped run is one of the full run's requests.
  const ids = new Set(full.records.map((r) => r.requestId));
  t.true(stopped.records.every((r) => ids.has(r.requestId)));
});

for (const concurrency of [1, 2]) {
  test(`abort mid-way over a directory (concurrency ${concurrency}): fewer records, files not started are not read`, async (t) => {
    const dir = makeTempDir(t, `abort-${concurrency}`);
    writeFiles(dir);
    const full = await runAnalyze(t, dir, { concurrency });
    t.is(full.records.length, COPIES * 4);
    t.is(full.summary.files, 8);
    const stopped = await runAborted(t, () => dir, concurrency, 3);
    t.true(stopped.records.length < full.records.length, `${stopped.records.length} of ${full.records.length}`);
    t.true(stopped.summary.files < 8, `${stopped.summary.files} files read`);
    t.true(stopped.summary.events.read < full.summary.events.read);
    // Stopping is not bad input: no file is reported empty or unreadable because of it.
    t.deepEqual(stopped.diagnostics.filter((d) => d.code === 'EMPTY_INPUT' || d.code === 'UNREADABLE_FILE'), []);
  });
}

test('a signal aborted before the start: no records, no files read, the summary adds up', async (t) => {
  const dir = makeTempDir(t, 'pre-abort');
  writeFiles(dir);
  for (const concurrency of [1, 2]) {
    const { records, summary } = await runAnalyze(t, dir, { concurrency, signal: AbortSignal.abort() });
    t.deepEqual(records, []);
    t.is(summary.files, 0);
    t.is(summary.events.read, 0);
  }
});

test('a consumer that breaks early: the summary so far adds up, and a second iterator call is done', async (t) => {
  const dir = makeTempDir(t, 'break');
  writeFiles(dir);
  for (const concurrency of [1, 2]) {
    const run = analyze(dir, { concurrency });
    for await (const _ of run) break;
    assertAddsUp(t, run.summary());
    t.deepEqual(await run.next(), { done: true, value: undefined });
  }
});

for (const concurrency of [1, 2]) {
  test(`a consumer that breaks early leaves nothing running: the process exits by itself (concurrency ${concurrency})`, (t) => {
    const dir = makeTempDir(t, `exit-${concurrency}`);
    writeFiles(dir);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve('test/fixtures/pipeline/break-early.ts'), dir, String(concurrency)],
      { encoding: 'utf8', timeout: 30_000 },
    );
    t.is(child.signal, null, 'not killed by the timeout: nothing kept it alive');
    t.is(child.status, 0, child.stderr);
    const out = JSON.parse(child.stdout) as { seen: number };
    t.is(out.seen, 1);
  });
}
