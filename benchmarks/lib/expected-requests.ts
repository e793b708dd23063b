/**
 * The ground truth written to `samples/expected/*.json`: for each sample request its cause, the status the client
 * got, the cache origin and the file that carries it. Tests and the README read it.
 * @module
 */
import { causeOfOutcome, clientStatusOf } from './request-spec.js';
import type { Placed } from './write-samples.js';

/** The ground truth of one sample request, as written to `samples/expected/*.json`. */
export interface ExpectedRequest {
  label: string;
  requestId: string;
  file: string;
  logStream: string | null;
  startTime: string;
  httpMethod: string;
  resourcePath: string;
  outcome: string;
  cause: string;
  clientStatus: number;
  cacheHit: boolean;
  cachedFrom: string | null;
  cachedFromLabel: string | null;
  note: string;
}

/**
 * The ground truth of each placed request.
 *
 * @param fileOf - names the file that carries a request.
 * @param ids - request id by label, for every request of the scenario (a cache origin may not be in `placed`).
 */
export function expectedOf(placed: readonly Placed[], fileOf: (p: Placed) => string, ids: ReadonlyMap<string, string>): ExpectedRequest[] {
  // A request cut by the export window keeps its true outcome and client status, but what a reader of the log
  // can say about it is INCOMPLETE.
  return placed.map(({ request, events, cut }) => ({
    label: request.label, requestId: request.spec.requestId, file: fileOf({ request, events }),
    logStream: events[0]?.logStream ?? null, startTime: new Date(request.spec.startTime).toISOString(),
    httpMethod: request.spec.verb, resourcePath: request.spec.path, outcome: request.spec.outcome,
    cause: cut === true ? 'INCOMPLETE' : causeOfOutcome(request.spec.outcome), clientStatus: clientStatusOf(request.spec), cacheHit: request.spec.cacheHit,
    cachedFrom: request.cachedFrom === null ? null : (ids.get(request.cachedFrom) ?? null), cachedFromLabel: request.cachedFrom,
    note: request.note,
  }));
}

/** JSON with one request per line: small, and a diff shows which request changed. */
export function formatExpected(doc: { requests: readonly object[] } & Record<string, unknown>): string {
  const { requests, ...head } = doc;
  const top = JSON.stringify(head, null, 2).slice(0, -2);
  return `${top},\n  "requests": [\n${requests.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]\n}\n`;
}
