/** A wrong option or input is a programming error: a TypeError naming it, thrown by the `analyze` call itself. */
import test from 'ava';
import { analyze, type AnalyzeOptions } from '../../src/pipeline/analyze.js';
import { Trace403Error } from '../../src/errors.js';
import { runAnalyze } from './helpers.js';

const CASES: { name: string; options: Record<string, unknown> }[] = [
  { name: 'format', options: { format: 'xml' } },
  { name: 'format', options: { format: 42 } },
  { name: 'ttlSeconds', options: { ttlSeconds: -1 } },
  { name: 'ttlSeconds', options: { ttlSeconds: 3601 } },
  { name: 'ttlSeconds', options: { ttlSeconds: 1.5 } },
  { name: 'ttlSeconds', options: { ttlSeconds: '300' } },
  { name: 'concurrency', options: { concurrency: 0 } },
  { name: 'concurrency', options: { concurrency: 2.5 } },
  { name: 'concurrency', options: { concurrency: Number.NaN } },
  { name: 'graceMs', options: { graceMs: -1 } },
  { name: 'idleMs', options: { idleMs: 0 } },
  { name: 'idleMs', options: { idleMs: Infinity } },
  { name: 'maxOpenTraces', options: { maxOpenTraces: 0 } },
  { name: 'redact', options: { redact: 'yes' } },
  { name: 'logGroup', options: { logGroup: '' } },
  { name: 'logGroup', options: { logGroup: 7 } },
  { name: 'inputName', options: { inputName: 5 } },
  { name: 'onDiagnostic', options: { onDiagnostic: 'console.log' } },
  { name: 'onProgress', options: { onProgress: 1 } },
  { name: 'signal', options: { signal: 'stop' } },
  { name: 'signal', options: { signal: {} } },
  { name: 'stdin', options: { stdin: 5 } },
  { name: 'options', options: null as unknown as Record<string, unknown> },
];

for (const { name, options } of CASES) {
  test(`bad option ${name} = ${JSON.stringify(options === null ? null : Object.values(options)[0]) ?? String(Object.values(options)[0])}: a TypeError naming it`, (t) => {
    const error = t.throws(() => analyze('samples/containers/events.ndjson', options as AnalyzeOptions), { instanceOf: TypeError });
    t.true(error.message.includes(`\`${name}\``), error.message);
  });
}

const BAD_INPUTS: { name: string; input: unknown }[] = [
  { name: 'a number', input: 42 },
  { name: 'null', input: null },
  { name: 'a plain object', input: {} },
  { name: 'an array of numbers', input: [1, 2, 3] },
  { name: 'an array of paths and objects', input: ['a.log', {}] },
];

for (const { name, input } of BAD_INPUTS) {
  test(`bad input (${name}): a TypeError naming \`input\`, at the call`, (t) => {
    const error = t.throws(() => analyze(input as never), { instanceOf: TypeError });
    t.true(error.message.includes('`input`'), error.message);
  });
}

test('good options of every kind are accepted', async (t) => {
  const controller = new AbortController();
  const { records } = await runAnalyze(t, 'samples/containers/events.ndjson', {
    format: 'ndjson',
    ttlSeconds: 0,
    redact: false,
    concurrency: 1,
    graceMs: 0,
    idleMs: 1,
    maxOpenTraces: 1,
    signal: controller.signal,
    logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
    inputName: 'x',
    onProgress: () => {},
  });
  t.true(records.length >= 4);
});

test('paths that name nothing readable: Trace403Error NO_READABLE_INPUT, with UNREADABLE_FILE diagnostics first', async (t) => {
  const codes: string[] = [];
  const run = analyze(['does/not/exist.log'], { onDiagnostic: (d) => codes.push(`${d.code} ${d.source.file}`) });
  const error = await t.throwsAsync(async () => {
    for await (const _ of run) t.fail();
  }, { instanceOf: Trace403Error });
  t.is(error.code, 'NO_READABLE_INPUT');
  t.deepEqual(codes, ['UNREADABLE_FILE does/not/exist.log']);
});
