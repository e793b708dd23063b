import test from 'ava';
import { createReassembler } from '../../src/reassemble/index.js';
import type { Diagnostic, LogEvent, RawTrace } from '../../src/types.js';
import { accounted, line, raw, request, summarize, T0 } from './helpers.js';

function run(batches: LogEvent[][], options: Parameters<typeof createReassembler>[0] = {}) {
  const diagnostics: Diagnostic[] = [];
  const reassembler = createReassembler({ closeCheckEvents: 1, ...options, onDiagnostic: (d) => diagnostics.push(d) });
  const pushed: RawTrace[] = [];
  for (const batch of batches) pushed.push(...reassembler.push(batch));
  const flushed = reassembler.flush();
  return { pushed, flushed, all: [...pushed, ...flushed], stats: reassembler.stats, diagnostics };
}

test('interleaved requests in one stream come out as one trace each, lines in order', (t) => {
  const a = request('req-a', 0, 10);
  const b = request('req-b', 5, 10);
  const c = request('req-c', 7, 3);
  const interleaved = [...a, ...b, ...c].sort((x, y) => x.timestamp! - y.timestamp!);
  const { all, stats } = run([interleaved]);
  t.deepEqual(summarize(all), {
    'req-a': { closedBy: 'terminal', messages: a.map((e) => e.message) },
    'req-b': { closedBy: 'terminal', messages: b.map((e) => e.message) },
    'req-c': { closedBy: 'terminal', messages: c.map((e) => e.message) },
  });
  t.like(stats, { events: 18, inTraces: 18, traces: 3, orphans: 0, foreign: 0, duplicates: 0 });
});

test('a batch split at every position gives the same traces', (t) => {
  // r1 and r2 close on their terminal lines once r3 moves the watermark; r3 once r4 does; r4 at the end, whole.
  const events = [...request('r1', 0), ...request('r2', 3), ...request('r3', 7000), ...request('r4', 20_000)];
  events.sort((x, y) => x.timestamp! - y.timestamp!);
  const whole = summarize(run([events]).all);
  t.deepEqual(
    Object.values(whole).map((trace) => trace.closedBy),
    ['terminal', 'terminal', 'terminal', 'terminal'],
  );
  for (let k = 0; k <= events.length; k++) {
    const { all, stats } = run([events.slice(0, k), events.slice(k)]);
    t.deepEqual(summarize(all), whole, `split at ${k}`);
    t.true(accounted(stats));
  }
  t.deepEqual(summarize(run(events.map((e) => [e])).all), whole, 'one event per batch');
});

test('lines out of order within a trace come out sorted, ties in arrival order', (t) => {
  const events = [
    line('r', 30, 'Method completed with status: 403'),
    line('r', 10, 'second at 10'),
    line('r', 0, 'Extended Request Id: x'),
    line('r', 10, 'third at 10'),
    line('r', 20, 'The client is not authorized to perform this operation.'),
  ];
  const [trace] = run([events]).all;
  t.deepEqual(
    trace!.events.map((e) => e.message),
    ['(r) Extended Request Id: x', '(r) second at 10', '(r) third at 10', '(r) The client is not authorized to perform this operation.', '(r) Method completed with status: 403'],
  );
});

test('a terminal line closes the trace once the grace period of event time has passed; trailers within it join', (t) => {
  const reassembler = createReassembler({ graceMs: 5000, closeCheckEvents: 1 });
  t.deepEqual(reassembler.push([line('r', 0, 'Starting authorizer: a for request: r'), line('r', 10, 'Unauthorized request: r')]), []);
  // 4 s later in event time: still within grace, so the trailer joins.
  t.deepEqual(reassembler.push([line('r', 4010, 'X-ray Tracing ID : Root=1-abc')]), []);
  t.deepEqual(reassembler.push([line('other', 9010, 'Extended Request Id: y')]), [], 'watermark - grace = lastTs: not yet');
  const closed = reassembler.push([line('other', 9011, 'Incoming identity: x')]);
  t.is(closed.length, 1);
  t.is(closed[0]!.requestId, 'r');
  t.is(closed[0]!.closedBy, 'terminal');
  t.is(closed[0]!.events.length, 3);
});

