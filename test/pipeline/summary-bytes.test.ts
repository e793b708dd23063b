/** summary.bytes is what the user sees on disk or on the pipe: raw bytes, compressed ones for gzip. */
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTAINERS, makeTempDir, runAnalyze } from './helpers.js';

test('summary.bytes counts raw bytes for a gzip file, the same bytes as a stream, and files read by workers', async (t) => {
  const text = readFileSync(join(CONTAINERS, 'events.ndjson'));
  const gz = gzipSync(text);
  t.true(gz.length < text.length);
  const dir = makeTempDir(t, 'bytes');
  writeFileSync(join(dir, 'a.ndjson.gz'), gz);
  const fromFile = await runAnalyze(t, join(dir, 'a.ndjson.gz'), { concurrency: 1 });
  t.is(fromFile.summary.bytes, gz.length);
  const fromStream = await runAnalyze(t, [gz], { inputName: 'a.ndjson.gz' });
  t.is(fromStream.summary.bytes, gz.length, 'a stream counts what came through the pipe, not the gunzipped text');
  writeFileSync(join(dir, 'b.ndjson'), text);
  for (const concurrency of [1, 2]) {
    const both = await runAnalyze(t, dir, { concurrency });
    t.is(both.summary.bytes, gz.length + text.length, `concurrency ${concurrency}`);
  }
});
