/**
 * A request spec with plain defaults, for the line-library tests: override what a case is about.
 */
import { answerWith, policyStatements } from '../../benchmarks/lib/policy.js';
import { methodArnOf, type RequestSpec } from '../../benchmarks/lib/request-spec.js';
import { ORDERS_AUTHORIZER, SAMPLE_TARGET } from '../../benchmarks/lib/sample-api.js';

export const REQUEST_ID = '0f0e0d0c-1b1a-4c2d-8e3f-405162738495';

export function makeSpec(overrides: Partial<RequestSpec> = {}): RequestSpec {
  const base: RequestSpec = {
    requestId: REQUEST_ID,
    extendedRequestId: 'AbCdEfGhoAMFxYz=',
    startTime: Date.parse('2026-03-14T09:00:00.000Z'),
    target: SAMPLE_TARGET,
    wording: 'standard',
    verb: 'GET',
    path: '/orders/42',
    route: '/orders/{orderId}',
    query: {},
    body: '',
    authorizer: ORDERS_AUTHORIZER,
    caller: { authorization: 'Bearer token-for-tests-0123456789', sourceIp: '192.0.2.1', userAgent: 'curl/8.5.0' },
    outcome: 'allowed',
    cacheHit: false,
    answer: null,
    methodArnFirst: true,
    logDenyStatus: false,
    xraySampled: false,
    securityToken: 'IQoJb3JpZ2luX2VjEFAKE',
    integrationArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api',
    response: { status: 200, body: '{"ok":true}' },
    authorizerLatency: 40,
    integrationLatency: 60,
  };
  const spec = { ...base, ...overrides };
  if (!('answer' in overrides)) {
    spec.answer = answerWith('user-1', policyStatements('stage-wide', spec.target, methodArnOf(spec)), { tenantId: 't-1' });
  }
  return spec;
}
