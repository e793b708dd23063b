import fc from 'fast-check';
import test from 'ava';
import { redactIdentity, redactText } from '../../src/redact/index.js';

// Text made of the characters the rules care about, so the generator hits keys, quotes and separators often.
const logChar = fc.constantFrom(...'abcXYZ019 .:=,{}[]"\\-_*/+\n'.split(''), 'eyJ', 'Bearer ', 'Authorization', '"context":', 'Authorizer result body before parsing: ', 'AKIA', ' [TRUNCATED]');
const logText = fc.array(logChar, { maxLength: 60 }).map((parts) => parts.join(''));
const b64 = fc.stringMatching(/^[A-Za-z0-9_-]{4,24}$/);

test('redactText never throws and is idempotent on arbitrary log-like text', (t) => {
  fc.assert(
    fc.property(fc.oneof(logText, fc.string({ maxLength: 80 })), (text) => {
      const once = redactText(text);
      return redactText(once) === once;
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test('a JWT or bearer token anywhere in log-like text never survives', (t) => {
  fc.assert(
    fc.property(logText, b64, b64, b64, logText, fc.boolean(), (before, a, b, c, after, bearer) => {
      const secret = `eyJ${a}.${b}.${c}`;
      // A separator that is not a token character, so the secret is a token of its own.
      const text = `${before} ${bearer ? 'Bearer ' : ''}${secret} ${after}`;
      return !redactText(text).includes(secret);
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test('every authorizer context value is hidden, keys kept, whatever the values', (t) => {
  const value = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.boolean(),
  );
  fc.assert(
    fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), value, { minKeys: 1, maxKeys: 5 }), (context) => {
      const body = JSON.stringify({ principalId: 'p', context });
      const out = redactText(`Authorizer result body before parsing: ${body}`);
      const parsed = JSON.parse(out.slice('Authorizer result body before parsing: '.length)) as { context: Record<string, unknown> };
      return Object.keys(parsed.context).join() === Object.keys(context).join() && Object.values(parsed.context).every((v) => v === '[REDACTED]');
    }),
    { numRuns: 2000 },
  );
  t.pass();
});

test('redactIdentity shows at most 4 characters of an unmasked identity', (t) => {
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{5,64}$/), (identity) => {
      const out = redactIdentity(identity);
      const visible = out.replace(/^\*+/, '');
      return visible.length <= 4 && identity.endsWith(visible);
    }),
    { numRuns: 2000 },
  );
  t.pass();
});
