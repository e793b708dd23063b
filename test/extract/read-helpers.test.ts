import test from 'ava';
import { readArn, readExecuteApiArn, partitionOfRegion } from '../../src/extract/read-arn.js';
import { readLogGroup } from '../../src/extract/read-log-group.js';
import { jsonStringValue, mapValue, readStatus, stripTruncated } from '../../src/extract/read-text.js';

const logGroups: { input: string | null; expected: ReturnType<typeof readLogGroup> }[] = [
  { input: 'API-Gateway-Execution-Logs_abc123/prod', expected: { apiId: 'abc123', stage: 'prod', canary: false } },
  { input: 'API-Gateway-Execution-Logs/abc123/prod', expected: { apiId: 'abc123', stage: 'prod', canary: false } },
  { input: 'API-Gateway-Execution-Logs_abc123/prod/Canary', expected: { apiId: 'abc123', stage: 'prod', canary: true } },
  { input: 'API-Gateway-Execution-Logs/abc123/prod/Canary', expected: { apiId: 'abc123', stage: 'prod', canary: true } },
  { input: '/API-Gateway-Execution-Logs_abc123/prod', expected: { apiId: 'abc123', stage: 'prod', canary: false } },
  { input: 'API-Gateway-Execution-Logs_abc123', expected: null },
  { input: 'API-Gateway-Execution-Logs_/prod', expected: null },
  { input: 'API-Gateway-Execution-Logs_abc123/prod/extra', expected: null },
  { input: '/aws/apigateway/welcome', expected: null },
  { input: '/aws/lambda/authorizer', expected: null },
  { input: null, expected: null },
];

for (const { input, expected } of logGroups) {
  test(`readLogGroup(${JSON.stringify(input)})`, (t) => {
    t.deepEqual(readLogGroup(input), expected);
    t.deepEqual(readLogGroup(input), expected, 'same answer from the one-entry memo');
  });
}

test('execute-api ARNs: method ARN, authorizer source ARN, template, bare api, other services', (t) => {
  t.like(readExecuteApiArn('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/42'), {
    partition: 'aws', region: 'us-east-1', account: '123456789012', apiId: 'abc123', stage: 'prod', authorizerId: null,
  });
  t.like(readExecuteApiArn('arn:aws:execute-api:us-east-1:123456789012:abc123/authorizers/62mgrc'), { apiId: 'abc123', stage: null, authorizerId: '62mgrc' });
  t.like(readExecuteApiArn('arn:aws-cn:execute-api:cn-north-1:1:abc/v1/ANY/{resource+}'), { partition: 'aws-cn', stage: 'v1' });
  t.like(readExecuteApiArn('arn:aws:execute-api:us-east-1:1:abc'), { apiId: 'abc', stage: null });
  t.is(readExecuteApiArn('arn:aws:lambda:us-east-1:1:function:f'), null);
  t.is(readExecuteApiArn('arn:aws:execute-ap'), null);
  t.is(readExecuteApiArn('not an arn'), null);
  t.like(readArn('arn:aws:lambda:us-east-1:123456789012:function:auth:live'), { account: '123456789012', resource: 'function:auth:live' });
  t.is(partitionOfRegion('us-gov-west-1'), 'aws-us-gov');
  t.is(partitionOfRegion('eu-west-1'), 'aws');
});

test('header maps: a key must start an entry', (t) => {
  const headers = '{User-Agent=evil x-amzn-apigateway-api-id=nope, x-amzn-apigateway-api-id=abc123, X-Amz-Source-Arn=arn:aws:execute-api:r:1:abc123/authorizers/x [TRUNCATED]';
  t.is(mapValue(headers, 'x-amzn-apigateway-api-id'), 'abc123');
  t.is(mapValue(headers, 'X-Amz-Source-Arn'), 'arn:aws:execute-api:r:1:abc123/authorizers/x');
  t.is(mapValue(headers, 'Accept'), null);
});

test('statuses are three digits', (t) => {
  t.is(readStatus('status: 403', 7), 403);
  t.is(readStatus('status:   200 ', 7), 200);
  t.is(readStatus('status: 4031', 7), null);
  t.is(readStatus('status: 40', 7), null);
  t.is(readStatus('status: abc', 7), null);
});

test('JSON string values only when their closing quote survived', (t) => {
  t.is(jsonStringValue('{"type":"TOKEN","methodArn":"arn:x"}', 'methodArn'), 'arn:x');
  t.is(jsonStringValue('{"type": "REQUEST"}', 'type'), 'REQUEST');
  t.is(jsonStringValue('{"methodArn":"arn:aws:execute-ap [TRUNCATED]', 'methodArn'), null);
  t.is(jsonStringValue('{"methodArn":null}', 'methodArn'), null);
  t.is(jsonStringValue('{"methodArn":"a\\"b"}', 'methodArn'), null);
});

test('the [TRUNCATED] marker comes off the end only', (t) => {
  t.deepEqual(stripTruncated('{"a":1 [TRUNCATED]\n'), { text: '{"a":1', truncated: true });
  t.deepEqual(stripTruncated('[TRUNCATED] is in the middle {}'), { text: '[TRUNCATED] is in the middle {}', truncated: false });
});