test('idle close runs on event time: 2017 timestamps close after 60 s of event time, not of wall time', (t) => {
  const reassembler = createReassembler({ closeCheckEvents: 1 });
  reassembler.push([line('quiet', 0, 'Starting execution for request: quiet')]);
  t.deepEqual(reassembler.push([line('busy', 59_999, 'Extended Request Id: z')]), []);
  t.deepEqual(reassembler.push([line('busy', 60_000, 'Incoming identity: z')]), [], 'exactly idleMs: not older than');
  const closed = reassembler.push([line('busy', 60_001, 'Incoming identity: z')]);
  t.deepEqual(
    closed.map((c) => [c.requestId, c.closedBy, c.events[0]!.timestamp]),
    [['quiet', 'idle', T0]],
  );
});

test('events without timestamps never move the watermark', (t) => {
  const reassembler = createReassembler({ graceMs: 0, idleMs: 0, closeCheckEvents: 1 });
  reassembler.push([line('timed', 0, 'Method completed with status: 200')]);
  const untimed = Array.from({ length: 50 }, (_, i) => line(`u${i}`, null, 'Method completed with status: 200'));
  t.deepEqual(reassembler.push(untimed), [], 'nothing closes: the watermark is still the timed line');
  t.is(reassembler.flush().length, 51);
});

test('unsorted input within the idle window still groups by request', (t) => {
  // An S3 export: one request's lines spread over 40 s and delivered backwards, others in between.
  const events = [
    line('slow', 40_000, 'Method completed with status: 200'),
    ...request('fast', 35_000),
    line('slow', 20_000, 'Starting execution for request: slow'),
    line('slow', 0, 'Extended Request Id: s'),
  ];
  const { all, stats } = run([events]);
  t.deepEqual(summarize(all).slow?.messages, ['(slow) Extended Request Id: s', '(slow) Starting execution for request: slow', '(slow) Method completed with status: 200']);
  t.is(stats.orphans, 0);
});

test('over maxOpenTraces the trace nearest to closing closes early, counted and reported, nothing dropped', (t) => {
  const events = [
    line('a', 0, 'Extended Request Id: a'),
    line('b', 10, 'Extended Request Id: b'),
    line('c', 20, 'Extended Request Id: c'),
    line('b', 30, 'Incoming identity: b'),
  ];
  const { pushed, flushed, stats, diagnostics } = run([events], { maxOpenTraces: 2 });
  t.deepEqual(pushed.map((p) => [p.requestId, p.closedBy]), [['a', 'capacity']]);
  t.deepEqual(flushed.map((p) => p.requestId).sort(), ['b', 'c']);
  t.like(stats, { closedEarly: 1, traces: 3, inTraces: 4 });
  const early = diagnostics.filter((d) => d.code === 'TRACE_CLOSED_EARLY');
  t.is(early.length, 1);
  t.regex(early[0]!.message, /"a".*maxOpenTraces/);
  t.true(accounted(stats));
});

test('capacity prefers a trace that has seen its terminal line over a live one', (t) => {
  const events = [
    line('live', 0, 'Starting execution for request: live'),
    line('done', 10, 'Method completed with status: 403'),
    line('new', 20, 'Extended Request Id: n'),
  ];
  const { pushed } = run([events], { maxOpenTraces: 2 });
  t.deepEqual(pushed.map((p) => [p.requestId, p.closedBy]), [['done', 'capacity']]);
});

test('capacity with only untimed traces closes the oldest opened', (t) => {
  const events = [line('x', null, 'Extended Request Id: x'), line('y', null, 'Extended Request Id: y'), line('z', null, 'Extended Request Id: z')];
  const { pushed } = run([events], { maxOpenTraces: 2 });
  t.deepEqual(pushed.map((p) => p.requestId), ['x']);
});

