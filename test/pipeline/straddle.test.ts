/**
 * A request an input ends during the grace period after its terminal line is whole, but the next input may
 * hold lines it logged after that line (2026 logs append `X-ray Tracing ID : Root=…`, sometimes after the last
 * line). The step hands such requests to the joiner as extracted (join-pieces.ts, WholePiece): joined when those
 * lines come, classified as they are when they do not, in every file order and at every concurrency.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runAnalyze } from './helpers.js';

const T0 = Date.parse('2026-03-14T09:00:00.000Z');

function line(requestId: string, at: number, text: string, n: number): string {
  return JSON.stringify({ logStreamName: 's1', timestamp: T0 + at, message: `(${requestId}) ${text}`, ingestionTime: T0 + at + 500, eventId: `${String(at).padStart(10, '0')}${n}` });
}

/** A request that passes without an authorizer, its lines from `at` ms. */
function request(requestId: string, at: number): string[] {
  return [
    `Extended Request Id: ${requestId.slice(0, 8)}=`,
    `Verifying Usage Plan for request: ${requestId}. API Key:  API Stage: a1b2c3d4e5/prod`,
    `API Key  authorized because method 'GET /orders' does not require API Key. Request will not contribute to throttle or quota limits`,
    `Usage Plan check succeeded for API Key  and API Stage a1b2c3d4e5/prod`,
    `Starting execution for request: ${requestId}`,
    `HTTP Method: GET, Resource Path: /orders`,
    `Method completed with status: 200`,
  ].map((text, i) => line(requestId, at + i, text, i));
}

const XRAY = 'X-ray Tracing ID : Root=1-67e1a2b3-0123456789abcdef01234567';

test('a request ended by its file during its grace period joins its late line from the next file, in any order', async (t) => {
  const dir = makeTempDir(t, 'straddle');
  // r1 ends 1 ms before the end of a.ndjson (in its grace period); its X-Ray line opens b.ndjson.
  const a = [...request('r0-aaaa-bbbb', 0), ...request('r1-cccc-dddd', 10_000)];
  const b = [line('r1-cccc-dddd', 10_007, XRAY, 9), ...request('r2-eeee-ffff', 10_020)];
  for (const [first, second] of [['a', 'b'], ['b', 'a']]) {
    writeFileSync(join(dir, `${first}.ndjson`), `${a.join('\n')}\n`);
    writeFileSync(join(dir, `${second}.ndjson`), `${b.join('\n')}\n`);
    for (const concurrency of [1, 2]) {
      const { records, summary, diagnostics } = await runAnalyze(t, dir, { concurrency });
      const label = `${first} first, concurrency ${concurrency}`;
      t.deepEqual(records.map((r) => r.requestId).sort(), ['r0-aaaa-bbbb', 'r1-cccc-dddd', 'r2-eeee-ffff'], label);
      t.true(records.every((r) => r.cause === 'ALLOWED' && r.status === 200), label);
      t.is(summary.events.orphans, 0, label);
      t.is(summary.events.inTraces, 22, label);
      t.is(summary.traces.total, 3, label);
      t.false(diagnostics.some((d) => d.code === 'ORPHAN_EVENT'), label);
      // The late line is part of r1's trace: its end time is the X-Ray line's.
      t.is(records.find((r) => r.requestId === 'r1-cccc-dddd')?.endTime, new Date(T0 + 10_007).toISOString(), label);
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
