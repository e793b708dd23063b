/**
 * Read buffers cut into decoder-sized parts (read-buffers.ts): the parts cover the read in order, none is large
 * enough for V8's large-object space, and the buffer is reused only once every part has come back (a reused
 * buffer under a part still read would change the bytes of open requests). The pool and its carver are module
 * state: the tests that drain and refill them are serial.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { copyToPart, cutRead, giveReadBuffer, READ_BUFFER_BYTES, takeReadBuffer } from '../../src/decode/read-buffers.js';
import { readFileChunks } from '../../src/pipeline/read-file.js';

const PART = 64 * 1024;

/** Empties the pool, so the next takeReadBuffer is a recycled buffer only if one was given back since. */
function drainPool(): Buffer[] {
  const taken: Buffer[] = [];
  for (let k = 0; k < 200; k++) taken.push(takeReadBuffer());
  return taken;
}

test('cutRead: parts of at most 64 KiB, in order, covering exactly the filled bytes', (t) => {
  const buffer = takeReadBuffer();
  for (let k = 0; k < buffer.length; k++) buffer[k] = k % 251;
  for (const filled of [1, PART - 1, PART, PART + 1, 3 * PART + 17, READ_BUFFER_BYTES]) {
    const parts = cutRead(buffer, filled);
    t.is(parts.length, Math.ceil(filled / PART), `${filled}`);
    t.true(parts.every((p) => p.length > 0 && p.length <= PART));
    t.true(parts.every((p) => p.buffer === buffer.buffer), 'views of the buffer, not copies');
    t.deepEqual(Buffer.concat(parts), buffer.subarray(0, filled));
  }
});

test.serial('the buffer goes back to the pool after its last part, not before, and a part given twice counts once', (t) => {
  const held = drainPool();
  const buffer = takeReadBuffer();
  const parts = cutRead(buffer, READ_BUFFER_BYTES);
  t.is(parts.length, 4);
  giveReadBuffer(parts[0]!);
  giveReadBuffer(parts[0]!);
  giveReadBuffer(parts[2]!);
  giveReadBuffer(parts[1]!);
  t.not(takeReadBuffer(), buffer, 'one part is still out: the buffer is not reused');
  giveReadBuffer(parts[3]!);
  t.is(takeReadBuffer(), buffer, 'all parts back: the next read reuses it');
  for (const b of held) giveReadBuffer(b);
});

test('readFileChunks hands a file over in 64 KiB parts whose bytes are the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'trace403-parts-'));
  try {
    const path = join(dir, 'input.ndjson');
    const bytes = Buffer.alloc(READ_BUFFER_BYTES * 2 + 1000);
    for (let k = 0; k < bytes.length; k++) bytes[k] = 32 + (k % 90);
    writeFileSync(path, bytes);
    let reported = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of readFileChunks(path, (n) => (reported += n))) {
      t.true(chunk.length <= PART);
      chunks.push(Buffer.from(chunk)); // a copy: the part goes back to the pool below
      giveReadBuffer(chunk);
    }
    t.deepEqual(Buffer.concat(chunks), readFileSync(path));
    t.is(reported, bytes.length);
    t.is(chunks.length, 9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.serial('copyToPart: copies into parts of one buffer, reused once the carver moved on and every part is back', (t) => {
  const held = drainPool();
  const slices = Array.from({ length: 4 }, (_, k) => Buffer.alloc(PART - k, 0x41 + k));
  const parts = slices.map((slice) => copyToPart(slice));
  parts.forEach((part, k) => t.deepEqual(part, slices[k]!, `part ${k} holds its slice`));
  const full = parts[0]!.buffer;
  t.true(parts.every((p) => p.buffer === full), 'four 64 KiB parts share one 256 KiB buffer');
  slices[0]!.fill(0);
  t.is(parts[0]![0], 0x41, 'a copy: zlib may reuse its slice');
  for (const part of parts.slice(0, 3)) giveReadBuffer(part);
  const next = copyToPart(Buffer.from('next'));
  t.not(next.buffer, full, 'the fifth part starts a new buffer; the full one has a part out and is kept');
  t.not(takeReadBuffer().buffer, full);
  giveReadBuffer(parts[3]!);
  t.is(takeReadBuffer().buffer, full, 'its last part back: the full buffer is reused');
  const long = Buffer.alloc(PART + 1);
  t.is(copyToPart(long), long, 'a slice longer than a part is not copied');
  // Every part of the carver's buffer back while it still carves: the carver's own share keeps it out of the pool.
  giveReadBuffer(next);
  t.not(takeReadBuffer().buffer, next.buffer, 'the carver still writes into it: not reused');
  const after = copyToPart(Buffer.from('after'));
  t.is(after.buffer, next.buffer, 'the next part is carved from the same buffer, untouched by anyone else');
  t.deepEqual(next, Buffer.from('next'));
  giveReadBuffer(after);
  for (const b of held) giveReadBuffer(b);
});