test('the same event twice is counted once: by event id, or by stream, time and message', (t) => {
  const first = line('r', 0, 'Extended Request Id: x', { eventId: '3425453536675488153458755692469536896772604824549641420' });
  const events = [
    first,
    { ...first },
    line('r', 1, 'Incoming identity: x'),
    line('r', 1, 'Incoming identity: x'),
    // same text and time, different event ids: two real events
    line('r', 2, 'Method request headers: {}', { eventId: '1' }),
    line('r', 2, 'Method request headers: {}', { eventId: '2' }),
    // untimed twins are never merged
    line('r', null, '}'),
    line('r', null, '}'),
    // same text and time in another stream: distinct
    line('r', 1, 'Incoming identity: x', { logStream: 'stream-b' }),
  ];
  const { all, stats, diagnostics } = run([events]);
  t.is(stats.duplicates, 2);
  t.is(all[0]!.events.length, 7);
  t.is(diagnostics.filter((d) => d.code === 'DUPLICATE_EVENT').length, 1, 'one diagnostic per trace');
  t.true(accounted(stats));
});

test('a duplicate is found behind later and untimed lines; near-twins that differ early are kept', (t) => {
  const events = [
    line('r', 0, 'Extended Request Id: x'),
    line('r', 1, 'Incoming identity: a', { eventId: '10' }),
    line('r', 1, 'Incoming identity: b', { eventId: '20' }), // same length and last digit as '10': distinct
    line('r', null, '}'),
    line('r', 2, 'Method request headers: {}'),
    line('r', 1, 'Incoming identity: a', { eventId: '10' }), // duplicate of an earlier time, behind ts 2 and an untimed line
    line('r', 0, 'Extended Request Id: x'), // duplicate of the first line, no event id
    line('r', 2, 'Xethod request headers: {}'), // same time, length and last character as a line it is not
  ];
  const { all, stats } = run([events]);
  t.is(stats.duplicates, 2);
  t.deepEqual(all[0]!.events.map((e) => e.eventId ?? e.message.slice(4)), ['Extended Request Id: x', '10', '20', '}', 'Method request headers: {}', 'Xethod request headers: {}']);
  t.true(accounted(stats));
});

test('duplicates are found in long traces too (indexed past 32 events)', (t) => {
  const events = Array.from({ length: 100 }, (_, i) => line('long', i % 40, `line ${i % 40}`));
  const { all, stats } = run([events]);
  t.is(all[0]!.events.length, 40);
  t.is(stats.duplicates, 60);
});

test('a line arriving after its trace closed is an orphan, reported once naming the id', (t) => {
  const reassembler = createReassembler({
    closeCheckEvents: 1,
    graceMs: 1000,
    onDiagnostic: (d) => diagnostics.push(d),
  });
  const diagnostics: Diagnostic[] = [];
  const closed = reassembler.push([line('r', 0, 'Method completed with status: 403'), line('x', 5000, 'Extended Request Id: x')]);
  t.deepEqual(closed.map((c) => c.requestId), ['r']);
  t.deepEqual(reassembler.push([line('r', 100, 'X-ray Tracing ID : Root=1-late'), line('r', 101, 'another late line')]), []);
  const rest = reassembler.flush();
  t.deepEqual(rest.map((c) => c.requestId), ['x'], 'no second trace for r');
  t.like(reassembler.stats, { orphans: 2, inTraces: 2, traces: 2 });
  const late = diagnostics.filter((d) => d.code === 'ORPHAN_EVENT');
  t.is(late.length, 1);
  t.regex(late[0]!.message, /"r".*terminal.*idleMs/);
  t.true(accounted(reassembler.stats));
});

test('a late line after a capacity close advises maxOpenTraces', (t) => {
  const { diagnostics, stats } = run([[line('a', 0, 'x'), line('b', 1, 'x'), line('a', 2, 'y')]], { maxOpenTraces: 1 });
  const late = diagnostics.find((d) => d.code === 'ORPHAN_EVENT');
  t.regex(late?.message ?? '', /capacity.*raise maxOpenTraces/);
  t.is(stats.orphans, 1);
});

