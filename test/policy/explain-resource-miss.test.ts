import test from 'ava';
import { explainResourceMiss, matchResource } from '../../src/policy/index.js';
import { loadFixture } from './load-fixture.js';

interface Case { name: string; input: { pattern: string; arn: string }; expected: string }

for (const c of loadFixture<Case[]>('policy/explain-resource-miss.json')) {
  test(`explainResourceMiss: ${c.name}`, (t) => {
    // Only misses are explained: the fixture must be one.
    t.false(matchResource(c.input.pattern, c.input.arn));
    t.is(explainResourceMiss(c.input.pattern, c.input.arn), c.expected);
  });
}
