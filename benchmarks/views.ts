/**
 * What a decoder's latin1 view of a chunk costs, by chunk size: the string every byte decoder makes of each chunk
 * it reads (decode-context.ts). V8 allocates strings over 128 KiB in its large-object space, and Node makes an
 * external string only from 1,031,913 bytes on, so between the two each view is a fresh large object; this is why
 * reads of 256 KiB are handed to the decoders in 64 KiB parts (decode/read-buffers.ts).
 *
 *   node --import tsx benchmarks/views.ts [MB=200]
 *
 * Prints, per chunk size, the fastest of 3 rounds of making views of MB megabytes of ASCII, and µs per view.
 * @module
 */
import { decodeLatin1 } from '../src/decode/decode-utf8.js';

const total = Number(process.argv[2] ?? 200) * 1024 * 1024;
const rows = ['| chunk | ms per 200 MB of views | µs per view |', '|---:|---:|---:|'];
for (const kib of [16, 64, 128, 129, 256, 512, 1024]) {
  const chunk = Buffer.alloc(kib * 1024, 0x61);
  const count = Math.max(1, Math.round(total / chunk.length));
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (let i = 0; i < count; i++) sink += decodeLatin1(chunk, 0, chunk.length).length;
    best = Math.min(best, performance.now() - start);
  }
  if (sink === 0) throw new Error('no views made');
  rows.push(`| ${kib} KiB | ${((best * (200 * 1024 * 1024)) / total).toFixed(0)} | ${((best * 1000) / count).toFixed(1)} |`);
}
process.stdout.write(`## Latin1 views, Node ${process.version}\n\n${rows.join('\n')}\n`);
