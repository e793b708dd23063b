import test from 'ava';
import { validateAuthorizerResponse } from '../../src/policy/index.js';
import { loadFixture } from './load-fixture.js';

interface Case {
  name: string;
  input: unknown;
  expected: { valid: boolean; configurationError: string | null; errors: string[]; warnings: string[] };
}

for (const c of loadFixture<Case[]>('policy/validate-authorizer-response.json')) {
  test(`validateAuthorizerResponse: ${c.name}`, (t) => {
    const result = validateAuthorizerResponse(c.input);
    t.is(result.valid, c.expected.valid);
    t.is(result.configurationError, c.expected.configurationError);
    // ajv's error order follows its keyword groups, not the document: compare as sets.
    t.deepEqual([...result.errors].sort(), [...c.expected.errors].sort());
    t.deepEqual(result.warnings, c.expected.warnings);
  });
}
