import test from 'ava';
import { evaluatePolicy } from '../../src/policy/index.js';
import type { PolicyDecision } from '../../src/types.js';
import { loadFixture } from './load-fixture.js';

interface Case {
  name: string;
  input: { policy: unknown; methodArn: string };
  expected: { decision: PolicyDecision; uncertain: boolean; matched: number | null; explanation: Array<[number, string]> };
}

for (const c of loadFixture<Case[]>('policy/evaluate-policy.json')) {
  test(`evaluatePolicy: ${c.name}`, (t) => {
    const result = evaluatePolicy(c.input.policy, c.input.methodArn);
    t.is(result.decision, c.expected.decision);
    t.is(result.uncertain, c.expected.uncertain);
    t.is(result.matched?.index ?? null, c.expected.matched);
    for (const [index, text] of c.expected.explanation) {
      t.true(result.explanation[index]?.includes(text), `explanation ${index} should include ${text}: got ${result.explanation[index]}`);
    }
    // One sentence per statement, then document problems.
    t.true(result.explanation.length >= result.statements.length);
  });
}

test('evaluatePolicy reports the matched statement as returned', (t) => {
  const result = evaluatePolicy({ Statement: [{ Effect: 'Deny', Action: ['execute-api:Invoke', 's3:*'], Resource: 'arn:aws:execute-api:*:*:*/prod/*' }] },
    'arn:aws:execute-api:us-east-1:1:abc/prod/GET/x');
  t.deepEqual(result.matched && { index: result.matched.index, effect: result.matched.effect, action: result.matched.action, resource: result.matched.resource },
    { index: 0, effect: 'Deny', action: ['execute-api:Invoke', 's3:*'], resource: ['arn:aws:execute-api:*:*:*/prod/*'] });
});

test('evaluatePolicy skips resources longer than the cap and flags them', (t) => {
  const long = `arn:aws:execute-api:us-east-1:1:abc/prod/GET/${'a'.repeat(3000)}*`;
  const result = evaluatePolicy({ Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: long }] },
    `arn:aws:execute-api:us-east-1:1:abc/prod/GET/${'a'.repeat(3000)}`);
  t.is(result.decision, 'IMPLICIT_DENY');
  t.true(result.uncertain);
});
