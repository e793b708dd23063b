/**
 * Micro-benchmark of the decode stage alone (the lead owns the full runner in benchmarks/run.ts).
 *
 *   node --import tsx benchmarks/decode-micro.ts [MB=200]
 *
 * Generates NDJSON, S3-export text (plain and .gz) and a filter-log-events document of about MB megabytes each in a
 * temp folder (deterministic content, ~0.1 % of messages non-ASCII), warms the page cache, and prints for each the
 * median of 3 runs of: the floor (read with 64 KiB chunks and count newlines), decodeFile, and the ratio.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createGunzip } from 'node:zlib';
import { decodeFile } from '../src/decode/index.js';

const targetBytes = Number(process.argv[2] ?? 200) * 1024 * 1024;

function* messages(): Generator<{ t: number; stream: string; message: string; id: string }> {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const lines = [
    'Extended Request Id: Kq8xWGs1PHcFiYw=',
    'Starting authorizer: 7fy2ix for request: {id}',
    'Incoming identity: ******************************************************abc123',
    'Endpoint request URI: https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations',
    'Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"Bearer eyJhbGciOiJIUzI1NiJ9.e30.x","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/pets"}',
    'Authorizer result body before parsing: {"principalId":"user","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/pets"}]},"context":{"name":"Zoë"}}',
    'Using valid authorizer policy for principal: ****user',
    'Successfully completed authorizer execution',
    'Starting execution for request: {id}',
    'HTTP Method: GET, Resource Path: /pets/42',
    'Method completed with status: 200',
  ];
  let t = 1708734543163;
  for (let n = 0; ; n++) {
    const id = `${(n * 2654435761) >>> 0}`.padStart(8, '0') + '-1234-5678-9abc-def012345678';
    for (const line of lines) {
      t += Math.floor(random() * 5);
      let text = line.replace('{id}', id);
      if (random() < 0.001) text += ' café';
      yield { t, stream: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', message: `(${id}) ${text}`, id: `${t}${n}` };
    }
  }
}

function generate(render: (e: { t: number; stream: string; message: string; id: string }) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (const e of messages()) {
    const piece = render(e);
    parts.push(piece);
    size += piece.length;
    if (size >= targetBytes) break;
  }
  return parts.join('');
}

async function floor(path: string, gz: boolean): Promise<number> {
  const start = process.hrtime.bigint();
  let lines = 0;
  const stream = gz ? createReadStream(path).pipe(createGunzip()) : createReadStream(path, { highWaterMark: 65536 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  if (lines < 0) console.log(lines);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The PERF-NOTES baseline for NDJSON: split on indexOf(10), decode each line from the Buffer, JSON.parse it. */
async function parseLines(path: string): Promise<number> {
  const start = process.hrtime.bigint();
  let events = 0;
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let p = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, p)) {
      if ((JSON.parse(buf.toString('utf8', p, nl)) as { message: string }).message.length >= 0) events++;
      p = nl + 1;
    }
    rest = Buffer.from(buf.subarray(p));
  }
  if (events < 0) console.log(events);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function decode(path: string): Promise<[number, number]> {
  const start = process.hrtime.bigint();
  let events = 0;
  for await (const batch of decodeFile({ path, size: 0 })) events += batch.length;
  return [Number(process.hrtime.bigint() - start) / 1e6, events];
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

const dir = await mkdtemp(join(tmpdir(), 'decode-micro-'));
try {
  const ndjson = generate((e) => `${JSON.stringify({ id: e.id, timestamp: e.t, message: e.message })}\n`);
  const s3 = generate((e) => `${new Date(e.t).toISOString()} ${e.message}\n`);
  const events = generate(
    (e) =>
      `${JSON.stringify({ logStreamName: e.stream, timestamp: e.t, message: e.message, ingestionTime: e.t + 5, eventId: e.id }, null, 4).replace(/\n/g, '\n        ')},\n        `,
  );
  const doc = `{\n    "events": [\n        ${events.slice(0, events.lastIndexOf(','))}\n    ],\n    "searchedLogStreams": []\n}\n`;
  const cases: [string, string, boolean][] = [
    ['ndjson', join(dir, 'e.ndjson'), false],
    ['s3 text', join(dir, '000000'), false],
    ['s3 .gz', join(dir, '000000.gz'), true],
    ['filter-log-events', join(dir, 'filter.json'), false],
  ];
  await writeFile(cases[0]![1], ndjson);
  await writeFile(cases[1]![1], s3);
  await writeFile(cases[2]![1], gzipSync(s3, { level: 6 }));
  await writeFile(cases[3]![1], doc);
  for (const [name, path, gz] of cases) {
    await floor(path, gz);
    const floors: number[] = [];
    const decodes: number[] = [];
    let count = 0;
    for (let run = 0; run < 3; run++) {
      floors.push(await floor(path, gz));
      const [ms, n] = await decode(path);
      decodes.push(ms);
      count = n;
    }
    const f = median(floors);
    const d = median(decodes);
    if (name === 'ndjson') {
      const baseline = median([await parseLines(path), await parseLines(path), await parseLines(path)]);
      console.log(`${'ndjson JSON.parse'.padEnd(18)} baseline x floor ${(baseline / f).toFixed(2)} (decodeFile: ${(d / f).toFixed(2)})`);
    }
    const mb = (gz ? s3.length : (name === 'ndjson' ? ndjson : name === 's3 text' ? s3 : doc).length) / 1048576;
    console.log(
      `${name.padEnd(18)} ${mb.toFixed(0)} MB  floor ${(mb / (f / 1000)).toFixed(0)} MB/s  decode ${(mb / (d / 1000)).toFixed(0)} MB/s ` +
        `${(count / (d / 1000) / 1e6).toFixed(2)} M events/s  x floor ${(d / f).toFixed(2)}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
