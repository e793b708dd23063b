/**
 * Generates a benchmark archive: requests from the mix, rendered to events, interleaved in time across about
 * fifty open requests, with a little local disorder, streamed into one of the four forms. Memory is bounded by
 * the open requests and one chunk per open file, whatever the size.
 * @module
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { StoredEvent } from './containers.js';
import { renderRequest } from './lines.js';
import { GENERATOR_VERSION, manifestPathOf, type ArchiveManifest } from './manifest.js';
import { createRequestMix } from './mix.js';
import { createRandom } from './prng.js';
import { causeOfOutcome, type RenderedEvent } from './request-spec.js';
import { SAMPLE_LOG_GROUP, SAMPLE_TARGET } from './sample-api.js';
import {
  createFilterLogEventsSink, createFirehoseSink, createNdjsonSink, createS3ExportSink, type ArchiveForm, type Sink,
} from './sinks.js';
import { TRUNCATED_MARKER } from './text.js';
import { createEventHeap } from './event-heap.js';

/** Options of {@link generateArchive}. */
export interface GenerateOptions {
  form: ArchiveForm;
  /** A file for `ndjson` and `filter-log-events`, a directory for `s3-gz` and `firehose`. */
  out: string;
  /** Uncompressed bytes to write (the archive ends when the requests open at that point finish). */
  targetBytes: number;
  seed: number;
  /** Uncompressed bytes per `.gz` file or Firehose object; default 16 MB. */
  fileBytes?: number;
  /** Log streams; default 8. */
  streams?: number;
  /** gzip level of the compressed forms; default 6 (zlib's default). */
  gzipLevel?: number;
  /** Replace `out` if it exists; default false (refuse). */
  force?: boolean;
  /** Called about every 16 MB with the uncompressed bytes written so far. */
  onProgress?: (bytes: number) => void;
}

