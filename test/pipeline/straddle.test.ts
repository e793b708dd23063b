/**
 * A request an input ends during the grace period after its terminal line is whole, but the next input may
 * hold lines it logged after that line (2026 logs append `X-ray Tracing ID : Root=…`, sometimes after the last
 * line). The step hands such requests to the joiner as extracted (join-pieces.ts, WholePiece): joined when those
 * lines come, classified as they are when they do not, in every file order and at every concurrency.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ndjsonLine as line, passingRequest as request, runAnalyze, runCounted, T0, XRAY } from './helpers.js';


// Serial: it counts the workers this process starts (ava runs serial tests first, one at a time).
test.serial('a request ended by its file during its grace period joins its late line from the next file, in any order', async (t) => {
  const dir = makeTempDir(t, 'straddle');
  // r1 ends 1 ms before the end of a.ndjson (in its grace period); its X-Ray line opens b.ndjson. A third file
  // holds an unrelated request, so that concurrency 3 is three workers (never more threads than files).
  const a = [...request('r0-aaaa-bbbb', 0), ...request('r1-cccc-dddd', 10_000)];
  const b = [line('r1-cccc-dddd', 10_007, XRAY, 9), ...request('r2-eeee-ffff', 10_020)];
  writeFileSync(join(dir, 'c.ndjson'), `${request('r3-gggg-hhhh', 30_000).join('\n')}\n`);
  for (const [first, second] of [['a', 'b'], ['b', 'a']]) {
    writeFileSync(join(dir, `${first}.ndjson`), `${a.join('\n')}\n`);
    writeFileSync(join(dir, `${second}.ndjson`), `${b.join('\n')}\n`);
    for (const [concurrency, workers] of [[1, 0], [2, 1], [3, 3]] as const) {
      const { records, summary, diagnostics, started } = await runCounted(t, dir, { concurrency });
      const label = `${first} first, concurrency ${concurrency}`;
      t.deepEqual(records.map((r) => r.requestId).sort(), ['r0-aaaa-bbbb', 'r1-cccc-dddd', 'r2-eeee-ffff', 'r3-gggg-hhhh'], label);
      t.true(records.every((r) => r.cause === 'ALLOWED' && r.status === 200), label);
      t.is(summary.events.orphans, 0, label);
      t.is(summary.events.inTraces, 29, label);
      t.is(summary.traces.total, 4, label);
      t.false(diagnostics.some((d) => d.code === 'ORPHAN_EVENT'), label);
      // The late line is part of r1's trace: its end time is the X-Ray line's.
      t.is(records.find((r) => r.requestId === 'r1-cccc-dddd')?.endTime, new Date(T0 + 10_007).toISOString(), label);
      t.is(started, workers, `${label}: worker threads started`);
    }
  }
});

test('a request ended by its file with nothing more elsewhere is classified as it was read', async (t) => {
  const dir = makeTempDir(t, 'straddle-alone');
  writeFileSync(join(dir, 'a.ndjson'), `${request('r1-cccc-dddd', 0).join('\n')}\n`);
  writeFileSync(join(dir, 'b.ndjson'), `${request('r2-eeee-ffff', 60_000).join('\n')}\n`);
  const { records, summary } = await runAnalyze(t, dir, { concurrency: 1 });
  t.deepEqual(records.map((r) => [r.requestId, r.cause, r.status, r.closedBy]).sort(), [
    ['r1-cccc-dddd', 'ALLOWED', 200, 'terminal'],
    ['r2-eeee-ffff', 'ALLOWED', 200, 'terminal'],
  ]);
  t.is(summary.events.inTraces, 14);
});
