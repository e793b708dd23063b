import { findRequestIdEnd } from '../reassemble/find-request-id.js';
import type { RawTrace, Trace, TraceLine } from '../types.js';
import { finishTrace } from './finish-trace.js';
import { readLine } from './read-line.js';
import { createDraft } from './trace-draft.js';

/**
 * Understands one request's lines: the authorizer's id, type, Lambda, identity, request and result, the
 * resource-policy refusal, the usage plan, the method and path, the gateway response and the status, with
 * each recognised line marked by its index in `lines` (LOG-FORMATS.md §4). Pure and synchronous: the
 * `(id) ` prefix is cut from each line, and nothing else is copied out of the raw events.
 *
 * Missing lines leave their fields null: a trace cut by truncation or closed early still extracts.
 * Where a fact has several sources the best wins: API id and stage from the log group name, then the endpoint
 * request headers, then the method ARN, then the usage plan line; the method ARN from the authorizer request
 * body, else rebuilt from `HTTP Method` + `Resource Path` + region, account, API and stage (never from an
 * integration's `X-Amz-Source-Arn`, which names the route template); the status from
 * `Method completed with status`, else the gateway response, else the refusal line (403, 401 or 500).
 *
 * @param raw - one request's events, as the reassembler emits them (sorted by time).
 * @example
 * const trace = extractTrace({
 *   requestId: 'r1',
 *   closedBy: 'terminal',
 *   events: [
 *     { timestamp: 1, message: '(r1) Starting authorizer: ab12cd for request: r1', source: { file: 'x' } },
 *     { timestamp: 2, message: '(r1) The client is not authorized to perform this operation.', source: { file: 'x' } },
 *   ],
 * });
 * trace.authorizer?.id; // → 'ab12cd'
 * trace.status;         // → 403
 */
export function extractTrace(raw: RawTrace): Trace {
  const draft = createDraft();
  const events = raw.events;
  const lines: TraceLine[] = new Array(events.length);
  let startTime: number | null = null;
  let endTime: number | null = null;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const message = event.message;
    const end = findRequestIdEnd(message);
    const text = end < 0 ? message : message.slice(end + 2);
    const timestamp = event.timestamp;
    lines[i] = { timestamp, text, source: event.source };
    if (timestamp !== null) {
      if (startTime === null || timestamp < startTime) startTime = timestamp;
      if (endTime === null || timestamp > endTime) endTime = timestamp;
    }
    readLine(draft, text, i);
  }
  const head = {
    requestId: raw.requestId,
    closedBy: raw.closedBy,
    logGroup: events.find((e) => e.logGroup !== undefined)?.logGroup ?? null,
    logStream: events.find((e) => e.logStream !== undefined)?.logStream ?? null,
  };
  return finishTrace(head, draft, lines, startTime, endTime);
}
