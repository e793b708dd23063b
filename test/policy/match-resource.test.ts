import test from 'ava';
import { matchResource } from '../../src/policy/index.js';
import { loadFixture } from './load-fixture.js';

interface Case { name: string; input: { pattern: string; value: string }; expected: boolean }

for (const c of loadFixture<Case[]>('policy/match-resource.json')) {
  test(`matchResource: ${c.name}`, (t) => {
    t.is(matchResource(c.input.pattern, c.input.value), c.expected);
  });
}
