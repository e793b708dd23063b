/**
 * Map the field names of every structured container (CloudWatch event objects, subscription `logEvents`, Logs
 * Insights `@`-fields) onto one event shape.
 * @module
 */
import { parseTimeField } from './parse-timestamp.js';

/** The event fields a record yields; `message` null when the record has none (then it is not an event). */
export interface EventFields {
  timestamp: number | null;
  message: string | null;
  logStream: string | undefined;
  logGroup: string | undefined;
  eventId: string | undefined;
}

/** A record's field, as a string (tables) or any JSON value (objects). */
export type FieldReader = (name: string) => unknown;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function first(read: FieldReader, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = text(read(name));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** `timestamp` as epoch ms (number or digits) or ISO text; Insights `@timestamp` is UTC without a zone. */
function readTime(read: FieldReader): number | null {
  for (const name of ['@timestamp', 'timestamp']) {
    const value = read(name);
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string') return parseTimeField(value);
  }
  return null;
}

/**
 * Read the event fields of one record through `read`.
 * `@log` is `<account>:<logGroup>` in Logs Insights: the group is what follows the first colon.
 *
 * @example
 * const row = new Map([['@timestamp', '2024-05-19 06:10:35.743'], ['@message', '(id) x'], ['@log', '1:grp']]);
 * readEventFields((name) => row.get(name));
 * // { timestamp: 1716099035743, message: '(id) x', logStream: undefined, logGroup: 'grp', eventId: undefined }
 */
export function readEventFields(read: FieldReader): EventFields {
  const message = first(read, ['@message', 'message']) ?? null;
  let logGroup = first(read, ['logGroupName', 'logGroup']);
  const insightsLog = text(read('@log'));
  if (logGroup === undefined && insightsLog !== undefined) {
    const colon = insightsLog.indexOf(':');
    logGroup = colon === -1 ? insightsLog : insightsLog.slice(colon + 1);
  }
  return {
    timestamp: readTime(read),
    message,
    logStream: first(read, ['@logStream', 'logStreamName', 'logStream']),
    logGroup,
    eventId: first(read, ['eventId', 'id']),
  };
}