test('foreign lines are counted, reported at the 1st and 10th', (t) => {
  const foreign = [
    raw('START RequestId: 8329c002-87c4-11e6-bbf0-c124e4d39f76 Version: $LATEST', 0),
    raw('END RequestId: 8329c002-87c4-11e6-bbf0-c124e4d39f76', 1),
    raw('REPORT RequestId: 8329c002-87c4-11e6-bbf0-c124e4d39f76\tDuration: 352.40 ms', 2),
    raw('INIT_START Runtime Version: nodejs:20.v13', 3),
    raw('{"requestId":"r1","status":"403","authorizer.error":"-"}', 4),
    raw('2016-10-01T10:47:56.582Z\t8329c002-87c4-11e6-bbf0-c124e4d39f76\tINFO\thello', 5),
    raw('', 6),
    raw('(not an id) because of the space', 7),
    raw('() empty id', 8),
    raw('(r)no space after the parenthesis', 9),
  ];
  const { stats, diagnostics } = run([foreign]);
  t.like(stats, { foreign: 10, orphans: 0, inTraces: 0, traces: 0 });
  const reported = diagnostics.filter((d) => d.code === 'FOREIGN_LINE');
  t.is(reported.length, 2);
  t.true(reported.every((d) => d.severity === 'info'));
  t.true(accounted(stats));
});

test('an execution-log line with no id and nothing to attach to is an orphan', (t) => {
  const { stats, diagnostics } = run([[raw('Method completed with status: 200', 0), raw('HTTP Method: GET, Resource Path: /', 1)]]);
  t.like(stats, { orphans: 2, foreign: 0 });
  t.is(diagnostics.filter((d) => d.code === 'ORPHAN_EVENT').length, 1);
});

test('2016 logs: unprefixed lines join the request last named in the same stream', (t) => {
  const s1 = { logStream: 's1' };
  const s2 = { logStream: 's2' };
  const events = [
    raw('Verifying Usage Plan for request: 9537d573-87c5-11e6-b3e4-6f23bc206746. API Key:  API Stage: ulhoxnm2x2/dev', 0, s1),
    raw('Starting execution for request: bbbb-2', 1, s2),
    raw('Starting execution for request: 9537d573-87c5-11e6-b3e4-6f23bc206746', 2, s1),
    raw('HTTP Method: GET, Resource Path: /b', 3, s2),
    raw('HTTP Method: POST, Resource Path: /repos/hello', 4, s1),
    raw('REPORT RequestId: 8329c002 Duration: 1 ms', 5, s1),
    raw('Method completed with status: 400', 6, s1),
    raw('Starting execution for request: cccc-3', 7, s1),
    raw('Method completed with status: 200', 8, s1),
    raw('Method completed with status: 204', 9, s2),
  ];
  const { all, stats } = run([events]);
  const traces = summarize(all);
  t.deepEqual(Object.keys(traces), ['9537d573-87c5-11e6-b3e4-6f23bc206746', 'bbbb-2', 'cccc-3']);
  t.is(traces['9537d573-87c5-11e6-b3e4-6f23bc206746']!.messages.length, 4);
  t.deepEqual(traces['bbbb-2']!.messages, ['Starting execution for request: bbbb-2', 'HTTP Method: GET, Resource Path: /b', 'Method completed with status: 204']);
  t.deepEqual(traces['cccc-3']!.messages, ['Starting execution for request: cccc-3', 'Method completed with status: 200']);
  t.like(stats, { foreign: 1, inTraces: 9 });
});

test('a console test log (Execution log for request <id>, unprefixed lines) is one trace', (t) => {
  const events = ['Execution log for request test-request', 'Starting authorizer: 2egbc3 for request: test-request', 'Incoming identity: eyJ', 'Unauthorized'].map(
    (message, i): LogEvent => ({ timestamp: T0 + i * 1000, message, source: { file: 'console.txt' } }),
  );
  const { all } = run([events]);
  t.deepEqual(all.map((a) => [a.requestId, a.events.length, a.closedBy]), [['test-request', 4, 'terminal']]);
});

