import test from 'ava';
import { renderConsoleEvents, renderRequest } from '../../benchmarks/lib/lines.js';
import type { RequestSpec } from '../../benchmarks/lib/request-spec.js';
import { makeSpec, REQUEST_ID } from './spec-fixture.js';

const ID = REQUEST_ID;
const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders/42';
const LAMBDA = 'https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer/invocations';
const CONFIG = 'Execution failed due to configuration error: ';

/** Line prefixes of the authorizer invocation, in LOG-FORMATS.md §4 order. */
const INVOCATION = [
  'Extended Request Id: AbCdEfGhoAMFxYz=',
  `Starting authorizer: tok4uz for request: ${ID}`,
  'Incoming identity: ***************************456789',
  `Endpoint request URI: ${LAMBDA}`,
  'Endpoint request headers: {x-amzn-lambda-integration-tag=',
  `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}","authorizationToken":"Bearer token-for-tests-0123456789"}`,
  `Sending request to ${LAMBDA}`,
];
const DECIDED = [
  'Authorizer result body before parsing: {"principalId":"user-1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*/*"}]},"context":{"tenantId":"t-1"}}',
  'Using valid authorizer policy for principal: ***r-1',
  'Successfully completed authorizer execution',
];
const USAGE_PLAN = [
  `Verifying Usage Plan for request: ${ID}. API Key:  API Stage: a1b2c3d4e5/prod`,
  "API Key  authorized because method 'GET /orders/{orderId}' does not require API Key. Request will not contribute to throttle or quota limits",
  'Usage Plan check succeeded for API Key  and API Stage a1b2c3d4e5/prod',
];
const EXECUTION = [
  `Starting execution for request: ${ID}`,
  'HTTP Method: GET, Resource Path: /orders/42',
  'Method request path: {orderId=42}',
  'Method request query string: {}',
  'Method request headers: {Accept=application/json, Authorization=***************************456789, ',
  'Method request body before transformations: ',
  'Endpoint request URI: https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-api/invocations',
  'Endpoint request headers: {x-amzn-lambda-integration-tag=',
  'Endpoint request body after transformations: {"resource":"/orders/{orderId}","path":"/orders/42","httpMethod":"GET"',
  'Sending request to https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-api/invocations',
  'Received response. Status: 200, Integration latency: 60 ms',
  'Endpoint response headers: {Date=Sat, 14 Mar 2026 09:00:00 GMT, Content-Type=application/json, ',
  'Endpoint response body before transformations: {"statusCode":200,"headers":{"Content-Type":"application/json"},"body":"{\\"ok\\":true}"}',
  'Method response body after transformations: {"ok":true}',
  'Method response headers: {X-Amzn-Trace-Id=Root=',
  'Successfully completed execution',
  'Method completed with status: 200',
];
const DENIED = 'The client is not authorized to perform this operation.';

/** Each case: the spec's differences, and the prefix of every line, in order (the whole line when it is fixed). */
const CASES: { name: string; input: Partial<RequestSpec>; expected: string[] }[] = [
  { name: 'allowed, fresh', input: {}, expected: [...INVOCATION, ...DECIDED, ...USAGE_PLAN, ...EXECUTION] },
  {
    name: 'allowed through the cache: no invocation lines',
    input: { cacheHit: true },
    expected: [...INVOCATION.slice(0, 3), ...DECIDED.slice(1), ...USAGE_PLAN, ...EXECUTION],
  },
  {
    name: 'authorizer explicit deny, with the optional status line',
    input: { outcome: 'authorizer-explicit-deny', logDenyStatus: true },
    expected: [...INVOCATION, ...DECIDED, DENIED, 'Method completed with status: 403'],
  },
  { name: 'authorizer implicit deny', input: { outcome: 'authorizer-implicit-deny' }, expected: [...INVOCATION, ...DECIDED, DENIED] },
  {
    name: 'cached policy deny: the authorizer starts, no Lambda call, the deny',
    input: { outcome: 'cached-policy-deny', cacheHit: true },
    expected: [...INVOCATION.slice(0, 3), ...DECIDED.slice(1), DENIED],
  },
  {
    name: 'resource policy explicit deny, before any authorizer line',
    input: { outcome: 'resource-policy-explicit-deny' },
    expected: [
      INVOCATION[0] as string,
      `ExplicitDenyException User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny: ${ID}`,
    ],
  },
  {
    name: 'resource policy implicit deny on a route without authorizer',
    input: { outcome: 'resource-policy-implicit-deny', authorizer: null },
    expected: [INVOCATION[0] as string, `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN}`],
  },
  {
    name: 'identity source missing: Starting authorizer then Unauthorized request',
    input: { outcome: 'identity-source-missing' },
    expected: [INVOCATION[0] as string, INVOCATION[1] as string, `Unauthorized request: ${ID}`],
  },
  {
    name: 'the Lambda said Unauthorized: invocation lines, no result body',
    input: { outcome: 'lambda-unauthorized' },
    expected: [...INVOCATION, `Unauthorized request: ${ID}`],
  },
  {
    name: 'configuration error: Lambda crashed',
    input: { outcome: 'config-lambda-crash' },
    expected: [...INVOCATION, `${CONFIG}Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable`, 'AuthorizerConfigurationException'],
  },
  {
    name: 'configuration error: null policy',
    input: { outcome: 'config-null-policy' },
    expected: [...INVOCATION, 'Authorizer result body before parsing: null', `${CONFIG}Could not parse policy`, 'AuthorizerConfigurationException'],
  },
  {
    name: 'configuration error: invoke permission missing',
    input: { outcome: 'config-invalid-permissions' },
    expected: [...INVOCATION, `${CONFIG}Invalid permissions on Lambda function`, `${CONFIG}Authorizer error`, 'AuthorizerConfigurationException'],
  },
  {
    name: 'API key refused after the authorizer allowed',
    input: { outcome: 'api-key-refused', caller: { ...makeSpec().caller, apiKey: 'Zq7vK2mN9pR4sT6uW8xY1aB3cD5eF7gH9jL0nQ2r' } },
    expected: [
      ...INVOCATION.slice(0, 2), 'Incoming identity: ', ...INVOCATION.slice(3), ...DECIDED,
      `Verifying Usage Plan for request: ${ID}. API Key: ${'*'.repeat(34)}L0nQ2r API Stage: a1b2c3d4e5/prod`,
      `API Key ${'*'.repeat(34)}L0nQ2r not authorized because method 'GET /orders/{orderId}' requires API Key and API Key is not associated with a Usage Plan for API Stage a1b2c3d4e5/prod: Invalid API Key identifier specified`,
    ],
  },
  {
    name: 'allowed, then the integration fails (502)',
    input: { outcome: 'allowed-integration-502' },
    expected: [
      ...INVOCATION, ...DECIDED, ...USAGE_PLAN, ...EXECUTION.slice(0, 12),
      'Endpoint response body before transformations: {"statusCode":200,"body":{"ok":true}}',
      `${CONFIG}Malformed Lambda proxy response`,
      'Method completed with status: 502',
    ],
  },
  {
    name: '2017 wording: no Extended Request Id, no Sending request to',
    input: { wording: '2017' },
    expected: [...INVOCATION.slice(1, 6), ...DECIDED, ...USAGE_PLAN, ...EXECUTION.filter((l) => !l.startsWith('Sending request'))],
  },
  {
    name: '2026 wording, sampled: X-Ray line after the terminal line',
    input: { wording: '2026', xraySampled: true },
    expected: [...INVOCATION, ...DECIDED, ...USAGE_PLAN, ...EXECUTION, 'X-ray Tracing ID : Root=1-69b52390-0f0e0d0c1b1a4c2d8e3f4051'],
  },
];

