import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { CAUSES } from '../../src/types.js';
import { findSecretLeaks, SECRETS } from '../../benchmarks/lib/secrets.js';
import { S3_EXPORT_TO, writeSamples, type ExpectedRequest } from '../../benchmarks/lib/write-samples.js';
import {
  readFilterLogEvents, readFirehose, readNdjson, readS3Export, readTail, sortEvents, type PlainEvent,
} from './read-containers.js';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'trace403-samples-'));
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name)) : [join(dir, name)]));
}
const isGzip = (data: Buffer): boolean => data[0] === 0x1f && data[1] === 0x8b;
const read = (path: string): Buffer => readFileSync(join(SAMPLES, path));
const idOf = (message: string): string => message.slice(1, message.indexOf(')'));
const bodyOf = (message: string): string => (message.endsWith(' [TRUNCATED]') ? message.slice(0, -12) : message);

interface Expected {
  events: number;
  requests: ExpectedRequest[];
}
const incident = JSON.parse(read('expected/incident.json').toString()) as Expected;
const byLabel = new Map(incident.requests.map((r) => [r.label, r]));
const get = (label: string): ExpectedRequest => byLabel.get(label) as ExpectedRequest;

/** The incident's events per file, in file order (the S3 stream name comes from the key path). */
function readIncident(): Map<string, PlainEvent[]> {
  const files = new Map<string, PlainEvent[]>();
  for (const path of listFiles(join(SAMPLES, 'incident'))) {
    const rel = relative(SAMPLES, path);
    if (rel.endsWith('.json')) files.set(rel, readFilterLogEvents(readFileSync(path, 'utf8')));
    else if (rel.endsWith('.gz')) files.set(rel, readS3Export(readFileSync(path), rel.split('/').at(-2) as string));
  }
  return files;
}
const incidentFiles = readIncident();
const incidentEvents = [...incidentFiles.values()].flat();

test('samples/ is exactly what benchmarks/make-samples.ts writes (gzip compared decompressed)', (t) => {
  writeSamples(tmp);
  const fresh = listFiles(tmp).map((p) => relative(tmp, p));
  t.deepEqual(listFiles(SAMPLES).map((p) => relative(SAMPLES, p)), fresh, 'run: node --import tsx benchmarks/make-samples.ts');
  for (const path of fresh) {
    const want = readFileSync(join(tmp, path));
    const have = read(path);
    const same = isGzip(want) ? gunzipSync(want).equals(gunzipSync(have)) : want.equals(have);
    t.true(same, `${path} drifted: run node --import tsx benchmarks/make-samples.ts`);
  }
});

test('incident: every request exactly once, in one file, and every cause of SPEC.md', (t) => {
  t.is(incidentEvents.length, incident.events);
  const fileOfId = new Map<string, string>();
  for (const [file, events] of incidentFiles) {
    for (const e of events) {
      const id = idOf(e.message);
      t.is(fileOfId.get(id) ?? file, file, `request ${id} spans two files`);
      fileOfId.set(id, file);
    }
  }
  t.deepEqual([...fileOfId.keys()].sort(), incident.requests.map((r) => r.requestId).sort());
  for (const r of incident.requests) t.is(fileOfId.get(r.requestId), r.file, r.label);
  t.deepEqual([...new Set(incident.requests.map((r) => r.cause))].sort(), [...CAUSES].sort());
  t.is(new Set(incidentEvents.map((e) => e.logStream)).size, 3);
});

test('incident: r17 is refused by the policy cached from r16, which sits in another file later in input order', (t) => {
  const hit = get('r17');
  const origin = get('r16');
  t.is(hit.cachedFrom, origin.requestId);
  t.is(hit.cause, 'AUTHORIZER_CACHED_POLICY_DENY');
  t.not(hit.file, origin.file);
  t.true(hit.file < origin.file, 'the hit comes first when the directory is walked in name order');
  t.true(Date.parse(hit.startTime) - Date.parse(origin.startTime) < 300_000);
  const hitLines = incidentEvents.filter((e) => idOf(e.message) === hit.requestId).map((e) => e.message);
  t.false(hitLines.some((m) => m.includes('Endpoint request')), 'a cache hit invokes no Lambda');
  t.true(hitLines.at(-1)?.endsWith('The client is not authorized to perform this operation.'));
  const result = incidentEvents.find((e) => idOf(e.message) === origin.requestId && e.message.includes('Authorizer result body'));
  t.true(result?.message.includes('"Resource":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders/3003"}]'));
});

test('incident: r19 comes before its origin r18 inside one S3 file (exports are not time-sorted)', (t) => {
  const hit = get('r19');
  const origin = get('r18');
  t.is(hit.file, origin.file);
  t.is(hit.cachedFrom, origin.requestId);
  const events = incidentFiles.get(hit.file) ?? [];
  const first = (id: string): number => events.findIndex((e) => idOf(e.message) === id);
  t.true(first(hit.requestId) < first(origin.requestId));
  t.true(Date.parse(hit.startTime) > Date.parse(origin.startTime));
});

