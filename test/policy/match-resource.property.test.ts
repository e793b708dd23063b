import test from 'ava';
import fc from 'fast-check';
import { countMatchSteps } from '../../src/policy/match-resource.js';
import { matchResource } from '../../src/policy/index.js';

/** Step budget of the two-pointer matcher: O(n·m) with small constants, never exponential. */
const budget = (pattern: string, value: string): number => (pattern.length + 2) * (value.length + 2);

/** A reference matcher by dynamic programming (small inputs only): the semantics, written the obvious way. */
function referenceMatch(pattern: string, value: string): boolean {
  let row = Array.from({ length: value.length + 1 }, (_, j) => j === 0);
  for (const c of pattern) {
    const next = Array.from({ length: value.length + 1 }, () => false);
    next[0] = c === '*' && (row[0] ?? false);
    for (let j = 1; j <= value.length; j++) {
      if (c === '*') next[j] = (row[j] ?? false) || (next[j - 1] ?? false);
      else next[j] = (row[j - 1] ?? false) && (c === '?' || c === value[j - 1]);
    }
    row = next;
  }
  return row[value.length] ?? false;
}

const word = fc.string({ unit: fc.constantFrom(...'abcdefgh0123456789-_'), minLength: 1, maxLength: 12 });
const methodArn = fc.record({
  region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2'),
  account: fc.stringMatching(/^\d{12}$/),
  api: fc.stringMatching(/^[a-z0-9]{10}$/),
  stage: word,
  verb: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  path: fc.array(word, { maxLength: 5 }),
}).map((a) => `arn:aws:execute-api:${a.region}:${a.account}:${a.api}/${a.stage}/${a.verb}/${a.path.join('/')}`);

/**
 * A pattern that covers `value` by construction: the value cut into chunks, each kept, replaced by `*`, or
 * replaced by as many `?`; stars may also be inserted between chunks.
 */
const coveringPattern = (value: string) => fc.array(fc.tuple(fc.nat(), fc.constantFrom('keep', 'star', 'any', 'keep+star')), { maxLength: 12 })
  .map((cuts) => {
    const points = [...new Set(cuts.map(([n]) => n % (value.length + 1)))].sort((a, b) => a - b);
    const bounds = [0, ...points, value.length];
    let pattern = '';
    for (let i = 0; i + 1 < bounds.length; i++) {
      const chunk = value.slice(bounds[i], bounds[i + 1]);
      const how = cuts[i]?.[1] ?? 'keep';
      if (how === 'star') pattern += '*';
      else if (how === 'any') pattern += '?'.repeat(chunk.length);
      else if (how === 'keep+star') pattern += `${chunk}*`;
      else pattern += chunk;
    }
    return pattern;
  });

test('a pattern built to cover an ARN always matches it', (t) => {
  fc.assert(fc.property(methodArn.chain((arn) => fc.tuple(fc.constant(arn), coveringPattern(arn))), ([arn, pattern]) => {
    return matchResource(pattern, arn);
  }), { numRuns: 2000 });
  t.pass();
});

test('a pattern with a literal character the ARN lacks never matches it', (t) => {
  // '#' never occurs in generated ARNs; a covering pattern with a literal '#' spliced in must miss.
  fc.assert(fc.property(methodArn.chain((arn) => fc.tuple(fc.constant(arn), coveringPattern(arn), fc.nat())), ([arn, pattern, at]) => {
    const i = at % (pattern.length + 1);
    return !matchResource(`${pattern.slice(0, i)}#${pattern.slice(i)}`, arn);
  }), { numRuns: 2000 });
  t.pass();
});

test('a pattern without * matches only values of its own length', (t) => {
  fc.assert(fc.property(methodArn, fc.string({ unit: fc.constantFrom('a', '?', '/'), maxLength: 40 }), (arn, pattern) => {
    return pattern.length === arn.length || !matchResource(pattern, arn);
  }), { numRuns: 1000 });
  t.pass();
});

test('the matcher agrees with a reference implementation on small alphabets', (t) => {
  const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?'), maxLength: 14 });
  const value = fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 14 });
  fc.assert(fc.property(pattern, value, (p, v) => matchResource(p, v) === referenceMatch(p, v)), { numRuns: 5000 });
  t.pass();
});

test('the matcher stays within its step budget on any input', (t) => {
  const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 60 });
  const value = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 120 });
  fc.assert(fc.property(pattern, value, (p, v) => countMatchSteps(p, v).steps <= budget(p, v)), { numRuns: 3000 });
  t.pass();
});

test('adversarial *a*a*a… patterns stay within the budget at the 512-character limit', (t) => {
  for (const k of [8, 64, 255]) {
    const pattern = `${'*a'.repeat(k)}*b`; // needs backtracking at every star, and fails at the end
    const value = 'a'.repeat(512);
    const { matched, steps } = countMatchSteps(pattern, value);
    t.false(matched);
    t.true(steps <= budget(pattern, value), `k=${k}: ${steps} steps`);
  }
  fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 512 }), (k, m) => {
    const pattern = `${'*a'.repeat(k)}*b`;
    const value = 'a'.repeat(m);
    const result = countMatchSteps(pattern, value);
    return !result.matched && result.steps <= budget(pattern, value);
  }), { numRuns: 300 });
});
