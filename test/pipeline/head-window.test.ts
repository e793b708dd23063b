/**
 * mayHaveBegunElsewhere decides which traces near the start of an input go raw to the main thread to be joined with
 * the end of another input. Wrong one way, a request split across two S3 files is classified as two halves; wrong
 * the other way, every trace is shipped and joined for nothing. The traces here are extracted from real wording
 * (LOG-FORMATS.md §4), so the marks the function reads are the ones the extractor sets.
 */
import test from 'ava';
import { extractTrace } from '../../src/extract/index.js';
import { mayHaveBegunElsewhere } from '../../src/pipeline/head-window.js';
import type { Trace } from '../../src/types.js';

const ID = 'c0ffee00-0000-4000-8000-000000000001';

/** The lines of one request, by the start of their text; `(id) ` is added. */
const LINE = {
  extended: 'Extended Request Id: PDS1PEC4oAMFpyA=',
  authorizer: `Starting authorizer: abc123 for request: ${ID}`,
  usagePlan: `Verifying Usage Plan for request: ${ID}. API Key:  API Stage: a1b2c3d4e5/prod`,
  execution: `Starting execution for request: ${ID}`,
  method: 'HTTP Method: GET, Resource Path: /pets/42',
  completed: 'Method completed with status: 200',
} as const;

/** A trace of the given lines, one second apart, extracted as the pipeline would. */
function traceOf(...lines: (keyof typeof LINE)[]): Trace {
  const events = lines.map((name, i) => ({ timestamp: 1_700_000_000_000 + i * 1000, message: `(${ID}) ${LINE[name]}`, source: { file: 'f', line: i + 1 } }));
  return extractTrace({ requestId: ID, events, closedBy: 'terminal' });
}

test('the marks the cases rely on are set by the extractor', (t) => {
  const marks = traceOf('extended', 'authorizer', 'usagePlan', 'execution', 'completed').marks;
  t.like(marks, { extendedRequestId: 0, authorizerStart: 1, usagePlan: 2, executionStart: 3 });
});

test('first line is the Extended Request Id: begun here, whatever else the input logs', (t) => {
  const trace = traceOf('extended', 'method', 'execution', 'completed');
  t.false(mayHaveBegunElsewhere(trace, true));
  t.false(mayHaveBegunElsewhere(trace, false));
});

test('the input logs extended ids and this trace starts with something else: may have begun elsewhere', (t) => {
  // Even a trace that starts the way pre-2019 requests did: in such logs the extended id comes first.
  for (const first of ['authorizer', 'usagePlan', 'execution', 'method'] as const) {
    t.true(mayHaveBegunElsewhere(traceOf(first, 'completed'), true), first);
  }
});

test('its own Extended Request Id not first: may have begun elsewhere, even if the input saw none yet', (t) => {
  t.true(mayHaveBegunElsewhere(traceOf('authorizer', 'extended', 'completed'), false));
});

test('no extended ids: a trace starting with a request\'s first line began here', (t) => {
  for (const first of ['authorizer', 'usagePlan', 'execution'] as const) {
    t.false(mayHaveBegunElsewhere(traceOf(first, 'method', 'completed'), false), first);
  }
});

test('no extended ids: a trace starting with any other line may have begun elsewhere', (t) => {
  t.true(mayHaveBegunElsewhere(traceOf('method', 'execution', 'completed'), false));
  t.true(mayHaveBegunElsewhere(traceOf('completed'), false));
  // The start lines later in the trace do not count: only the first line says where a request began.
  t.true(mayHaveBegunElsewhere(traceOf('method', 'authorizer', 'usagePlan', 'execution', 'completed'), false));
});