test('incident: 1024-byte cuts, multi-line and non-ASCII events, X-Ray lines after the terminal line', (t) => {
  const messages = incidentEvents.map((e) => e.message);
  for (const m of messages) t.true(Buffer.byteLength(bodyOf(m)) <= 1024);
  t.true(messages.filter((m) => m.endsWith(' [TRUNCATED]')).length > 50);
  const multiLine = new Set(incidentEvents.filter((e) => e.message.includes('\n')).map((e) => idOf(e.message)));
  t.deepEqual([...multiLine].sort(), ['r07', 'r11', 'r25'].map((l) => get(l).requestId).sort());
  t.true(messages.some((m) => m.includes('Resource Path: /stores/Zürich/orders')));
  t.true(messages.some((m) => m.includes('"principalId":"customer/Zoë-Ångström"')));
  for (const label of ['r07', 'r22', 'r35', 'r37']) {
    const lines = incidentEvents.filter((e) => idOf(e.message) === get(label).requestId);
    t.true(lines.at(-1)?.message.includes(') X-ray Tracing ID : Root=1-'), label);
  }
  const r41 = incidentEvents.find((e) => idOf(e.message) === get('r41').requestId && e.message.includes('"type":"TOKEN"'));
  t.true(r41?.message.endsWith(' [TRUNCATED]'));
  t.false(r41?.message.includes('/prod/GET/orders"'), 'the methodArn of r41 is cut off');
  const r22 = incidentEvents.find((e) => idOf(e.message) === get('r22').requestId && e.message.includes('Authorizer result body'));
  t.true(r22?.message.endsWith(' [TRUNCATED]'));
});

test('incident: the S3 export ends at 09:37:00 and cuts r44 after its authorizer call is sent', (t) => {
  const r44 = get('r44');
  t.is(r44.cause, 'INCOMPLETE');
  t.is(r44.outcome, 'allowed', 'the ground truth keeps what really happened');
  for (const [file, events] of incidentFiles) {
    if (file.endsWith('.gz')) t.true(events.every((e) => e.timestamp < S3_EXPORT_TO), file);
  }
  const lines = incidentEvents.filter((e) => idOf(e.message) === r44.requestId).map((e) => e.message.slice(r44.requestId.length + 3));
  t.true(lines[0]?.startsWith('Extended Request Id: '));
  t.true(lines[1]?.startsWith('Starting authorizer: tok4uz for request: '));
  t.true(lines.at(-1)?.startsWith('Sending request to https://lambda.'));
  // Nothing that decides: no answer, no decision line, no status.
  for (const word of ['Authorizer result body', 'Starting execution', 'not authorized', 'Unauthorized request', 'Method completed']) {
    t.false(lines.some((l) => l.includes(word)), word);
  }
  // r44 is the only request the window cuts.
  t.is(incident.requests.filter((r) => r.cause === 'INCOMPLETE').length, 1);
});

test('containers: every container holds the same events', (t) => {
  const containers = JSON.parse(read('containers/../expected/containers.json').toString()) as Expected;
  const reference = sortEvents(readFilterLogEvents(read('containers/filter-log-events.json').toString()));
  t.is(reference.length, containers.events);
  t.deepEqual([...new Set(reference.map((e) => idOf(e.message)))].sort(), containers.requests.map((r) => r.requestId).sort());
  t.deepEqual(sortEvents(readNdjson(read('containers/events.ndjson').toString())), reference, 'ndjson');
  t.deepEqual(sortEvents(readTail(read('containers/tail.txt').toString())), reference, 'tail');
  const s3 = listFiles(join(SAMPLES, 'containers/s3-export')).filter((p) => p.endsWith('.gz'));
  t.deepEqual(sortEvents(s3.flatMap((p) => readS3Export(readFileSync(p), p.split('/').at(-2) as string))), reference, 's3 export');
  t.is(read('containers/s3-export/aws-logs-write-test').toString(), 'Permission Check Successful');
  const [object, ...others] = listFiles(join(SAMPLES, 'containers/firehose'));
  t.is(others.length, 0);
  const firehose = readFirehose(readFileSync(object as string));
  t.deepEqual(sortEvents(firehose.events), reference, 'firehose');
  t.is(firehose.messageTypes[0], 'CONTROL_MESSAGE');
  t.true(firehose.messageTypes.filter((m) => m === 'DATA_MESSAGE').length >= 3);
});

test('console test: 2017 wording in the console\'s format, ending in a bare Unauthorized', (t) => {
  const lines = read('containers/console-test.txt').toString().split('\n');
  t.is(lines.pop(), '');
  t.regex(lines[0] ?? '', /^Execution log for request [0-9a-f-]{36}$/);
  const messages = lines.slice(1).map((line) => {
    t.regex(line, /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC 2017 : /);
    return line.slice(31);
  });
  t.is(messages.at(-1), 'Unauthorized');
  t.true(messages.at(-2)?.startsWith('Unauthorized request: '));
  t.false(messages.some((m) => m.startsWith('Extended Request Id') || m.startsWith('Sending request to') || m.startsWith('(')));
  t.true(messages.some((m) => m.includes('/ESTestInvoke-stage/GET/')));
});

test('secrets: every listed secret appears in the samples (so a no-leak assertion on reports means something)', (t) => {
  const containers = readFilterLogEvents(read('containers/filter-log-events.json').toString()).map((e) => e.message);
  const text = [...incidentEvents.map((e) => e.message), ...containers, read('containers/console-test.txt').toString()].join('\n');
  const missing = SECRETS.filter((secret) => findSecretLeaks(text, [secret]).length === 0);
  t.deepEqual(missing, [], 'secrets listed but never written');
});

test('README: one row per incident request', (t) => {
  const readme = read('README.md').toString();
  for (const r of incident.requests) t.true(readme.includes(`| ${r.label} | ${r.startTime.slice(11, 23)} |`), r.label);
});
