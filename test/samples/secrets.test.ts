import test from 'ava';
import { findSecretLeaks, SAMPLE_TOKENS, SECRETS } from '../../benchmarks/lib/secrets.js';
import { maskValue } from '../../benchmarks/lib/text.js';

const SECRET = SAMPLE_TOKENS.alice;

test('SECRETS: JWT-shaped bearer tokens, an STS token, and no duplicates', (t) => {
  t.true(SECRETS.length >= 20);
  t.is(new Set(SECRETS).size, SECRETS.length);
  t.true(SECRET.startsWith('eyJ'));
  t.is(SECRET.split('.').length, 3);
  t.true(SECRETS.some((s) => s.startsWith('IQoJb3JpZ2luX2Vj')));
});

test('findSecretLeaks: a whole secret is a leak', (t) => {
  t.deepEqual(findSecretLeaks(`token was ${SECRET}.`), [SECRET]);
});

test('findSecretLeaks: a 20-character piece is a leak (truncated lines still leak)', (t) => {
  t.deepEqual(findSecretLeaks(`…${SECRET.slice(-40, -20)}…`), [SECRET]);
  t.deepEqual(findSecretLeaks(SECRET.slice(-40, -21)), []);
});

test('findSecretLeaks: the JWT header every token shares identifies no secret', (t) => {
  t.deepEqual(findSecretLeaks(SECRET.slice(0, 60)), []);
});

test('findSecretLeaks: API Gateway\'s masked form is not a leak', (t) => {
  t.deepEqual(findSecretLeaks(`Incoming identity: ${maskValue(`Bearer ${SECRET}`)}`), []);
});

test('findSecretLeaks: short secrets (tenant ids) are matched whole', (t) => {
  const tenant = SECRETS.find((s) => s.startsWith('tnt_')) as string;
  t.deepEqual(findSecretLeaks(`"tenantId":"${tenant}"`), [tenant]);
  t.deepEqual(findSecretLeaks(`"tenantId":"${tenant.slice(0, -1)}"`), []);
});
