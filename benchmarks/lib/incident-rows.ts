/**
 * The requests of the sample incident, as data: when, on which log stream, who, what, and why it is there.
 * Outcomes are not written here: `buildIncident` derives them by simulating the authorizer and its cache.
 * @module
 */

/** One request of the incident. */
export interface IncidentRow {
  label: string;
  /** `HH:MM:SS.mmm` UTC on 2026-03-14. */
  at: string;
  /** 1: pulled with `filter-log-events`; 2 and 3: in the S3 export. */
  stream: number;
  caller: string;
  verb: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  /** Sampled by X-Ray (2026 wording: a trailing `X-ray Tracing ID` line). */
  xray?: boolean;
  /** Log `Method completed with status: 403` after the deny. */
  denyStatus?: boolean;
  /** The integration answers a malformed proxy response (502). */
  integrationFails?: boolean;
  note: string;
}

const ORDER_BODY = '{\n  "items": [\n    { "sku": "sku-17", "qty": 2 }\n  ],\n  "shipTo": "Rue de Genève 12, Lausanne"\n}';

/** The incident, roughly in time order; bursts of requests overlap so their lines interleave. */
export const INCIDENT_ROWS: readonly IncidentRow[] = [
  { label: 'r01', at: '09:12:03.100', stream: 2, caller: 'alice', verb: 'GET', path: '/orders', note: 'Fresh authorizer call before the deploy: stage-wide policy, allowed.' },
  { label: 'r02', at: '09:12:03.140', stream: 3, caller: 'carol', verb: 'GET', path: '/orders', query: { status: 'open' }, note: 'Admin, stage-wide policy, allowed.' },
  { label: 'r03', at: '09:12:03.175', stream: 2, caller: 'anonymous', verb: 'GET', path: '/orders', note: 'No Authorization header: the authorizer is not invoked (401).' },
  { label: 'r04', at: '09:12:03.210', stream: 1, caller: 'dave', verb: 'DELETE', path: '/orders/1001', denyStatus: true, note: 'Read-only auditor: the returned policy explicitly denies DELETE.' },
  { label: 'r05', at: '09:12:41.500', stream: 1, caller: 'alice', verb: 'GET', path: '/orders/1001', note: 'Cache hit on r01\'s stage-wide policy: allowed without invoking the Lambda.' },
  { label: 'r06', at: '09:12:41.530', stream: 3, caller: 'erin', verb: 'GET', path: '/orders', note: 'Partner policy written for stage dev: silent about prod (implicit deny).' },
  { label: 'r07', at: '09:12:41.560', stream: 1, caller: 'ivan', verb: 'GET', path: '/reports/q1-2026', xray: true, note: 'REQUEST authorizer answering pretty-printed JSON: a multi-line event; X-Ray sampled.' },
  { label: 'r08', at: '09:14:16.200', stream: 2, caller: 'scraper', verb: 'GET', path: '/orders', note: 'Source IP blocked by the resource policy: explicit deny before the authorizer.' },
  { label: 'r09', at: '09:14:16.220', stream: 3, caller: 'grace', verb: 'GET', path: '/catalog/items', note: 'Forty-statement policy cut at 1024 bytes; the statement that allows is before the cut.' },
  { label: 'r10', at: '09:14:16.245', stream: 1, caller: 'judy', verb: 'GET', path: '/orders', note: 'Expired token: the Lambda answers Unauthorized (401).' },
  { label: 'r11', at: '09:14:16.290', stream: 2, caller: 'bob', verb: 'POST', path: '/orders', body: ORDER_BODY, note: 'Pretty-printed request body (multi-line event), allowed, 201.' },
  { label: 'r12', at: '09:16:30.700', stream: 3, caller: 'zoe', verb: 'GET', path: '/stores/Zürich/orders', note: 'Non-ASCII path and principal, allowed.' },
  { label: 'r13', at: '09:16:30.735', stream: 1, caller: 'mallory', verb: 'GET', path: '/partners/feeds', note: 'Authorizer allows, but the API key is in no usage plan (403 Forbidden).' },
  { label: 'r14', at: '09:16:30.750', stream: 2, caller: 'anonymous', verb: 'GET', path: '/internal/metrics', note: 'No authorizer; the resource policy grants nothing to this caller (implicit deny).' },
  { label: 'r15', at: '09:21:03.300', stream: 3, caller: 'bob', verb: 'GET', path: '/orders/2002', note: 'After the 09:20 deploy: policy for exactly GET /orders/2002, allowed.' },
  { label: 'r16', at: '09:21:03.325', stream: 2, caller: 'kim', verb: 'GET', path: '/orders/3003', note: 'Policy for exactly GET /orders/3003, allowed; cached for r17 and r24.' },
  { label: 'r17', at: '09:21:03.700', stream: 1, caller: 'kim', verb: 'GET', path: '/orders/3003/items', note: 'Cache hit on r16\'s policy, which does not cover this path: the intermittent 403 (origin in another file, later in input order).' },
  { label: 'r18', at: '09:21:03.360', stream: 3, caller: 'alice', verb: 'GET', path: '/orders', note: 'Fresh call (r01 expired): policy for exactly GET /orders.' },
  { label: 'r19', at: '09:21:09.800', stream: 3, caller: 'alice', verb: 'GET', path: '/orders/1001', note: 'Cache hit on r18: 403. Same S3 file, written before r18 (the export is not time-sorted).' },
  { label: 'r20', at: '09:21:09.830', stream: 2, caller: 'carol', verb: 'DELETE', path: '/orders/1002', note: 'Admin, stage-wide policy: allowed.' },
  { label: 'r21', at: '09:21:09.870', stream: 2, caller: 'anonymous', verb: 'GET', path: '/orders/1001', note: 'No Authorization header (401).' },
  { label: 'r22', at: '09:23:44.000', stream: 3, caller: 'heidi', verb: 'GET', path: '/catalog/items/sku-9', xray: true, note: 'Policy cut at 1024 bytes and sku-9 is in none of its statements: the deciding part is past the cut.' },
  { label: 'r23', at: '09:23:44.040', stream: 1, caller: 'frank', verb: 'GET', path: '/orders/4004', note: 'Policy with a typo in the account id: implicit deny.' },
  { label: 'r24', at: '09:23:44.080', stream: 2, caller: 'kim', verb: 'POST', path: '/orders', body: '{"items":[{"sku":"sku-3","qty":1}]}', note: 'Cache hit on r16 (GET /orders/3003 only): 403.' },
  { label: 'r25', at: '09:23:44.120', stream: 3, caller: 'ivan', verb: 'GET', path: '/reports/q2-2026', note: 'REQUEST authorizer, fresh call, multi-line answer, allowed.' },
  { label: 'r26', at: '09:25:20.400', stream: 3, caller: 'bob', verb: 'GET', path: '/orders/2002', note: 'Cache hit on r15 for the same method: allowed.' },
  { label: 'r27', at: '09:25:20.450', stream: 2, caller: 'bob', verb: 'GET', path: '/orders/2002/invoice', note: 'Cache hit on r15, different path: 403.' },
  { label: 'r28', at: '09:25:20.490', stream: 3, caller: 'zoe', verb: 'POST', path: '/orders', body: '{"items":[{"sku":"sku-5","qty":1}]}', integrationFails: true, note: 'Allowed, then the integration returns a malformed proxy response (502).' },
  { label: 'r29', at: '09:25:20.520', stream: 1, caller: 'nina', verb: 'GET', path: '/orders', note: 'Malformed token crashes the authorizer: errorType in the answer (500).' },
  { label: 'r30', at: '09:25:20.560', stream: 2, caller: 'oscar', verb: 'GET', path: '/orders', note: 'Unknown tenant: the authorizer returns null, "Could not parse policy" (500).' },
  { label: 'r31', at: '09:31:30.900', stream: 3, caller: 'ivan', verb: 'GET', path: '/reports/q3-2026', note: 'At 09:31 the reports authorizer lost its invoke permission: 500.' },
  { label: 'r32', at: '09:31:30.930', stream: 1, caller: 'peggy', verb: 'GET', path: '/reports/summary', note: 'Same missing permission: 500.' },
  { label: 'r33', at: '09:31:30.955', stream: 2, caller: 'scraper', verb: 'DELETE', path: '/orders/1', note: 'Blocked source IP again: resource-policy explicit deny.' },
  { label: 'r34', at: '09:31:30.985', stream: 3, caller: 'judy', verb: 'GET', path: '/orders', note: 'Expired token again: Unauthorized (401).' },
  { label: 'r35', at: '09:33:50.250', stream: 2, caller: 'carol', verb: 'GET', path: '/orders/5005', xray: true, note: 'Admin, fresh call, allowed; X-Ray sampled.' },
  { label: 'r36', at: '09:33:50.280', stream: 2, caller: 'dave', verb: 'GET', path: '/orders/1001', note: 'Read-only auditor reading: allowed.' },
  { label: 'r37', at: '09:33:50.300', stream: 3, caller: 'lena', verb: 'GET', path: '/orders/6006', xray: true, note: 'Fresh call, policy for exactly GET /orders/6006.' },
  { label: 'r38', at: '09:33:50.330', stream: 1, caller: 'sam', verb: 'GET', path: '/orders', note: 'Suspended user: the authorizer returns Deny on everything.' },
  { label: 'r39', at: '09:34:02.600', stream: 1, caller: 'lena', verb: 'GET', path: '/orders/6006', note: 'Cache hit on r37, same method: allowed.' },
  { label: 'r40', at: '09:34:02.640', stream: 2, caller: 'lena', verb: 'GET', path: '/orders/6007', note: 'Cache hit on r37, another order: 403.' },
  { label: 'r41', at: '09:36:40.100', stream: 1, caller: 'mike', verb: 'GET', path: '/orders', note: 'Long token: the authorizer request body is cut before methodArn.' },
  { label: 'r42', at: '09:36:40.550', stream: 2, caller: 'mike', verb: 'GET', path: '/orders/7007', note: 'Cache hit on r41 (whose methodArn was cut from its log): 403.' },
  { label: 'r43', at: '09:36:40.160', stream: 3, caller: 'alice', verb: 'GET', path: '/orders', note: 'Fresh call (r18 expired), allowed.' },
  { label: 'r44', at: '09:36:59.990', stream: 2, caller: 'bob', verb: 'GET', path: '/orders/2002', note: 'Cut off by the end of the S3 export (09:37:00): its lines stop at `Sending request to` the authorizer, so the log cannot say what the client got (200).' },
];