function openSink(options: GenerateOptions, makeId: () => string): Sink {
  const tree = { fileBytes: options.fileBytes ?? 16_000_000, gzipLevel: options.gzipLevel ?? 6, makeId, owner: SAMPLE_TARGET.accountId, logGroup: SAMPLE_LOG_GROUP };
  switch (options.form) {
    case 'ndjson': return createNdjsonSink(options.out);
    case 'filter-log-events': return createFilterLogEventsSink(options.out);
    case 's3-gz': return createS3ExportSink(options.out, tree);
    case 'firehose': return createFirehoseSink(options.out, tree);
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Writes the archive and its manifest (`<out>.manifest.json`). Same options, same bytes.
 *
 * @example
 * const manifest = await generateArchive({ form: 'ndjson', out: 'benchmarks/data/a.ndjson', targetBytes: 1e6, seed: 42 });
 * manifest.events; // events written
 */
export async function generateArchive(options: GenerateOptions): Promise<ArchiveManifest> {
  if (!Number.isFinite(options.targetBytes) || options.targetBytes <= 0) throw new TypeError('targetBytes: a positive number');
  if (!Number.isSafeInteger(options.seed)) throw new TypeError('seed: an integer');
  if (options.streams !== undefined && !(Number.isInteger(options.streams) && options.streams > 0)) {
    throw new TypeError('streams: a positive integer');
  }
  if (existsSync(options.out)) {
    if (options.force !== true) throw new Error(`${options.out} exists (pass force to replace it)`);
    rmSync(options.out, { recursive: true });
  }
  const random = createRandom(options.seed);
  const attrs = createRandom(options.seed ^ 0x5bd1e995);
  const startTime = Date.UTC(2026, 2, 14, 9, 0, 0);
  const mix = createRequestMix(random, { startTime, streams: options.streams ?? 8 });
  const prefixes = mix.streams.map(() => `3${attrs.chars('0123456789', 38)}`);
  const sink = openSink(options, () => attrs.uuid());
  const m: ArchiveManifest = {
    generatorVersion: GENERATOR_VERSION, form: options.form, seed: options.seed, targetBytes: options.targetBytes,
    fileBytes: options.fileBytes ?? 16_000_000, streams: mix.streams.length, textBytes: 0, diskBytes: 0, files: 0,
    newlines: 0, events: 0, traces: 0, cacheHits: 0, byOutcome: {}, byCause: {}, multiLineEvents: 0, truncatedEvents: 0,
    nonAsciiEvents: 0, disorderedEvents: 0, maxOpenRequests: 0, firstEvent: '', lastEvent: '',
  };
  const heap = createEventHeap();
  // Local disorder: now and then an event is written a few events late, as exports and forwarders do.
  const held: { event: StoredEvent; release: number }[] = [];
  let written = 0;
  let first = Infinity;
  let last = -Infinity;
  let nextProgress = 16_000_000;

  const write = (event: StoredEvent): Promise<void> | undefined => {
    written++;
    m.events++;
    first = Math.min(first, event.timestamp);
    last = Math.max(last, event.timestamp);
    if (event.message.includes('\n')) m.multiLineEvents++;
    if (event.message.endsWith(TRUNCATED_MARKER)) m.truncatedEvents++;
    if (NON_ASCII.test(event.message)) m.nonAsciiEvents++;
    return sink.write(event);
  };
  // Returns the last backpressure promise, if any: the loop awaits once per flushed chunk, not once per event.
  const emit = (event: StoredEvent): Promise<void> | undefined => {
    let wait: Promise<void> | undefined;
    if (attrs.chance(0.002)) {
      held.push({ event, release: written + attrs.between(1, 40) });
      m.disorderedEvents++;
    } else wait = write(event);
    for (let i = 0; i < held.length; i++) {
      const h = held[i] as (typeof held)[number];
      if (h.release > written) continue;
      held.splice(i--, 1);
      wait = write(h.event) ?? wait;
    }
    return wait;
  };

  let pending = mix.next();
  let seq = 0;
  let eventCount = 0;
  let stopping = false;
  for (;;) {
    const top = heap.peek();
    if (!stopping && (top === undefined || pending.spec.startTime <= top.time)) {
      const events = renderRequest(pending.spec);
      heap.push({ time: (events[0] as RenderedEvent).timestamp, seq: seq++, events, next: 0, stream: pending.stream });
      m.traces++;
      if (pending.spec.cacheHit) m.cacheHits++;
      m.byOutcome[pending.spec.outcome] = (m.byOutcome[pending.spec.outcome] ?? 0) + 1;
      const cause = causeOfOutcome(pending.spec.outcome);
      m.byCause[cause] = (m.byCause[cause] ?? 0) + 1;
      m.maxOpenRequests = Math.max(m.maxOpenRequests, heap.size);
      pending = mix.next();
      continue;
    }
    const open = heap.pop();
    if (open === undefined) break;
    const event = open.events[open.next++] as RenderedEvent;
    const logStream = mix.streams[open.stream] as string;
    const eventId = `${prefixes[open.stream]}${String(eventCount++).padStart(17, '0')}`;
    const wait = emit({ ...event, logStream, eventId, ingestionTime: event.timestamp + attrs.between(200, 900) });
    if (wait !== undefined) await wait;
    if (open.next < open.events.length) {
      open.time = (open.events[open.next] as RenderedEvent).timestamp;
      heap.push(open);
    }
    if (!stopping && sink.bytes >= options.targetBytes) stopping = true;
    if (sink.bytes >= nextProgress) {
      options.onProgress?.(sink.bytes);
      nextProgress += 16_000_000;
    }
  }
  for (const h of held.splice(0)) await write(h.event);
  // (end of input: the few held events go out last)
  const stats = await sink.end();
  Object.assign(m, stats, { firstEvent: new Date(first).toISOString(), lastEvent: new Date(last).toISOString() });
  writeFileSync(manifestPathOf(options.out), `${JSON.stringify(m, null, 2)}\n`);
  return m;
}
