import test from 'ava';
import { formatMethodArn, parseMethodArn, widenResource, type MethodArn } from '../../src/policy/index.js';
import { loadFixture } from './load-fixture.js';

interface Case { name: string; input: string; expected: MethodArn | null }

for (const c of loadFixture<Case[]>('policy/parse-method-arn.json')) {
  test(`parseMethodArn: ${c.name}`, (t) => {
    t.deepEqual(parseMethodArn(c.input), c.expected);
  });
}

test('formatMethodArn inverts parseMethodArn', (t) => {
  const arn = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/42';
  const parsed = parseMethodArn(arn);
  t.truthy(parsed);
  t.is(formatMethodArn(parsed as MethodArn), arn);
  t.is(formatMethodArn(parseMethodArn('arn:aws:execute-api:us-east-1:1:a/p/GET/') as MethodArn), 'arn:aws:execute-api:us-east-1:1:a/p/GET/');
});

test('widenResource covers every method and path of the stage', (t) => {
  t.is(widenResource('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/42'), 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*');
  t.is(widenResource('arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/v1/POST/'), 'arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/v1/*/*');
  t.is(widenResource('not an arn'), null);
});
