/**
 * The NDJSON decoder alone on escaped messages: 40,000 lines, half of them an escaped JSON request body, in 64 KiB
 * parts (as the file reader hands them over), to a sink that takes ByteEvents. Times the decoder's fast path for
 * escaped strings (event-sink.ts, readEscapedString), median and fastest of 7 in one process.
 *
 *   node --import tsx benchmarks/escaped.ts
 * @module
 */
import { createDecoder } from '../src/decode/create-decoder.js';
import { READ_PART_BYTES } from '../src/decode/read-buffers.js';

const body = (i: number): string =>
  `(req-${i % 500}) Endpoint request body after transformations: ` +
  JSON.stringify({ user: { id: `u${i}`, roles: ['a', 'b', 'c'] }, items: Array.from({ length: 8 }, (_, k) => ({ k: `key${k}`, v: `val${k}` })) });
const lines: string[] = [];
for (let i = 0; i < 40_000; i++) {
  const message = i % 2 === 0 ? body(i) : `(req-${i % 500}) Method request headers: {Accept=*/*}`;
  lines.push(JSON.stringify({ logStreamName: 's1', timestamp: 1708734543163 + i, message, ingestionTime: 1708734543200 + i, eventId: String(37000000000000000000 + i) }));
}
const text = Buffer.from(`${lines.join('\n')}\n`);
const parts: Buffer[] = [];
for (let at = 0; at < text.length; at += READ_PART_BYTES) parts.push(text.subarray(at, at + READ_PART_BYTES));
let taken = 0;
let general = 0;
const sink = { event: () => void general++, bytes: () => void taken++ };
const times: number[] = [];
for (let round = 0; round < 7; round++) {
  const decoder = createDecoder({ file: 'escaped.ndjson', format: 'ndjson' }, sink);
  const start = performance.now();
  for (const part of parts) decoder.push(part);
  decoder.end();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
process.stdout.write(
  `${(text.length / 1e6).toFixed(1)} MB, ${taken / 7} events on the fast path, ${general / 7} the general way: ` +
    `median ${times[3]!.toFixed(1)} ms, fastest ${times[0]!.toFixed(1)} ms\n`,
);
