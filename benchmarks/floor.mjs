// The floor of the benchmarks: read every byte (gunzipping .gz members when the file starts with gzip's magic
// bytes) in 64 KiB chunks and count newlines, nothing else. Whatever trace403 does on top costs "x floor".
//
//   node benchmarks/floor.mjs <file-or-directory>   → prints {"files":…,"bytes":…,"newlines":…}
//
// Plain JavaScript on purpose: a TypeScript loader would add ~0.3 s of startup to a measurement that takes
// about that long on 200 MB, and trace403 itself runs from compiled dist/.
import { closeSync, createReadStream, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';

const CHUNK = 64 * 1024;

function listFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => listFiles(join(path, name)));
}

function isGzip(file) {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(2);
  const n = readSync(fd, head, 0, 2, 0);
  closeSync(fd);
  return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

const target = process.argv[2];
if (target === undefined) {
  process.stderr.write('usage: node benchmarks/floor.mjs <file-or-directory>\n');
  process.exit(2);
}
let bytes = 0;
let newlines = 0;
const files = listFiles(target);
for (const file of files) {
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  let source = raw;
  if (isGzip(file)) {
    source = createGunzip({ chunkSize: CHUNK });
    raw.pipe(source);
  }
  for await (const chunk of source) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
  }
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, newlines })}\n`);
