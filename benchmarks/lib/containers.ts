/**
 * Writes log events into the containers users hand to trace403 (LOG-FORMATS.md §2). Per-event formatters are
 * shared by the sample builder (whole documents) and the archive generator (streamed).
 * @module
 */
import type { RenderedEvent } from './request-spec.js';
import { formatConsoleTime, formatIsoTime, formatTailTime } from './text.js';

/** An event as CloudWatch stores it. */
export interface StoredEvent extends RenderedEvent {
  logStream: string;
  /** 56 decimal digits. */
  eventId: string;
  ingestionTime: number;
}

/** One NDJSON line (`jq -c '.events[]'` of a filter-log-events document), newline included. */
export function formatNdjsonLine(e: StoredEvent): string {
  return `{"logStreamName":${JSON.stringify(e.logStream)},"timestamp":${e.timestamp},"message":${JSON.stringify(e.message)},"ingestionTime":${e.ingestionTime},"eventId":"${e.eventId}"}\n`;
}

/** The AWS CLI prints JSON with a 4-space indent: the document head, one entry, the separator and tail. */
export const FILTER_LOG_EVENTS_HEAD = '{\n    "events": [\n';
export const FILTER_LOG_EVENTS_SEPARATOR = ',\n';
export const FILTER_LOG_EVENTS_TAIL = '\n    ],\n    "searchedLogStreams": []\n}\n';

/** One entry of the `events` array, indented as `aws logs filter-log-events` prints it, without separator. */
export function formatFilterLogEventsEntry(e: StoredEvent): string {
  return (
    `        {\n            "logStreamName": ${JSON.stringify(e.logStream)},\n            "timestamp": ${e.timestamp},\n` +
    `            "message": ${JSON.stringify(e.message)},\n            "ingestionTime": ${e.ingestionTime},\n` +
    `            "eventId": "${e.eventId}"\n        }`
  );
}

/**
 * A whole `aws logs filter-log-events` output (pages merged by the CLI), byte-identical to what
 * `JSON.stringify(doc, null, 4)` gives, plus the CLI's final newline.
 *
 * @example
 * renderFilterLogEvents([]); // '{\n    "events": [],\n    "searchedLogStreams": []\n}\n'
 */
export function renderFilterLogEvents(events: readonly StoredEvent[]): string {
  if (events.length === 0) return '{\n    "events": [],\n    "searchedLogStreams": []\n}\n';
  return FILTER_LOG_EVENTS_HEAD + events.map(formatFilterLogEventsEntry).join(FILTER_LOG_EVENTS_SEPARATOR) + FILTER_LOG_EVENTS_TAIL;
}

// Consecutive events often share a millisecond: reusing the last ISO string saves a Date per event (about 5 %
// of the S3 generator's time in a profile).
let lastMs = NaN;
let lastIso = '';

/** One S3-export line `2026-03-14T09:12:03.100Z <message>`; a multi-line message continues on bare lines. */
export function formatS3ExportLine(e: RenderedEvent): string {
  if (e.timestamp !== lastMs) {
    lastMs = e.timestamp;
    lastIso = formatIsoTime(e.timestamp);
  }
  return `${lastIso} ${e.message}\n`;
}

/** One `aws logs tail --format detailed` line: `<time> <logStream> <message>`. */
export function formatTailLine(e: StoredEvent): string {
  return `${formatTailTime(e.timestamp)} ${e.logStream} ${e.message}\n`;
}

/**
 * The console's test log: `Execution log for request <id>`, then `<Java date> : <message>` lines.
 *
 * @example
 * renderConsoleLog('abc', [{ timestamp: 0, message: 'Unauthorized' }]);
 * // 'Execution log for request abc\nThu Jan 01 00:00:00 UTC 1970 : Unauthorized\n'
 */
export function renderConsoleLog(requestId: string, events: readonly RenderedEvent[]): string {
  return `Execution log for request ${requestId}\n${events.map((e) => `${formatConsoleTime(e.timestamp)} : ${e.message}\n`).join('')}`;
}

/** What a CloudWatch Logs subscription sends: one stream's batch of events. */
export interface SubscriptionBatch {
  owner: string;
  logGroup: string;
  logStream: string;
  filterName: string;
  events: readonly StoredEvent[];
}

/** The JSON of a `DATA_MESSAGE` (Firehose writes them gzipped, back to back, with no separator). */
export function formatSubscriptionMessage(batch: SubscriptionBatch): string {
  const events = batch.events.map((e) => `{"id":"${e.eventId}","timestamp":${e.timestamp},"message":${JSON.stringify(e.message)}}`);
  return (
    `{"messageType":"DATA_MESSAGE","owner":"${batch.owner}","logGroup":${JSON.stringify(batch.logGroup)},` +
    `"logStream":"${batch.logStream}","subscriptionFilters":[${JSON.stringify(batch.filterName)}],"logEvents":[${events.join(',')}]}`
  );
}

/** The health check CloudWatch Logs sends when a subscription is created (readers skip it). */
export function formatControlMessage(timestamp: number): string {
  return (
    '{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],' +
    `"logEvents":[{"id":"","timestamp":${timestamp},"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}`
  );
}

/** The object CloudWatch Logs writes under an export prefix to test its permissions. */
export const S3_WRITE_TEST_KEY = 'aws-logs-write-test';
export const S3_WRITE_TEST_BODY = 'Permission Check Successful';
