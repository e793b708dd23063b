/**
 * Builds the files of `samples/` from the incident scenario: `incident/` (each request once, in two containers:
 * what `trace403 samples/incident/` reads), `containers/` (a few requests in every container, for decoder tests),
 * `expected/` (the ground truth of each request) and the README. Deterministic.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  formatControlMessage, formatNdjsonLine, formatS3ExportLine, formatSubscriptionMessage, formatTailLine,
  renderConsoleLog, renderFilterLogEvents, S3_WRITE_TEST_BODY, S3_WRITE_TEST_KEY, type StoredEvent,
} from './containers.js';
import { buildIncident, type SampleRequest } from './incident.js';
import { renderRequest } from './lines.js';
import { createRandom, type Random } from './prng.js';
import { buildConsoleTest } from './console-test.js';
import { renderSamplesReadme } from './samples-readme.js';
import { expectedOf, formatExpected } from './expected-requests.js';

export type { ExpectedRequest } from './expected-requests.js';
import { SAMPLE_LOG_GROUP, SAMPLE_TARGET } from './sample-api.js';

/** The requests copied into every container of `samples/containers/`. */
export const CONTAINER_LABELS = ['r04', 'r07', 'r12', 'r17'] as const;

/**
 * The S3 export task's `--to` (exclusive): streams 2 and 3 lose the events logged at or after it, so a request still
 * in flight then (r44) is only partly exported. Stream 1 (`filter-log-events`) has no end and keeps everything.
 */
export const S3_EXPORT_TO = Date.parse('2026-03-14T09:37:00Z');

/** A request with its stored events. */
export interface Placed {
  request: SampleRequest;
  events: StoredEvent[];
  /** Some of its events fell outside the export window: a reader can only call it `INCOMPLETE`. */
  cut?: boolean;
}

const byTime = (a: StoredEvent, b: StoredEvent): number => a.timestamp - b.timestamp;

/** Gives each event the stored attributes CloudWatch adds: stream, 56-digit id, ingestion time. */
function store(requests: readonly SampleRequest[], streams: readonly string[], random: Random): Placed[] {
  return requests.map((request) => {
    const logStream = streams[request.stream - 1] as string;
    const events = renderRequest(request.spec).map((e) => ({
      ...e, logStream, eventId: `3${random.chars('0123456789', 55)}`, ingestionTime: e.timestamp + random.between(180, 950),
    }));
    if (request.stream === 1) return { request, events };
    const exported = events.filter((e) => e.timestamp < S3_EXPORT_TO);
    return exported.length === events.length ? { request, events } : { request, events: exported, cut: true };
  });
}

const gzip = (text: string): Buffer => gzipSync(Buffer.from(text), { level: 9 });

/** Splits a stream's events into subscription batches at gaps of more than a second (one delivery each). */
function batchesOf(events: readonly StoredEvent[]): StoredEvent[][] {
  const batches: StoredEvent[][] = [];
  for (const e of events) {
    const last = batches.at(-1);
    const previous = last?.at(-1);
    if (last !== undefined && previous !== undefined && e.timestamp - previous.timestamp <= 1000) last.push(e);
    else batches.push([e]);
  }
  return batches;
}

/**
 * Builds every sample file in memory: relative path → bytes.
 *
 * @example
 * buildSampleFiles().get('incident/filter-log-events.json');
 */
