/**
 * Streamed writers of the four archive forms: one NDJSON file, one filter-log-events document, an S3 export tree
 * of rotating `.gz` files, and a tree of Firehose objects (gzip members back to back). Memory stays bounded by
 * one chunk per open file and one subscription batch per stream.
 * @module
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openBufferedFile, type BufferedFile, type FileStats } from './buffered-file.js';
import {
  FILTER_LOG_EVENTS_HEAD, FILTER_LOG_EVENTS_SEPARATOR, FILTER_LOG_EVENTS_TAIL, formatControlMessage,
  formatFilterLogEventsEntry, formatNdjsonLine, formatS3ExportLine, formatSubscriptionMessage,
  S3_WRITE_TEST_BODY, S3_WRITE_TEST_KEY, type StoredEvent,
} from './containers.js';

/** The archive forms the generator writes. */
export type ArchiveForm = 'ndjson' | 'filter-log-events' | 's3-gz' | 'firehose';
export const ARCHIVE_FORMS: readonly ArchiveForm[] = ['ndjson', 'filter-log-events', 's3-gz', 'firehose'];

/** Totals of a finished archive. */
export interface SinkStats extends FileStats {
  files: number;
}

/** Where generated events go. */
export interface Sink {
  /** Writes one event; a returned promise means: wait before writing more. */
  write(event: StoredEvent): Promise<void> | undefined;
  /** Uncompressed bytes so far (drives the size target). */
  readonly bytes: number;
  end(): Promise<SinkStats>;
}

/** Options shared by the directory forms. */
export interface TreeOptions {
  /** Uncompressed bytes per file before starting the next one. */
  fileBytes: number;
  /** gzip level. */
  gzipLevel: number;
  /** For names: the export task id, or the Firehose object uuid source. */
  makeId: () => string;
  owner: string;
  logGroup: string;
}

const sum = (stats: readonly FileStats[]): SinkStats => ({
  textBytes: stats.reduce((n, s) => n + s.textBytes, 0),
  diskBytes: stats.reduce((n, s) => n + s.diskBytes, 0),
  newlines: stats.reduce((n, s) => n + s.newlines, 0),
  files: stats.length,
});

/** One NDJSON file. */
export function createNdjsonSink(path: string): Sink {
  const file = openBufferedFile(path);
  return { write: (e) => file.write(formatNdjsonLine(e)), get bytes() { return file.bytes; }, end: async () => sum([await file.end()]) };
}

/** One `aws logs filter-log-events` document, as the CLI prints it. */
export function createFilterLogEventsSink(path: string): Sink {
  const file = openBufferedFile(path);
  let count = 0;
  return {
    write: (e) => file.write((count++ === 0 ? FILTER_LOG_EVENTS_HEAD : FILTER_LOG_EVENTS_SEPARATOR) + formatFilterLogEventsEntry(e)),
    get bytes() { return file.bytes; },
    async end() {
      file.write(count === 0 ? '{\n    "events": [],\n    "searchedLogStreams": []\n}\n' : FILTER_LOG_EVENTS_TAIL);
      return sum([await file.end()]);
    },
  };
}

/** An S3 export: `<dir>/<taskId>/<logStream>/000000.gz, 000001.gz…` plus the `aws-logs-write-test` marker. */
export function createS3ExportSink(dir: string, options: TreeOptions): Sink {
  const taskId = options.makeId();
  const open = new Map<string, { file: BufferedFile; index: number }>();
  const finished: Promise<FileStats>[] = [];
  const marker = openBufferedFile(join(dir, S3_WRITE_TEST_KEY));
  marker.write(S3_WRITE_TEST_BODY);
  let rotated = 0;
  return {
    get bytes() {
      let n = rotated;
      for (const { file } of open.values()) n += file.bytes;
      return n;
    },
    write(e) {
      let current = open.get(e.logStream);
      if (current !== undefined && current.file.bytes >= options.fileBytes) {
        rotated += current.file.bytes;
        finished.push(current.file.end());
        current = { file: openBufferedFile(join(dir, taskId, e.logStream, `${String(current.index + 1).padStart(6, '0')}.gz`), options.gzipLevel), index: current.index + 1 };
        open.set(e.logStream, current);
      } else if (current === undefined) {
        current = { file: openBufferedFile(join(dir, taskId, e.logStream, '000000.gz'), options.gzipLevel), index: 0 };
        open.set(e.logStream, current);
      }
      return current.file.write(formatS3ExportLine(e));
    },
    async end() {
      const all = await Promise.all([...finished, ...[...open.values()].map(({ file }) => file.end()), marker.end()]);
      return sum(all);
    },
  };
}

/**
 * Firehose objects of a CloudWatch Logs subscription: `<dir>/YYYY/MM/DD/HH/<name>-1-<time>-<uuid>` (no `.gz`),
 * each a run of gzip members, one `DATA_MESSAGE` per stream batch; a `CONTROL_MESSAGE` opens the first object.
 */
export function createFirehoseSink(dir: string, options: TreeOptions): Sink {
  const batches = new Map<string, StoredEvent[]>();
  const batchChars = new Map<string, number>();
  const finished: Promise<FileStats>[] = [];
  let object: BufferedFile | null = null;
  let objectText = 0;
  let text = 0;
  let seen = 0;

  const append = (json: string, time: number): Promise<void> | undefined => {
    if (object === null || objectText >= options.fileBytes) {
      if (object !== null) finished.push(object.end());
      const iso = new Date(time).toISOString();
      const stamp = iso.slice(0, 19).replaceAll(/[-T:]/g, '-');
      const key = `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(11, 13)}/apigw-exec-logs-1-${stamp}-${options.makeId()}`;
      object = openBufferedFile(join(dir, key));
      objectText = 0;
    }
    const bytes = Buffer.byteLength(json);
    objectText += bytes;
    text += bytes;
    // gzipSync per member: members must be separate gzip streams, as Firehose concatenates CloudWatch's payloads.
    return object.write(gzipSync(json, { level: options.gzipLevel }));
  };
  const flushBatch = (stream: string): Promise<void> | undefined => {
    const events = batches.get(stream);
    if (events === undefined || events.length === 0) return undefined;
    batches.set(stream, []);
    batchChars.set(stream, 0);
    const json = formatSubscriptionMessage({ owner: options.owner, logGroup: options.logGroup, logStream: stream, filterName: 'to-firehose', events });
    return append(json, (events[0] as StoredEvent).timestamp);
  };
  return {
    get bytes() { return text; },
    write(e) {
      if (seen++ === 0) void append(formatControlMessage(e.timestamp - 60_000), e.timestamp);
      const list = batches.get(e.logStream) ?? [];
      list.push(e);
      batches.set(e.logStream, list);
      const chars = (batchChars.get(e.logStream) ?? 0) + e.message.length + 80;
      batchChars.set(e.logStream, chars);
      // A subscription delivers every few seconds or when its batch fills: flush at 256 KiB or 2 s of event time.
      if (chars >= 256 * 1024 || e.timestamp - (list[0] as StoredEvent).timestamp > 2000) return flushBatch(e.logStream);
      return undefined;
    },
    async end() {
      for (const stream of [...batches.keys()]) await flushBatch(stream);
      const current = object as BufferedFile | null;
      if (current !== null) finished.push(current.end());
      const all = await Promise.all(finished);
      return { ...sum(all), textBytes: text, newlines: 0 };
    },
  };
}
