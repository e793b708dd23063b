import test from 'ava';
import { createClassifier, readCachedOrigin, validateTraceRecord, type ClassifyOptions } from '../../src/classify/index.js';
import type { Trace, TraceRecord } from '../../src/types.js';
import { loadFixture } from '../policy/load-fixture.js';
import { IDS, makeTrace, methodArn } from './make-trace.js';

/** A trace of the cache scenarios, by kind; `t` is seconds after 00:29:03Z (null: untimed). */
interface Spec {
  kind: 'origin' | 'hit' | 'allowed-hit' | 'other';
  requestId: string;
  t: number | null;
  file?: string;
  policy?: string;
  verb?: string;
  path?: string;
  /** false: the hit's method ARN is not in the log. */
  arn?: boolean;
  identity?: string | null;
  principal?: string | null;
  stage?: string;
}

interface Case {
  name: string;
  options?: ClassifyOptions;
  traces: Spec[];
  /** Trace indexes per push; default one push with every trace. */
  batches?: number[][];
  /** Request ids each push returned, then what flush returned (omitted when flush returns nothing). */
  emitted: string[][];
  records: Record<string, Partial<Pick<TraceRecord, 'cause' | 'confidence' | 'cachedFrom' | 'cachedFromTime'>>>;
}

const IDENTITY = '************xY12ab';
const PRINCIPAL = '****er-42';
const { policies } = loadFixture<{ policies: Record<string, unknown> }>('classify/causes.json');

function build(spec: Spec): Trace {
  const t0 = spec.t === null ? null : new Date(Date.parse('2024-02-24T00:29:03.000Z') + spec.t * 1000).toISOString();
  const stage = spec.stage ?? IDS.stage;
  const base = { requestId: spec.requestId, t0, file: spec.file ?? 'test.log', stage };
  const identity = spec.identity === undefined ? IDENTITY : spec.identity;
  const principal = spec.principal === undefined ? PRINCIPAL : spec.principal;
  switch (spec.kind) {
    case 'origin':
      return makeTrace({
        ...base,
        methodArn: methodArn(spec.verb ?? 'GET', spec.path ?? 'pets', stage),
        status: 200,
        authorizer: { invoked: true, identity, principal, completed: true, lambdaArn: IDS.lambda, result: policies[spec.policy ?? 'allowGetPets'] },
        lines: ['@invocation', '@result', '@execution', ['methodCompleted', 'Method completed with status: 200']],
      });
    case 'hit':
      return makeTrace({
        ...base,
        methodArn: spec.arn === false ? null : methodArn(spec.verb ?? 'POST', spec.path ?? 'orders', stage),
        status: 403,
        authorizer: { invoked: false, identity, principal, completed: true },
        lines: identity === null ? ['@cached', '@denied'] : [
          ['authorizerStart', `Starting authorizer: ${IDS.authorizer} for request: $id`],
          ['incomingIdentity', 'Incoming identity: $identity'],
          ['authorizerPrincipal', 'Using valid authorizer policy for principal: $principal'],
          ['authorizerCompleted', 'Successfully completed authorizer execution'],
          '@denied',
        ],
      });
    case 'allowed-hit':
      return makeTrace({
        ...base,
        methodArn: methodArn('GET', 'pets', stage),
        status: 200,
        authorizer: { invoked: false, identity, principal, completed: true },
        lines: ['@cached', '@execution', ['methodCompleted', 'Method completed with status: 200']],
      });
    case 'other':
      return makeTrace({ ...base, methodArn: methodArn('GET', 'health', stage), status: 200, lines: ['@execution', ['methodCompleted', 'Method completed with status: 200']] });
  }
}

for (const c of loadFixture<Case[]>('classify/cache-correlation.json')) {
  test(`createClassifier: ${c.name}`, (t) => {
    const traces = c.traces.map(build);
    const classifier = createClassifier(c.options);
    const batches = c.batches ?? [traces.map((_, i) => i)];
    const emitted: string[][] = [];
    const all: TraceRecord[] = [];
    for (const batch of batches) {
      const records = classifier.push(batch.map((i) => traces[i] as Trace));
      emitted.push(records.map((r) => r.requestId));
      all.push(...records);
    }
    const last = classifier.flush();
    if (last.length > 0) emitted.push(last.map((r) => r.requestId));
    all.push(...last);
    t.deepEqual(emitted, c.emitted);
    // Every trace comes out exactly once.
    t.deepEqual(all.map((r) => r.requestId).sort(), traces.map((tr) => tr.requestId).sort());
    for (const record of all) t.deepEqual(validateTraceRecord(record), [], record.requestId);
    for (const [requestId, expected] of Object.entries(c.records)) {
      const record = all.find((r) => r.requestId === requestId);
      t.truthy(record, requestId);
      for (const [key, value] of Object.entries(expected)) {
        t.deepEqual(record?.[key as keyof TraceRecord], value, `${requestId}.${key}: ${record?.reason}`);
      }
    }
    t.deepEqual(classifier.flush(), [], 'a second flush has nothing left');
  });
}

