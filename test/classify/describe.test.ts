import test from 'ava';
import fc from 'fast-check';
import { functionName, isoTime } from '../../src/classify/describe.js';

test('isoTime agrees with Date#toISOString, cache or not', (t) => {
  fc.assert(fc.property(fc.array(fc.integer({ min: -8.64e15, max: 8.64e15 }), { maxLength: 20 }), fc.integer({ min: 0, max: 999 }), (times, jitter) => {
    // Neighbours in the same second exercise the cache; arbitrary times exercise misses.
    return [...times, ...times.map((x) => x - (x % 1000) + jitter)]
      .filter((x) => Math.abs(x) <= 8.64e15)
      .every((x) => isoTime(x) === new Date(x).toISOString());
  }), { numRuns: 500 });
  t.is(isoTime(Date.parse('2024-02-24T00:29:03.007Z')), '2024-02-24T00:29:03.007Z');
  t.is(isoTime(-1), '1969-12-31T23:59:59.999Z');
  t.is(isoTime(null), null);
  t.is(isoTime(1e17), null);
  t.is(isoTime(Number.NaN), null);
});

test('functionName reads the Lambda ARN', (t) => {
  t.is(functionName('arn:aws:lambda:us-east-1:123456789012:function:token-auth'), 'token-auth');
  t.is(functionName('arn:aws:lambda:us-east-1:123456789012:function:token-auth:live'), 'token-auth');
  t.is(functionName('token-auth'), null);
  t.is(functionName(null), null);
});