for (const { name, input, expected } of CASES) {
  test(`renderRequest: ${name}`, (t) => {
    const events = renderRequest(makeSpec(input));
    const texts = events.map((e) => {
      t.true(e.message.startsWith(`(${ID}) `), e.message);
      return e.message.slice(ID.length + 3);
    });
    t.is(texts.length, expected.length, texts.join('\n'));
    expected.forEach((prefix, i) => t.true((texts[i] ?? '').startsWith(prefix), `line ${i}: ${texts[i]} does not start with ${prefix}`));
    for (let i = 1; i < events.length; i++) t.true((events[i]?.timestamp ?? 0) >= (events[i - 1]?.timestamp ?? 0));
  });
}

test('renderRequest: the result arrives authorizerLatency after the Lambda call, the response integrationLatency after its call', (t) => {
  const events = renderRequest(makeSpec({ authorizerLatency: 123, integrationLatency: 77 }));
  const at = (prefix: string, from = 0): number => events.findIndex((e, i) => i >= from && e.message.includes(prefix));
  const sent = at('Sending request to');
  t.is((events[at('Authorizer result body')]?.timestamp ?? 0) - (events[sent]?.timestamp ?? 0), 123);
  const integrationSent = at('Sending request to', sent + 1);
  t.is((events[at('Received response')]?.timestamp ?? 0) - (events[integrationSent]?.timestamp ?? 0), 77);
});

test('renderRequest: every event is at most 1024 bytes before the [TRUNCATED] marker, and long ones are cut', (t) => {
  const events = renderRequest(makeSpec({ securityToken: 'IQoJ'.repeat(400) }));
  let cut = 0;
  for (const e of events) {
    const body = e.message.endsWith(' [TRUNCATED]') ? e.message.slice(0, -12) : e.message;
    t.true(Buffer.byteLength(body) <= 1024);
    if (body !== e.message) {
      cut++;
      t.is(Buffer.byteLength(body), 1024, 'an ASCII event is cut at exactly 1024 bytes');
    }
  }
  t.true(cut >= 2, 'both endpoint request headers lines carry the long security token');
});

test('renderRequest: a pretty-printing authorizer makes one multi-line event', (t) => {
  const spec = makeSpec();
  spec.authorizer = { ...(spec.authorizer as NonNullable<RequestSpec['authorizer']>), dialect: 'jackson-pretty' };
  const result = renderRequest(spec).find((e) => e.message.includes('Authorizer result body'));
  t.is(result?.message.split('\n')[1], '  "principalId" : "user-1",');
});

test('renderRequest: the TOKEN body puts methodArn after the token when asked (older key order)', (t) => {
  const body = renderRequest(makeSpec({ methodArnFirst: false })).find((e) => e.message.includes('"type":"TOKEN"'));
  t.true(body?.message.endsWith(`"authorizationToken":"Bearer token-for-tests-0123456789","methodArn":"${ARN}"}`));
});

test('renderConsoleEvents: no request-id prefix, authorization phase only, a bare Unauthorized line at the end', (t) => {
  const texts = renderConsoleEvents(makeSpec({ outcome: 'lambda-unauthorized', wording: '2017' })).map((e) => e.message);
  t.deepEqual(texts.slice(-2), [`Unauthorized request: ${ID}`, 'Unauthorized']);
  t.true(texts[0]?.startsWith('Starting authorizer: tok4uz'));
  t.false(texts.some((line) => line.startsWith('(') || line.startsWith('Extended Request Id') || line.startsWith('Sending request')));
});
