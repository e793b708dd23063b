/**
 * Renders the execution-log events of one request, in the exact wording of LOG-FORMATS.md §4, from a
 * {@link RequestSpec}. Pure: the same spec always gives the same events. Used by the sample builder and the
 * archive generator.
 * @module
 */
import { logAuthorization, traceRootOf } from './authorizer-lines.js';
import { createEventLog } from './event-log.js';
import { logExecution, logUsagePlan } from './execution-lines.js';
import type { RenderedEvent, RequestSpec } from './request-spec.js';

export type { RenderedEvent, RequestSpec } from './request-spec.js';

/**
 * Renders one request's events in time order, `(requestId) ` prefixed, each cut at 1024 bytes.
 *
 * - 2017 wording: no `Extended Request Id`, no `Sending request to`.
 * - 2026 wording, sampled by X-Ray: `X-ray Tracing ID : Root=…` after the last line.
 *
 * @example
 * for (const event of renderRequest(spec)) console.log(event.timestamp, event.message);
 */
export function renderRequest(spec: RequestSpec): RenderedEvent[] {
  const log = createEventLog(spec.requestId, spec.startTime);
  logRequest(spec, log);
  return log.events;
}

/**
 * Renders the events of the console's "Test authorizer" log (authorization phase only, no request-id prefix);
 * `renderConsoleLog` in `containers.ts` writes them as `Thu Aug 31 01:07:25 UTC 2017 : <message>` lines.
 * A Lambda answering `Unauthorized` adds a bare `Unauthorized` line there.
 *
 * @example
 * renderConsoleEvents(spec).map((e) => e.message); // ['Starting authorizer: …', …]
 */
export function renderConsoleEvents(spec: RequestSpec): RenderedEvent[] {
  const log = createEventLog(spec.requestId, spec.startTime, false);
  // The console's "Test authorizer" runs the authorization phase only: no usage plan, no integration.
  logAuthorization(spec, log);
  if (spec.outcome === 'lambda-unauthorized') log.add('Unauthorized');
  return log.events;
}

function logRequest(spec: RequestSpec, log: ReturnType<typeof createEventLog>): void {
  if (spec.wording !== '2017') log.add(`Extended Request Id: ${spec.extendedRequestId}`);
  if (logAuthorization(spec, log) && logUsagePlan(spec, log)) logExecution(spec, log);
  if (spec.wording === '2026' && spec.xraySampled) log.add(`X-ray Tracing ID : Root=${traceRootOf(spec)}`, 1);
}
