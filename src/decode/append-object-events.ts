/**
 * The general path of the JSON containers: turn one parsed JSON record into events, whatever its shape: a
 * CloudWatch event, a subscription payload (`logEvents`, `CONTROL_MESSAGE` skipped), the Lambda subscriber form
 * `{"awslogs":{"data":"<base64 gzip>"}}`, or a small `{"events":[…]}` document.
 * @module
 */
import { gunzipSync } from 'node:zlib';
import type { LogEvent, SourcePosition } from '../types.js';
import type { DecodeContext } from './decode-context.js';
import { readEventFields } from './read-event-fields.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Append the events of one parsed record to `out`. `raw` is the record's JSON text: an object with no message field
 * at all (an access-log record, say) is still an event of another service, and its message is that text.
 *
 * @example
 * appendObjectEvents(JSON.parse(line), line, ctx, { file: 'x.ndjson', line: 3 }, out);
 */
export function appendObjectEvents(
  value: unknown,
  raw: string,
  ctx: DecodeContext,
  source: SourcePosition,
  out: LogEvent[],
): void {
  appendValue(value, raw, ctx, source, out, 0);
}

function appendValue(
  value: unknown,
  raw: string,
  ctx: DecodeContext,
  source: SourcePosition,
  out: LogEvent[],
  nesting: number,
): void {
  if (!isRecord(value)) {
    ctx.malformed('MALFORMED_RECORD', 'JSON record is not an object', source);
    return;
  }
  const awslogs = value['awslogs'];
  if (isRecord(awslogs) && typeof awslogs['data'] === 'string' && nesting === 0) {
    appendAwslogsData(awslogs['data'], ctx, source, out);
    return;
  }
  if (value['messageType'] === 'CONTROL_MESSAGE') {
    ctx.skip();
    return;
  }
  const list = Array.isArray(value['logEvents']) ? value['logEvents'] : value['events'];
  if (Array.isArray(list)) {
    const group = optionalString(value['logGroup']) ?? optionalString(value['logGroupName']);
    const stream = optionalString(value['logStream']) ?? optionalString(value['logStreamName']);
    for (const item of list) {
      if (!isRecord(item)) {
        ctx.malformed('MALFORMED_RECORD', 'Log event is not an object', source);
        continue;
      }
      appendEvent(item, undefined, ctx, source, out, stream, group);
    }
    return;
  }
  appendEvent(value, raw, ctx, source, out, undefined, undefined);
}

/**
 * Append one event object, in `stream` and `group` unless it names its own. `raw` is its JSON text when it is a
 * whole record (its message when it has no message field at all, see {@link appendObjectEvents}), undefined for an
 * element of a list (then a missing message is malformed). Exported for the subscription fast path, whose non-ASCII
 * events must read exactly as here.
 * @example appendEvent(JSON.parse(text), undefined, ctx, source, out, 'stream', 'group');
 */
export function appendEvent(
  item: Record<string, unknown>,
  raw: string | undefined,
  ctx: DecodeContext,
  source: SourcePosition,
  out: LogEvent[],
  stream: string | undefined,
  group: string | undefined,
): void {
  const fields = readEventFields((name) => item[name]);
  let message = fields.message;
  if (message === null) {
    if (raw === undefined || 'message' in item || '@message' in item) {
      ctx.malformed('MALFORMED_RECORD', 'Log event has no message', source);
      return;
    }
    message = raw.trim();
  }
  ctx.emit(out, fields.timestamp, message, source, fields.logStream ?? stream, fields.logGroup ?? group, fields.eventId);
}

/** The Lambda subscriber form: base64 of a gzip of one subscription payload. */
function appendAwslogsData(data: string, ctx: DecodeContext, source: SourcePosition, out: LogEvent[]): void {
  let text: string;
  try {
    // maxOutputLength: a small base64 string must not inflate into gigabytes.
    text = gunzipSync(Buffer.from(data, 'base64'), { maxOutputLength: ctx.maxRecordBytes }).toString('utf8');
  } catch {
    ctx.malformed('MALFORMED_RECORD', 'awslogs.data is not base64 of a gzip within the record size cap', source);
    return;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    ctx.malformed('MALFORMED_RECORD', 'awslogs.data does not hold a JSON payload', source);
    return;
  }
  appendValue(payload, text, ctx, source, out, 1);
}