test('createClassifier: bad options throw a TypeError naming the option', (t) => {
  t.throws(() => createClassifier({ ttlSeconds: 3601 }), { instanceOf: TypeError, message: /ttlSeconds/ });
  t.throws(() => createClassifier({ ttlSeconds: 1.5 }), { instanceOf: TypeError, message: /ttlSeconds/ });
  t.throws(() => createClassifier({ maxPending: -1 }), { instanceOf: TypeError, message: /maxPending/ });
  t.throws(() => createClassifier({ maxOrigins: Number.NaN }), { instanceOf: TypeError, message: /maxOrigins/ });
  t.throws(() => createClassifier({ redact: 'yes' as unknown as boolean }), { instanceOf: TypeError, message: /redact/ });
  t.throws(() => createClassifier({ settleHitsAtFlush: 1 as unknown as boolean }), { instanceOf: TypeError, message: /settleHitsAtFlush/ });
  t.notThrows(() => createClassifier({ ttlSeconds: 0, redact: false, maxPending: 0, maxOrigins: 0 }));
});

test('createClassifier: memory stays bounded over many origins and hits', (t) => {
  const classifier = createClassifier({ maxOrigins: 50, maxPending: 20 });
  let out = 0;
  for (let i = 0; i < 2000; i++) {
    // Every caller distinct and every hit without origin: only the caps keep the state small.
    const identity = `************${String(i).padStart(6, '0')}`;
    const origin = build({ kind: 'origin', requestId: `o${i}`, t: i, identity, principal: `p${i}` });
    const hit = build({ kind: 'hit', requestId: `h${i}`, t: i + 1, identity: `${identity}x`, principal: `q${i}` });
    out += classifier.push([origin, hit]).length;
    t.true(classifier.rememberedOrigins <= 50 && classifier.heldHits <= 20, `after ${i}`);
  }
  t.is(classifier.rememberedOrigins, 50);
  t.is(classifier.heldHits, 20);
  out += classifier.flush().length;
  t.is(out, 4000);
  t.is(classifier.heldHits, 0);
});

test('a cache hit that logs no API or stage takes them from its origin, so the flush command is pasteable', (t) => {
  const origin = build({ kind: 'origin', requestId: 'o1', t: 0 });
  const hit = { ...build({ kind: 'hit', requestId: 'h1', t: 30, arn: false }), apiId: null, stage: null };
  t.not(origin.apiId, null, 'the origin knows its API');
  const classifier = createClassifier();
  const records = [...classifier.push([origin, hit]), ...classifier.flush()];
  const record = records.find((r) => r.requestId === 'h1');
  t.is(record?.cause, 'AUTHORIZER_CACHED_POLICY_DENY');
  t.is(record?.apiId, origin.apiId);
  t.is(record?.stage, origin.stage);
  const flush = record?.fix.find((f) => f.includes('flush-stage-authorizers-cache'));
  t.truthy(flush);
  t.true(flush?.includes(`--rest-api-id ${origin.apiId} --stage-name ${origin.stage}`), flush);
  t.false(flush?.includes('<'), 'no placeholder left');
});

test('an origin keeps what re-evaluation needs: not the whole parsed answer, at most 4 KiB of its result line', (t) => {
  const origin = build({ kind: 'origin', requestId: 'o1', t: 0 });
  const at = origin.marks.authorizerResult;
  t.not(at, undefined);
  const line = origin.lines[at!]!;
  // Events delivered through CloudWatch log delivery may be 1 MB: a long answer must not be kept whole.
  origin.lines[at!] = { ...line, text: `${line.text}${' '.repeat(200_000)}` };
  const kept = readCachedOrigin(origin);
  t.truthy(kept?.policy.policyDocument, 'the policy document is kept for re-evaluation');
  t.is(kept?.policy.value, undefined, 'the whole parsed answer (context included) is not');
  t.true((kept?.evidence?.text.length ?? Infinity) <= 4096 + ' [cut by trace403]'.length);
  t.true(kept?.evidence?.text.endsWith('[cut by trace403]'));
});