export function buildSampleFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const put = (path: string, data: string | Buffer): void => void files.set(path, typeof data === 'string' ? Buffer.from(data) : data);
  const random = createRandom(314);
  const incident = buildIncident();
  const [s1, s2, s3] = incident.streams as [string, string, string];
  const placed = store(incident.requests, incident.streams, random);
  const eventsOf = (stream: string, list = placed): StoredEvent[] =>
    list.flatMap((p) => p.events).filter((e) => e.logStream === stream).sort(byTime);

  // incident/: stream 1 as pulled with filter-log-events, streams 2 and 3 from an S3 export.
  const s3Dir = `incident/s3-export/${incident.taskId}`;
  put('incident/filter-log-events.json', renderFilterLogEvents(eventsOf(s1)));
  put(`incident/s3-export/${S3_WRITE_TEST_KEY}`, S3_WRITE_TEST_BODY);
  put(`${s3Dir}/${s2}/000000.gz`, gzip(eventsOf(s2).map(formatS3ExportLine).join('')));
  // Export files are not time-sorted: this one holds its later half first, so r19 precedes its origin r18.
  const third = eventsOf(s3);
  const cut = Date.parse('2026-03-14T09:21:05Z');
  const swapped = [...third.filter((e) => e.timestamp >= cut), ...third.filter((e) => e.timestamp < cut)];
  put(`${s3Dir}/${s3}/000000.gz`, gzip(swapped.map(formatS3ExportLine).join('')));
  const fileOf = (p: Placed): string =>
    p.request.stream === 1 ? 'incident/filter-log-events.json' : `${s3Dir}/${p.events[0]?.logStream}/000000.gz`;
  const ids = new Map(incident.requests.map((r) => [r.label, r.spec.requestId]));
  const incidentExpected = expectedOf(placed, fileOf, ids);

  // containers/: the same few requests in every container.
  const chosen = placed.filter((p) => (CONTAINER_LABELS as readonly string[]).includes(p.request.label));
  const all = chosen.flatMap((p) => p.events).sort(byTime);
  const taskId = random.uuid();
  put('containers/filter-log-events.json', renderFilterLogEvents(all));
  put('containers/events.ndjson', all.map(formatNdjsonLine).join(''));
  put('containers/tail.txt', all.map(formatTailLine).join(''));
  put(`containers/s3-export/${S3_WRITE_TEST_KEY}`, S3_WRITE_TEST_BODY);
  for (const stream of [s1, s2, s3]) {
    const lines = eventsOf(stream, chosen).map(formatS3ExportLine).join('');
    if (lines !== '') put(`containers/s3-export/${taskId}/${stream}/000000.gz`, gzip(lines));
  }
  const first = all[0] as StoredEvent;
  const members = [gzip(formatControlMessage(first.timestamp - 60_000))];
  const batches = [s1, s2, s3].flatMap((stream) => batchesOf(eventsOf(stream, chosen)));
  batches.sort((a, b) => (a[0] as StoredEvent).timestamp - (b[0] as StoredEvent).timestamp);
  for (const events of batches) {
    const logStream = (events[0] as StoredEvent).logStream;
    const message = formatSubscriptionMessage({ owner: SAMPLE_TARGET.accountId, logGroup: SAMPLE_LOG_GROUP, logStream, filterName: 'to-firehose', events });
    members.push(gzip(message));
  }
  const stamp = new Date(first.timestamp).toISOString().slice(0, 19).replaceAll(/[-T:]/g, '-');
  put(`containers/firehose/2026/03/14/09/apigw-exec-logs-1-${stamp}-${random.uuid()}`, Buffer.concat(members));
  const consoleTest = buildConsoleTest();
  put('containers/console-test.txt', renderConsoleLog(consoleTest.requestId, consoleTest.events));
  const containersExpected = expectedOf(chosen, () => 'containers/*', ids);

  const counts = { incidentEvents: placed.reduce((n, p) => n + p.events.length, 0), containerEvents: all.length };
  const common = { logGroup: SAMPLE_LOG_GROUP, apiId: SAMPLE_TARGET.apiId, stage: SAMPLE_TARGET.stage, authorizerTtlSeconds: 300 };
  put('expected/incident.json', formatExpected({ ...common, events: counts.incidentEvents, requests: incidentExpected }));
  put(
    'expected/containers.json',
    formatExpected({ ...common, events: counts.containerEvents, requests: containersExpected, consoleTest: consoleTest.expected }),
  );
  put('README.md', renderSamplesReadme({ containerLabels: CONTAINER_LABELS, incident: incidentExpected, counts }));
  return files;
}

/**
 * Writes the sample files under `dir` (created as needed; existing files are overwritten, others left alone).
 *
 * @returns the relative paths written.
 * @example
 * writeSamples('samples');
 */
export function writeSamples(dir: string): string[] {
  const files = buildSampleFiles();
  for (const [path, data] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return [...files.keys()];
}
