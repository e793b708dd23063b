/**
 * Bigger exports for the pipeline tests, made from the bundled container sample (`samples/containers/events.ndjson`:
 * 79 events of four requests over two log streams, a multi-line event, non-ASCII text). Copy `k` renames the four
 * request ids and event ids and shifts every time by `k` × 10 minutes, so copies never share an authorizer-cache window
 * (the sample spans 9 minutes, the TTL is 5) and each copy's requests get the causes the sample's requests get.
 * Renderers follow LOG-FORMATS.md §2, not the decoders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTAINERS } from './helpers.js';

export interface ExportEvent {
  timestamp: number;
  message: string;
  logStream: string;
  eventId: string;
}

interface NdjsonEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

export const LOG_GROUP = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
const COPY_SHIFT_MS = 10 * 60_000;

/** The sample's events, in file order (time-sorted). */
export const SAMPLE_EVENTS: readonly ExportEvent[] = readFileSync(join(CONTAINERS, 'events.ndjson'), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line) as NdjsonEvent)
  .map((e) => ({ timestamp: e.timestamp, message: e.message, logStream: e.logStreamName, eventId: e.eventId }));

/** The request ids of the sample, in order of first appearance. */
export const SAMPLE_IDS: readonly string[] = [...new Set(SAMPLE_EVENTS.map((e) => requestIdOf(e.message)))].filter(
  (id): id is string => id !== null,
);

/** `(id) text` → id. */
export function requestIdOf(message: string): string | null {
  if (!message.startsWith('(')) return null;
  const close = message.indexOf(')');
  return close > 1 ? message.slice(1, close) : null;
}

/** The id request `id` of the sample gets in copy `k` (copy 0 keeps the sample's ids). */
export function copyId(id: string, k: number): string {
  return k === 0 ? id : `${id.slice(0, 24)}${k.toString(16).padStart(12, '0')}`;
}

/** `copies` copies of the sample, time-sorted (copies follow each other in time). */
export function makeEvents(copies: number): ExportEvent[] {
  const out: ExportEvent[] = [];
  for (let k = 0; k < copies; k++) {
    for (const e of SAMPLE_EVENTS) {
      let message = e.message;
      for (const id of SAMPLE_IDS) message = message.split(id).join(copyId(id, k));
      out.push({
        timestamp: e.timestamp + k * COPY_SHIFT_MS,
        message,
        logStream: e.logStream,
        eventId: `${e.eventId.slice(0, -8)}${String(k).padStart(8, '0')}`,
      });
    }
  }
  return out;
}

export function renderNdjson(events: readonly ExportEvent[]): string {
  return events
    .map((e) =>
      JSON.stringify({
        logStreamName: e.logStream,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.timestamp + 500,
        eventId: e.eventId,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** `aws logs filter-log-events` output: one document, 4-space indent. */
export function renderFilterLogEvents(events: readonly ExportEvent[]): string {
  const doc = {
    events: events.map((e) => ({
      logStreamName: e.logStream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.timestamp + 500,
      eventId: e.eventId,
    })),
    searchedLogStreams: [],
  };
  return `${JSON.stringify(doc, null, 4)}\n`;
}

/** The text inside an S3 export `.gz`: `<ISO time> <message>` per event, multi-line messages as they are. */
export function renderS3Text(events: readonly ExportEvent[]): string {
  return events.map((e) => `${new Date(e.timestamp).toISOString()} ${e.message}\n`).join('');
}

/** A Firehose object of a subscription: one gzip member per DATA_MESSAGE, back to back, a CONTROL_MESSAGE first. */
export function renderFirehose(events: readonly ExportEvent[]): Buffer {
  const control = JSON.stringify({
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [{ id: '', timestamp: events[0]?.timestamp ?? 0, message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.' }],
  });
  const members = [gzipSync(control)];
  for (const stream of [...new Set(events.map((e) => e.logStream))]) {
    const mine = events.filter((e) => e.logStream === stream);
    const data = JSON.stringify({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: LOG_GROUP,
      logStream: stream,
      subscriptionFilters: ['to-firehose'],
      logEvents: mine.map((e) => ({ id: e.eventId, timestamp: e.timestamp, message: e.message })),
    });
    members.push(gzipSync(data));
  }
  return Buffer.concat(members);
}

/** Deterministic pseudo-random bytes (a linear congruential generator). */
export function noise(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  return bytes;
}

/** The events of an S3 export text: a line starting with an ISO time starts an event, others continue it. */
export function readS3Text(text: string, logStream: string): ExportEvent[] {
  const events: ExportEvent[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const iso = line.slice(0, 24);
    if (line[24] === ' ' && iso.endsWith('Z') && !Number.isNaN(Date.parse(iso))) {
      events.push({ timestamp: Date.parse(iso), message: line.slice(25), logStream, eventId: `s3-${events.length}` });
    } else if (events.length > 0) {
      events[events.length - 1]!.message += `\n${line}`;
    }
  }
  return events;
}
