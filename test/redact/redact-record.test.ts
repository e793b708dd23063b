import test from 'ava';
import { redactFields, redactRecord } from '../../src/redact/index.js';
import type { TraceRecord } from '../../src/types.js';
import { JWT, makeRecord } from '../fixtures/report/records.js';

/** A record with a JWT in every field redaction covers, and in one it does not (the request id). */
function secretRecord(): TraceRecord {
  const base = makeRecord({ requestId: `id-${JWT}`, cause: 'AUTHORIZER_EXPLICIT_DENY' });
  return {
    ...base,
    resourcePath: `/pets/${JWT}`,
    methodArn: `arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/${JWT}`,
    reason: `denied Bearer ${JWT}`,
    evidence: [{ file: 'a', line: 1, time: null, text: `Authorization: Bearer ${JWT}` }],
    fix: [`check Bearer ${JWT}`],
    authorizer: { ...base.authorizer!, identity: `Bearer ${JWT}`, principal: `Bearer ${JWT}`, explanation: [`statement 0: Bearer ${JWT}`] },
  };
}

/** The redacted fields' values, flattened. */
const redactedFields = (r: TraceRecord): unknown[] => [
  r.resourcePath,
  r.methodArn,
  r.reason,
  ...r.evidence.map((e) => e.text),
  ...r.fix,
  r.authorizer?.identity,
  r.authorizer?.principal,
  ...(r.authorizer?.explanation ?? []),
];

test('redactRecord hides the secret in every field it covers and leaves its argument as it was', (t) => {
  const record = secretRecord();
  const before = structuredClone(record);
  const safe = redactRecord(record);
  for (const value of redactedFields(safe)) t.false(String(value).includes(JWT), String(value));
  t.deepEqual(record, before, 'the argument is unchanged');
  t.is(safe.requestId, record.requestId, 'ids are not log text redaction covers');
});

test('redactFields redacts in place: same record, authorizer and evidence lines; shared string arrays are replaced, not changed', (t) => {
  const record = secretRecord();
  const { authorizer, evidence, fix } = record;
  const explanation = authorizer!.explanation;
  const line = evidence[0]!;
  t.is(redactFields(record), record);
  t.is(record.authorizer, authorizer);
  t.is(record.evidence[0], line);
  t.false(line.text.includes(JWT));
  t.true(fix[0]!.includes(JWT) && explanation[0]!.includes(JWT), 'arrays the record shared are left as they were');
  t.deepEqual(redactFields(structuredClone(secretRecord())), redactRecord(secretRecord()), 'the same fields as redactRecord');
});
