import test from 'ava';
import { classifyTrace, validateTraceRecord } from '../../src/classify/index.js';
import { makeTrace } from './make-trace.js';

const record = classifyTrace(makeTrace({ status: 403, lines: [['methodCompleted', 'Method completed with status: 403']] }));

test('a classified record is valid', (t) => {
  t.deepEqual(validateTraceRecord(record), []);
});

test('the schema rejects what the contract forbids', (t) => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['unknown cause', { ...record, cause: 'FORBIDDEN' }, /cause/],
    ['confidence out of range', { ...record, confidence: 'certain' }, /confidence/],
    ['missing requestId', Object.fromEntries(Object.entries(record).filter(([k]) => k !== 'requestId')), /requestId/],
    ['extra field', { ...record, secret: 'x' }, /secret/],
    ['time not ISO', { ...record, startTime: '24/02/2024' }, /startTime/],
    ['alternative not a cause', { ...record, alternatives: ['MAYBE'] }, /alternatives/],
    ['evidence line without file', { ...record, evidence: [{ time: null, text: 'x', line: 1 }] }, /evidence/],
    ['authorizer block incomplete', { ...record, authorizer: { id: 'a' } }, /authorizer/],
  ];
  for (const [name, value, pattern] of cases) {
    const errors = validateTraceRecord(value);
    t.true(errors.length > 0, name);
    t.regex(errors.join('\n'), pattern, name);
  }
});
