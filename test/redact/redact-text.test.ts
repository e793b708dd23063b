import { readFileSync } from 'node:fs';
import test from 'ava';
import { redactAuthorizerResult, redactIdentity, redactText } from '../../src/redact/index.js';

interface Case {
  name: string;
  input: string;
  expected: string;
}

const load = (name: string): Case[] => JSON.parse(readFileSync(new URL(`cases/${name}`, import.meta.url), 'utf8')) as Case[];

for (const c of load('redact-text.json')) {
  test(`redactText: ${c.name}`, (t) => {
    t.is(redactText(c.input), c.expected);
    // Idempotent: redacting the output again changes nothing.
    t.is(redactText(c.expected), c.expected);
  });
}

for (const c of load('redact-identity.json')) {
  test(`redactIdentity: ${c.name}`, (t) => {
    t.is(redactIdentity(c.input), c.expected);
  });
}

test('redactText returns the very same string when nothing is secret', (t) => {
  const text = 'HTTP Method: GET, Resource Path: /pets/42';
  t.is(redactText(text), text);
});

test('redactAuthorizerResult hides context values of a bare body, with or without truncation', (t) => {
  t.is(
    redactAuthorizerResult('{"principalId":"u1","context":{"tier":"gold","n":3}}'),
    '{"principalId":"u1","context":{"tier":"[REDACTED]","n":"[REDACTED]"}}',
  );
  t.is(redactAuthorizerResult('{"principalId":"u1","context":{"tier":"go'), '{"principalId":"u1","context":{"tier":"[REDACTED]"');
  t.is(redactAuthorizerResult('{"principalId":"Bearer abcdef"}'), '{"principalId":"Bearer [REDACTED]"}');
});

test('a deeply nested context value does not overflow the stack', (t) => {
  const body = `Authorizer result body before parsing: {"context":{"a":${'['.repeat(200_000)}`;
  t.is(redactText(body), 'Authorizer result body before parsing: {"context":{"a":"[REDACTED]"');
});
