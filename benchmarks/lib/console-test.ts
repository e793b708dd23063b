/**
 * The console "Test authorizer" sample: a 2017-era log (no `Extended Request Id`, no `Sending request to`,
 * test stage `ESTestInvoke-stage` in the method ARN) where the Lambda answers `Unauthorized`.
 * @module
 */
import { renderConsoleEvents } from './lines.js';
import { clientStatusOf, type RenderedEvent, type RequestSpec } from './request-spec.js';
import { ORDERS_AUTHORIZER, SAMPLE_CALLERS, SAMPLE_TARGET } from './sample-api.js';
import { SAMPLE_SECURITY_TOKEN } from './secrets.js';

/** The console test request, its events and its ground truth. */
export interface ConsoleTest {
  requestId: string;
  events: RenderedEvent[];
  expected: { requestId: string; file: string; outcome: string; cause: string; clientStatus: number; note: string };
}

/**
 * Builds the console test sample.
 *
 * @example
 * renderConsoleLog(buildConsoleTest().requestId, buildConsoleTest().events);
 */
export function buildConsoleTest(): ConsoleTest {
  const caller = SAMPLE_CALLERS.console;
  if (caller === undefined) throw new TypeError('caller: console missing');
  const spec: RequestSpec = {
    requestId: '5b8f2c1e-8e1f-11e7-9b1d-0f6c2d7a3e41',
    extendedRequestId: '',
    startTime: Date.parse('2017-08-31T01:07:25.118Z'),
    target: { ...SAMPLE_TARGET, stage: 'ESTestInvoke-stage' },
    wording: '2017',
    verb: 'GET',
    path: '/',
    route: '/',
    query: {},
    body: '',
    authorizer: ORDERS_AUTHORIZER,
    caller: caller.profile,
    outcome: 'lambda-unauthorized',
    cacheHit: false,
    answer: null,
    methodArnFirst: false,
    logDenyStatus: false,
    xraySampled: false,
    securityToken: SAMPLE_SECURITY_TOKEN,
    integrationArn: '',
    response: { status: 401, body: '' },
    authorizerLatency: 212,
    integrationLatency: 0,
  };
  return {
    requestId: spec.requestId,
    events: renderConsoleEvents(spec),
    expected: {
      requestId: spec.requestId,
      file: 'containers/console-test.txt',
      outcome: spec.outcome,
      cause: 'AUTHORIZER_UNAUTHORIZED',
      clientStatus: clientStatusOf(spec),
      note: 'Console "Test authorizer", 2017 wording: the Lambda answered Unauthorized; the console adds a bare Unauthorized line.',
    },
  };
}
