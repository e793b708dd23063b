import test from 'ava';
import { classifyTrace, readCachedOrigin, validateTraceRecord, type ClassifyOptions } from '../../src/classify/index.js';
import { CAUSES, type TraceRecord } from '../../src/types.js';
import { loadFixture } from '../policy/load-fixture.js';
import { makeTrace, type TraceSpec } from './make-trace.js';

interface Expected {
  cause: TraceRecord['cause'];
  confidence: TraceRecord['confidence'];
  alternatives: TraceRecord['alternatives'];
  status?: number | null;
  startTime?: string | null;
  resourcePolicy?: TraceRecord['resourcePolicy'];
  gatewayResponse?: TraceRecord['gatewayResponse'];
  cachedFrom?: string | null;
  cachedFromTime?: string | null;
  fix?: string[];
  reasonIncludes?: string[];
  fixIncludes?: string[];
  evidenceIncludes?: string[];
  evidenceExcludes?: string[];
  missingIncludes?: string[];
  explanationIncludes?: string[];
  authorizer?: Record<string, unknown>;
  authorizerNull?: boolean;
}

interface Case { name: string; options?: ClassifyOptions; origin?: TraceSpec; input: TraceSpec; expected: Expected }

const { policies, cases } = loadFixture<{ policies: Record<string, unknown>; cases: Case[] }>('classify/causes.json');

/** Replaces `"$policy:<name>"` results by the policy of that name. */
function resolve(spec: TraceSpec): TraceSpec {
  const result = spec.authorizer?.result;
  if (typeof result === 'string' && result.startsWith('$policy:')) {
    const policy = policies[result.slice('$policy:'.length)];
    if (policy === undefined) throw new Error(`unknown policy ${result}`);
    return { ...spec, authorizer: { ...spec.authorizer, result: policy } };
  }
  return spec;
}

function includesAll(t: import('ava').ExecutionContext, haystack: string[], needles: string[] | undefined, what: string): void {
  for (const needle of needles ?? []) {
    t.true(haystack.some((h) => h.includes(needle)), `${what} should include ${JSON.stringify(needle)}:\n${haystack.join('\n')}`);
  }
}

for (const c of cases) {
  test(`classifyTrace: ${c.name}`, (t) => {
    const origin = c.origin ? readCachedOrigin(makeTrace(resolve(c.origin))) : undefined;
    if (c.origin) t.truthy(origin, 'the origin trace must carry a policy');
    const record = classifyTrace(makeTrace(resolve(c.input)), { ...c.options, ...(origin ? { cachedOrigin: origin } : {}) });
    const e = c.expected;
    t.deepEqual(validateTraceRecord(record), []);
    t.is(record.cause, e.cause, record.reason);
    t.is(record.confidence, e.confidence, record.reason);
    t.deepEqual(record.alternatives, e.alternatives);
    for (const key of ['status', 'startTime', 'resourcePolicy', 'gatewayResponse', 'cachedFrom', 'cachedFromTime', 'fix'] as const) {
      if (e[key] !== undefined) t.deepEqual(record[key], e[key], key);
    }
    includesAll(t, [record.reason], e.reasonIncludes, 'reason');
    includesAll(t, record.fix, e.fixIncludes, 'fix');
    includesAll(t, record.evidence.map((l) => l.text), e.evidenceIncludes, 'evidence');
    includesAll(t, record.missing, e.missingIncludes, 'missing');
    includesAll(t, record.authorizer?.explanation ?? [], e.explanationIncludes, 'explanation');
    for (const secret of e.evidenceExcludes ?? []) {
      t.false(JSON.stringify(record).includes(secret), `record must not contain ${secret}`);
    }
    if (e.authorizerNull) t.is(record.authorizer, null);
    if (e.authorizer) {
      t.truthy(record.authorizer);
      for (const [key, value] of Object.entries(e.authorizer)) {
        t.deepEqual((record.authorizer as unknown as Record<string, unknown>)[key], value, `authorizer.${key}`);
      }
    }
    // The contract: INCOMPLETE says what is missing, others do not; a reason is one sentence; evidence exists.
    t.is(record.missing.length > 0, record.cause === 'INCOMPLETE');
    t.false(record.reason.includes('\n'));
    t.true(record.evidence.length > 0);
    t.false(record.alternatives.includes(record.cause));
  });
}

test('classifyTrace is pure: same record twice, input untouched', (t) => {
  const trace = makeTrace(resolve({
    methodArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/POST/orders',
    status: 403,
    authorizer: { invoked: true, identity: '************xY12ab', principal: '****er-42', completed: true, result: '$policy:allowGetPets' },
    lines: ['@invocation', '@result', '@denied'],
  }));
  const before = JSON.stringify(trace);
  const first = classifyTrace(trace);
  t.deepEqual(classifyTrace(trace), first);
  t.is(JSON.stringify(trace), before);
});

test('classifyTrace: bad options throw a TypeError naming the option', (t) => {
  const trace = makeTrace();
  t.throws(() => classifyTrace(trace, { ttlSeconds: -1 }), { instanceOf: TypeError, message: /ttlSeconds/ });
  t.throws(() => classifyTrace(trace, { redact: 1 as unknown as boolean }), { instanceOf: TypeError, message: /redact/ });
});

test('classifyTrace: a trace with no lines at all is INCOMPLETE, not a crash', (t) => {
  const record = classifyTrace(makeTrace({ apiId: null, stage: null }));
  t.is(record.cause, 'INCOMPLETE');
  t.deepEqual(record.evidence, []);
  t.deepEqual(validateTraceRecord(record), []);
});

test('the fixtures cover every cause', (t) => {
  const covered = new Set(cases.map((c) => c.expected.cause));
  for (const cause of CAUSES) t.true(covered.has(cause), cause);
});