test('untimed copy-paste: continuation lines without a prefix follow the request before them', (t) => {
  const pasted = ['(r1) Authorizer result body before parsing: {', '  "principalId": "user"', '}', '(r2) Extended Request Id: x', 'START RequestId: 1 Version: $LATEST'];
  const events = pasted.map((message): LogEvent => ({ timestamp: null, message, source: { file: 'pasted.txt' } }));
  const { all, stats } = run([events]);
  t.deepEqual(summarize(all)['r1']!.messages, ['(r1) Authorizer result body before parsing: {', '  "principalId": "user"', '}']);
  t.is(stats.foreign, 1);
});

test('traces from several files are joined by request id', (t) => {
  const a = line('r', 0, 'Extended Request Id: x', { source: { file: 'a.gz', line: 1 } });
  const b = line('r', 5, 'Method completed with status: 200', { source: { file: 'b.gz', line: 9 } });
  const { all } = run([[a], [b]]);
  t.deepEqual(all[0]!.events.map((e) => e.source.file), ['a.gz', 'b.gz']);
});

test('bad options throw a TypeError naming the option', (t) => {
  t.throws(() => createReassembler({ graceMs: -1 }), { instanceOf: TypeError, message: /graceMs/ });
  t.throws(() => createReassembler({ idleMs: Number.NaN }), { instanceOf: TypeError, message: /idleMs/ });
  t.throws(() => createReassembler({ maxOpenTraces: 0 }), { instanceOf: TypeError, message: /maxOpenTraces/ });
  t.throws(() => createReassembler({ maxOpenTraces: 1.5 }), { instanceOf: TypeError, message: /maxOpenTraces/ });
  t.throws(() => createReassembler({ closeCheckEvents: 0 }), { instanceOf: TypeError, message: /closeCheckEvents/ });
  t.throws(() => createReassembler({ onDiagnostic: 'no' as never }), { instanceOf: TypeError, message: /onDiagnostic/ });
  t.throws(() => createReassembler(null as never), { instanceOf: TypeError, message: /options/ });
  t.notThrows(() => createReassembler());
});

test('request ids as the brief spells them: WebSocket-style ids, quotes in diagnostics escaped', (t) => {
  const { all } = run([[line('PDS1PEC4oAMFpyA=', 0, 'Extended Request Id: PDS1PEC4oAMFpyA=')]]);
  t.is(all[0]!.requestId, 'PDS1PEC4oAMFpyA=');
  const { diagnostics } = run([[raw('Method completed\u001b[31m with status: 200', 0)]]);
  t.false(diagnostics[0]!.message.includes('\u001b'));
});

test('with the default check interval, unsorted input gives the same traces however it is batched', (t) => {
  // A file written later half first (S3 exports do not guarantee order): r2's last lines come first, minutes
  // ahead of its start. Closing decided once per batch would close r2 early with small batches and orphan its
  // start; decided on the event sequence, every batching agrees and nothing is orphaned.
  const r1 = request('r1', 0);
  const r2 = request('r2', 3);
  const r3 = request('r3', 600_000);
  const events = [...r3, ...r2.slice(3), ...r1, ...r2.slice(0, 3)];
  const once = (batches: LogEvent[][]) => {
    const reassembler = createReassembler();
    const all = batches.flatMap((batch) => reassembler.push(batch));
    all.push(...reassembler.flush());
    return { traces: summarize(all), stats: { ...reassembler.stats } };
  };
  const whole = once([events]);
  t.is(whole.stats.orphans, 0);
  t.deepEqual(whole.traces['r2']?.messages, r2.map((e) => e.message));
  t.deepEqual(once(events.map((e) => [e])), whole, 'one event per batch');
  for (let k = 1; k < events.length; k += 3) t.deepEqual(once([events.slice(0, k), events.slice(k)]), whole, `split at ${k}`);
});
