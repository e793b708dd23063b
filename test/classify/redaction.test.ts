/**
 * The classifier redacts the records it builds with the field list of redactRecord (redactFields): a worker and the
 * CLI write records as the classifier left them, so a field only redactRecord knew would leak. Held to it here:
 * a record built unredacted and then passed through redactRecord is the record built redacted.
 */
import test from 'ava';
import { classifyTrace, readCachedOrigin, type ClassifyOptions } from '../../src/classify/index.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { redactRecord } from '../../src/redact/index.js';
import type { TraceRecord } from '../../src/types.js';
import { loadFixture } from '../policy/load-fixture.js';
import { INCIDENT } from '../pipeline/helpers.js';
import { makeTrace, type TraceSpec } from './make-trace.js';

interface Case { name: string; options?: ClassifyOptions; origin?: TraceSpec; input: TraceSpec }

const { policies, cases } = loadFixture<{ policies: Record<string, unknown>; cases: Case[] }>('classify/causes.json');

/** Replaces `"$policy:<name>"` results by the policy of that name (as classify-trace.test.ts does). */
function resolve(spec: TraceSpec): TraceSpec {
  const result = spec.authorizer?.result;
  if (typeof result !== 'string' || !result.startsWith('$policy:')) return spec;
  return { ...spec, authorizer: { ...spec.authorizer, result: policies[result.slice('$policy:'.length)] } };
}

test('every cause fixture: redactRecord of the unredacted record is the redacted record', (t) => {
  for (const c of cases) {
    const origin = c.origin ? readCachedOrigin(makeTrace(resolve(c.origin))) : undefined;
    const options = { ...c.options, ...(origin ? { cachedOrigin: origin } : {}) };
    const plain = classifyTrace(makeTrace(resolve(c.input)), { ...options, redact: false });
    const redacted = classifyTrace(makeTrace(resolve(c.input)), { ...options, redact: true });
    t.deepEqual(redactRecord(plain), redacted, c.name);
  }
});

/** A JWT, which redactText hides wherever it stands. */
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLXNlY3JldA';

/** The fields redaction covers, by name, as a record has them. */
const REDACTED_FIELDS: Record<string, (r: TraceRecord) => unknown> = {
  resourcePath: (r) => r.resourcePath,
  methodArn: (r) => r.methodArn,
  reason: (r) => r.reason,
  evidence: (r) => r.evidence.map((e) => e.text),
  fix: (r) => r.fix,
  identity: (r) => r.authorizer?.identity,
  principal: (r) => r.authorizer?.principal,
  explanation: (r) => r.authorizer?.explanation,
};

test('a refusal with a secret in every field redaction covers: both paths hide it in each', (t) => {
  // An implicit deny on a path holding a token: the path is in the ARN, the reason, the fix and the explanation.
  const arn = `arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/POST/orders/${JWT}`;
  const spec: TraceSpec = {
    methodArn: arn,
    resourcePath: `/orders/${JWT}`,
    status: 403,
    authorizer: { invoked: true, identity: `Bearer ${JWT}`, principal: JWT, completed: true, result: policies['allowGetPets'] },
    lines: [['extendedRequestId', 'Extended Request Id: Abc123XYZ='], '@invocation', '@result', '@denied'],
  };
  const plain = classifyTrace(makeTrace(spec), { redact: false });
  const redacted = classifyTrace(makeTrace(spec), { redact: true });
  for (const [name, field] of Object.entries(REDACTED_FIELDS)) {
    t.true(JSON.stringify(field(plain)).includes(JWT.slice(0, 30)), `the test puts a secret in ${name}`);
    t.false(JSON.stringify(field(redacted)).includes(JWT.slice(0, 30)), `${name} is redacted`);
  }
  t.deepEqual(redactRecord(plain), redacted);
});

test('the incident sample, secrets and all: redactRecord of each unredacted record is the redacted one', async (t) => {
  const run = async (redact: boolean): Promise<Map<string, TraceRecord>> => {
    const records = new Map<string, TraceRecord>();
    for await (const record of analyze(INCIDENT, { redact, concurrency: 1 })) records.set(record.requestId, record);
    return records;
  };
  const plain = await run(false);
  const redacted = await run(true);
  t.true(plain.size > 10);
  let changed = 0;
  for (const [id, record] of plain) {
    const safe = redactRecord(record);
    if (JSON.stringify(safe) !== JSON.stringify(record)) changed++;
    t.deepEqual(safe, redacted.get(id), id);
  }
  t.true(changed > 0, 'some records of the sample hold secrets');
});
