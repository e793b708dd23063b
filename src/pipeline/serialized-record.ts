/**
 * A record that crosses from a worker thread already written as its NDJSON line, with the few fields the main
 * thread reads (summary, filters, duplicates) beside it. Structured-cloning records cost more than it saved: on
 * 200 MB of S3 export with two workers, cloning and uncloning the 33k records and collecting the garbage they
 * left took the main thread about 0.6 s, a string per record about a tenth of that. Only the CLI's NDJSON and JSON
 * outputs ask for it; `analyze` gives SDK users objects, parsed from the line when a worker wrote one.
 * @module
 */
import type { TraceRecord } from '../types.js';

/** What the main thread reads of a record it does not need whole. */
export type RecordHead = Pick<TraceRecord, 'requestId' | 'cause' | 'status' | 'startTime' | 'endTime' | 'apiId' | 'stage' | 'source'> & {
  /** `authorizer.principal`. */
  principal: string | null;
};

/** A record as a worker wrote it. */
export interface SerializedRecord {
  /** Tells it from a TraceRecord (which has no such field). */
  readonly serialized: true;
  head: RecordHead;
  /** The record as {@link stringifyRecord} writes it (already redacted when the run redacts). */
  json: string;
}

/** A record, whole or serialized. */
export type AnyRecord = TraceRecord | SerializedRecord;

/** True for a {@link SerializedRecord}. */
export function isSerialized(record: AnyRecord): record is SerializedRecord {
  return (record as Partial<SerializedRecord>).serialized === true;
}

/** The head of any record (a TraceRecord is its own). */
export function headOf(record: AnyRecord): RecordHead | TraceRecord {
  return isSerialized(record) ? record.head : record;
}

/** The head of a whole record. */
export function makeHead(record: TraceRecord): RecordHead {
  return {
    requestId: record.requestId,
    cause: record.cause,
    status: record.status,
    startTime: record.startTime,
    endTime: record.endTime,
    apiId: record.apiId,
    stage: record.stage,
    source: record.source,
    principal: record.authorizer?.principal ?? null,
  };
}

/** The whole record: itself, or parsed from its line. */
export function wholeRecord(record: AnyRecord): TraceRecord {
  return isSerialized(record) ? (JSON.parse(record.json) as TraceRecord) : record;
}
