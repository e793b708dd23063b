import test from 'ava';
import { evaluatePolicy, salvagePolicy } from '../../src/policy/index.js';
import { loadFixture } from './load-fixture.js';

interface Case {
  name: string;
  input: { body: string; truncated: boolean };
  expected: { parsed: boolean; principalId: string | null; contextKeys: string[]; statements: number | null; version: string | null; lost: string[] };
}

for (const c of loadFixture<Case[]>('policy/salvage-policy.json')) {
  test(`salvagePolicy: ${c.name}`, (t) => {
    const result = salvagePolicy(c.input.body, c.input.truncated);
    t.is(result.parsed, c.expected.parsed);
    t.is(result.truncated, c.input.truncated);
    t.is(result.principalId, c.expected.principalId);
    t.deepEqual(result.contextKeys, c.expected.contextKeys);
    t.is(result.policyDocument?.Statement.length ?? null, c.expected.statements);
    t.is(result.policyDocument?.Version ?? null, c.expected.version);
    t.deepEqual(result.lost, c.expected.lost);
  });
}

const FULL = JSON.stringify({
  principalId: 'user-42',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets', 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/*'] },
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/DELETE/*' },
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/orders' },
    ],
  },
  context: { tenant: 'acme', plan: 'gold' },
});

test('salvagePolicy: every prefix of a body gives complete statements only, never more than the body has', (t) => {
  const whole = JSON.parse(FULL) as { policyDocument: { Statement: unknown[] } };
  let previous = 0;
  for (let cut = 0; cut <= FULL.length; cut++) {
    const result = salvagePolicy(FULL.slice(0, cut), cut < FULL.length);
    const statements = result.policyDocument?.Statement ?? [];
    // What was recovered is exactly a prefix of the real statements, and it only grows as the cut moves right.
    t.deepEqual(statements, whole.policyDocument.Statement.slice(0, statements.length), `cut at ${cut}`);
    t.true(statements.length >= previous, `cut at ${cut}`);
    previous = statements.length;
  }
  t.is(previous, 3);
});

test('salvagePolicy: a truncated policy evaluates on what survived', (t) => {
  // Cut inside the third statement: the Deny on DELETE survives, the POST Allow is lost.
  const cut = FULL.indexOf('POST');
  const result = salvagePolicy(FULL.slice(0, cut), true);
  t.is(result.policyDocument?.Statement.length, 2);
  t.is(evaluatePolicy(result.policyDocument, 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/DELETE/pets/1').decision, 'EXPLICIT_DENY');
  t.is(evaluatePolicy(result.policyDocument, 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/1').decision, 'ALLOW');
  t.is(evaluatePolicy(result.policyDocument, 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/orders').decision, 'IMPLICIT_DENY');
  t.true(result.lost.includes('statement 2 and any after it (cut inside it)'));
});

test('salvagePolicy: deep nesting does not overflow the stack', (t) => {
  const body = `{"principalId":"u","context":${'['.repeat(200_000)}`;
  const result = salvagePolicy(body, true);
  t.is(result.principalId, 'u');
});
