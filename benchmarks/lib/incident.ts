/**
 * The incident the bundled samples tell: on 2026-03-14 the orders authorizer is redeployed at 09:20 and starts
 * returning a policy for exactly the called method (`Resource: event.methodArn`) with a 300 s cache TTL; callers
 * get intermittent 403s. Around it, one request for every other cause. Deterministic: same requests every run.
 * @module
 */
import { createAuthorizerCache } from './authorizer-cache.js';
import { requiresApiKey } from './execution-lines.js';
import { createRandom, type Random } from './prng.js';
import { methodArnOf, type Outcome, type RequestSpec } from './request-spec.js';
import { ORDERS_AUTHORIZER, REPORTS_AUTHORIZER, routeOf, SAMPLE_CALLERS, SAMPLE_TARGET } from './sample-api.js';
import { SAMPLE_SECURITY_TOKEN } from './secrets.js';
import { INCIDENT_ROWS, type IncidentRow } from './incident-rows.js';

/** One request of the samples, with its ground truth. */
export interface SampleRequest {
  label: string;
  /** 1, 2 or 3: which of the scenario's log streams carries it. */
  stream: number;
  spec: RequestSpec;
  /** Label of the request whose cached policy decided this one, or null. */
  cachedFrom: string | null;
  note: string;
}

/** The whole scenario. */
export interface Incident {
  /** Three 32-hex log stream names. */
  streams: string[];
  /** The S3 export task id. */
  taskId: string;
  requests: SampleRequest[];
}

const DAY = '2026-03-14T';
const DEPLOY = Date.parse(`${DAY}09:20:00Z`);
const PERMISSION_REMOVED = Date.parse(`${DAY}09:31:00Z`);
const EXTENDED_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `ISt0OGt5oAMFiFw=`-shaped extended request id. */
export function makeExtendedRequestId(random: Random): string {
  return `${random.chars(EXTENDED_ID_CHARS, 8)}oAMF${random.chars(EXTENDED_ID_CHARS, 3)}=`;
}

/** What the integration answers, by route. */
function responseFor(row: IncidentRow): { status: number; body: string } {
  const path = row.path.split('/');
  if (row.verb === 'POST') return { status: 201, body: JSON.stringify({ id: '8008', status: 'PENDING' }) };
  if (row.verb === 'DELETE') return { status: 200, body: JSON.stringify({ id: path[2], deleted: true }) };
  if (path[1] === 'reports') return { status: 200, body: JSON.stringify({ report: path[2], rows: 12 }) };
  if (path[1] === 'stores') return { status: 200, body: JSON.stringify({ store: path[2], orders: [] }) };
  if (path[1] === 'catalog') return { status: 200, body: JSON.stringify({ items: [{ sku: 'sku-1', name: 'Espresso cup' }] }) };
  if (path.length === 2) return { status: 200, body: JSON.stringify({ orders: [{ id: '1001', status: 'SHIPPED' }], next: null }) };
  return { status: 200, body: JSON.stringify({ id: path[2], status: 'SHIPPED', total: { amount: '42.90', currency: 'EUR' } }) };
}

/**
 * Builds the incident: about forty requests over three log streams, each outcome decided by simulating the
 * authorizer cache (TTL 300 s), so the ground truth is consistent with what the lines show.
 *
 * @example
 * const { requests } = buildIncident();
 * requests.filter((r) => r.spec.outcome === 'cached-policy-deny').length; // several
 */
export function buildIncident(): Incident {
  const random = createRandom(20260314);
  const streams = [random.hex(32), random.hex(32), random.hex(32)];
  const taskId = random.uuid();
  const cache = createAuthorizerCache(300_000);
  const labels = new Map<string, string>();
  const rows = [...INCIDENT_ROWS].sort((a, b) => a.at.localeCompare(b.at));
  const requests = rows.map((row): SampleRequest => {
    const startTime = Date.parse(`${DAY}${row.at}Z`);
    const route = routeOf(row.path);
    const caller = SAMPLE_CALLERS[row.caller];
    if (caller === undefined) throw new TypeError(`caller: unknown ${row.caller}`);
    const spec: RequestSpec = {
      requestId: random.uuid(),
      extendedRequestId: makeExtendedRequestId(random),
      startTime,
      target: SAMPLE_TARGET,
      wording: '2026',
      verb: row.verb,
      path: row.path,
      route: route.template,
      query: row.query ?? {},
      body: row.body ?? '',
      authorizer: route.authorizer,
      caller: caller.profile,
      outcome: 'allowed',
      cacheHit: false,
      answer: null,
      methodArnFirst: false,
      logDenyStatus: row.denyStatus === true,
      xraySampled: row.xray === true,
      securityToken: SAMPLE_SECURITY_TOKEN,
      integrationArn: route.integration,
      response: responseFor(row),
      authorizerLatency: random.between(18, 160),
      integrationLatency: random.between(25, 240),
    };
    labels.set(spec.requestId, row.label);
    let cachedFrom: string | null = null;
    let outcome: Outcome = 'allowed';
    if (caller.blockedIp === true) outcome = 'resource-policy-explicit-deny';
    else if (route.authorizer === null) outcome = route.template === '/health' ? 'allowed' : 'resource-policy-implicit-deny';
    else if (caller.profile.authorization === '') outcome = 'identity-source-missing';
    else {
      const afterDeploy = route.authorizer === ORDERS_AUTHORIZER && startTime >= DEPLOY;
      const result = cache.resolve({
        requestId: spec.requestId, startTime, authorizer: route.authorizer, caller: caller.profile, target: SAMPLE_TARGET,
        methodArn: methodArnOf(spec), policy: afterDeploy ? (caller.policyAfterDeploy ?? caller.policy) : caller.policy,
        authorizerLatency: spec.authorizerLatency,
        invokeFails: route.authorizer === REPORTS_AUTHORIZER && startTime >= PERMISSION_REMOVED,
      });
      ({ outcome } = result);
      spec.cacheHit = result.cacheHit;
      spec.answer = result.answer;
      cachedFrom = result.cachedFrom === null ? null : (labels.get(result.cachedFrom) ?? null);
    }
    if (outcome === 'allowed' && caller.badApiKey === true && requiresApiKey(route.template)) outcome = 'api-key-refused';
    else if (outcome === 'allowed' && row.integrationFails === true) outcome = 'allowed-integration-502';
    spec.outcome = outcome;
    return { label: row.label, stream: row.stream, spec, cachedFrom, note: row.note };
  });
  return { streams, taskId, requests };
}
