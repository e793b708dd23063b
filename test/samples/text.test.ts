import test from 'ava';
import { decide, answerWith, statement } from '../../benchmarks/lib/policy.js';
import {
  formatConsoleTime, formatIsoTime, formatTailTime, maskValue, stringifyJson, truncateMessage, type JsonDialect,
} from '../../benchmarks/lib/text.js';

const MARK = ' [TRUNCATED]';

const TRUNCATION: { name: string; input: string; expected: string }[] = [
  { name: '1024 ASCII bytes stay whole', input: 'a'.repeat(1024), expected: 'a'.repeat(1024) },
  { name: '1025 ASCII bytes lose one', input: 'a'.repeat(1025), expected: 'a'.repeat(1024) + MARK },
  { name: '2-byte characters cut on a boundary', input: 'é'.repeat(600), expected: 'é'.repeat(512) + MARK },
  { name: 'a 2-byte character straddling byte 1024 is dropped whole', input: `a${'é'.repeat(600)}`, expected: `a${'é'.repeat(511)}${MARK}` },
  { name: '3-byte characters', input: `ab${'€'.repeat(400)}`, expected: `ab${'€'.repeat(340)}${MARK}` },
  { name: '4-byte characters (surrogate pairs) are never split', input: '😀'.repeat(300), expected: '😀'.repeat(256) + MARK },
  { name: 'short text untouched', input: 'Method completed with status: 200', expected: 'Method completed with status: 200' },
];

for (const { name, input, expected } of TRUNCATION) {
  test(`truncateMessage: ${name}`, (t) => {
    t.is(truncateMessage(input), expected);
  });
}

const MASKS: { name: string; input: string; expected: string }[] = [
  { name: 'long value keeps its last 6 characters', input: 'Bearer abcdefghijkl', expected: '*************ghijkl' },
  { name: 'short value keeps about half', input: 'abcdef', expected: '***def' },
  { name: 'characters, not UTF-16 units, are counted', input: 'customer/Zoë-Ångström', expected: `${'*'.repeat(15)}gström` },
  { name: 'empty stays empty', input: '', expected: '' },
];

for (const { name, input, expected } of MASKS) {
  test(`maskValue: ${name}`, (t) => {
    t.is(maskValue(input), expected);
  });
}

const VALUE = { a: [1, { b: 'é' }], c: {} };
const DIALECTS: { name: JsonDialect; expected: string }[] = [
  { name: 'node', expected: '{"a":[1,{"b":"é"}],"c":{}}' },
  { name: 'python', expected: '{"a": [1, {"b": "\\u00e9"}], "c": {}}' },
  // Jackson's DefaultPrettyPrinter: arrays count as a nesting level for the objects inside them.
  { name: 'jackson-pretty', expected: '{\n  "a" : [ 1, {\n      "b" : "é"\n    } ],\n  "c" : { }\n}' },
];

for (const { name, expected } of DIALECTS) {
  test(`stringifyJson: ${name}`, (t) => {
    t.is(stringifyJson(VALUE, name), expected);
  });
}

test('time formats of the containers', (t) => {
  const ms = Date.parse('2017-08-03T01:07:25.118Z');
  t.is(formatIsoTime(ms), '2017-08-03T01:07:25.118Z');
  t.is(formatTailTime(ms), '2017-08-03T01:07:25.118000+00:00');
  t.is(formatConsoleTime(ms), 'Thu Aug 03 01:07:25 UTC 2017');
});

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders/42';
const POLICIES: { name: string; input: ReturnType<typeof statement>[]; expected: ReturnType<typeof decide> }[] = [
  { name: 'stage-wide allow', input: [statement('Allow', 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*/*')], expected: 'ALLOW' },
  { name: 'exact ARN', input: [statement('Allow', ARN)], expected: 'ALLOW' },
  { name: 'another path: silent', input: [statement('Allow', `${ARN}/items`)], expected: 'IMPLICIT_DENY' },
  { name: 'wrong stage: silent', input: [statement('Allow', 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/dev/*/*')], expected: 'IMPLICIT_DENY' },
  { name: 'deny wins over allow', input: [statement('Allow', '*'), statement('Deny', 'arn:aws:execute-api:*:*:*/prod/GET/*')], expected: 'EXPLICIT_DENY' },
  { name: '? matches one character', input: [statement('Allow', `${ARN.slice(0, -1)}?`)], expected: 'ALLOW' },
  { name: 'list of resources', input: [statement('Allow', ['x', ARN])], expected: 'ALLOW' },
  { name: 'no statement', input: [], expected: 'IMPLICIT_DENY' },
];

for (const { name, input, expected } of POLICIES) {
  test(`decide: ${name}`, (t) => {
    t.is(decide(answerWith('p', input), ARN), expected);
  });
}
