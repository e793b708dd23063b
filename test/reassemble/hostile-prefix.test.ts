/**
 * A message that opens like a request-id prefix but has no `) ` (`(aaaa…`) must cost the reassembler a bounded
 * read, on the fast path too, where the message sits in a chunk's latin1 view among thousands of others. A
 * subscription payload has no whitespace to stop an unbounded scan: each such message would read on to the end
 * of the chunk, quadratic in the messages of one record.
 */
import test from 'ava';
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { createByteEvent, type ByteEvent } from '../../src/decode/event-sink.js';
import { findRequestIdEnd, findRequestIdEndIn } from '../../src/reassemble/find-request-id.js';
import { createEventGrouper } from '../../src/reassemble/group-events.js';
import { traceEvents } from '../../src/reassemble/open-trace.js';
import { readReassembleOptions } from '../../src/reassemble/read-options.js';
import type { Diagnostic, LogEvent } from '../../src/types.js';
import { T0 } from './helpers.js';

const COUNT = 4000;

/** The hostile messages: `(` and a run of `a`, no `)` and no whitespace; some runs longer than an id may be. */
function hostileMessages(): string[] {
  return Array.from({ length: COUNT }, (_, i) => `(${'a'.repeat(40 + (i % 7) * 40)}`);
}

/**
 * `messages` as ByteEvents over one shared view (`shared`), as a fast decoder hands over the messages of one
 * record: each message `view[start, end)`, joined by `","` (no whitespace, no `)`); or each in a view of its own.
 */
function asByteEvents(messages: string[], shared: boolean): ByteEvent[] {
  const joined = messages.join('","');
  const sharedBytes = Buffer.from(joined, 'latin1');
  let at = 0;
  return messages.map((message, i) => {
    const b = createByteEvent();
    if (shared) {
      b.bytes = sharedBytes;
      b.view = joined;
      b.start = at;
    } else {
      b.bytes = Buffer.from(message, 'latin1');
      b.view = message;
      b.start = 0;
    }
    b.array = b.bytes;
    b.end = b.start + message.length;
    at += message.length + 3;
    b.timestamp = T0 + i;
    b.line = i + 1;
    b.logStream = 's';
    return b;
  });
}

function asLogEvents(messages: string[]): LogEvent[] {
  return messages.map((message, i) => ({ timestamp: T0 + i, message, logStream: 's', source: { file: 'f', line: i + 1 } }));
}

/** Everything a grouper gives for `push`-ed events: its traces, counters and diagnostics. */
function run(push: (grouper: ReturnType<typeof createEventGrouper>) => void): unknown {
  const diagnostics: Diagnostic[] = [];
  const traces: unknown[] = [];
  const grouper = createEventGrouper(readReassembleOptions({ onDiagnostic: (d) => diagnostics.push(d) }), 'f', (trace, closedBy) => {
    traces.push({ id: trace.id, closedBy, events: traceEvents(trace, 'f') });
  });
  push(grouper);
  grouper.flush();
  return { traces, stats: { ...grouper.stats }, diagnostics };
}

/** The fastest of a few runs of `f`, in ms: the least disturbed by the machine. */
function fastest(f: () => void): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

test('4,000 `(aaa…` messages without `) ` in one long view cost no more than each in a view of its own', (t) => {
  const messages = hostileMessages();
  // A few real lines after them, so the view does hold a `) ` and whitespace, far away.
  messages.push('(r1) Starting execution for request: r1', '(r1) Method completed with status: 403');
  const shared = asByteEvents(messages, true);
  const alone = asByteEvents(messages, false);
  t.true(shared[0]!.view.length > 280_000);
  t.is(shared[0]!.view.indexOf(')'), shared[COUNT]!.start + 3, 'no `)` before the real lines');

  const push = (events: ByteEvent[]) => () => void run((g) => events.forEach((e) => g.pushBytes(e)));
  const inLong = fastest(push(shared));
  const inOwn = fastest(push(alone));
  // Linear: the same work either way. Quadratic, the long view took 1.5 s against a few ms. The bound is generous
  // (ten times the baseline, plus 50 ms) so a loaded machine cannot fail it.
  t.true(inLong < 10 * inOwn + 50, `${inLong.toFixed(1)} ms in one view, ${inOwn.toFixed(1)} ms each alone`);

  const expected = run((g) => asLogEvents(messages).forEach((e) => g.pushEvent(e)));
  t.deepEqual(run((g) => shared.forEach((e) => g.pushBytes(e))), expected);
  t.deepEqual(run((g) => alone.forEach((e) => g.pushBytes(e))), expected);
});

test('findRequestIdEndIn on a message inside a longer text means ^\\(([^)\\s]{1,200})\\)  on the message alone', (t) => {
  const PREFIX = /^\(([^)\s]{1,200})\) /;
  const unit = fc.constantFrom('(', ')', ' ', 'a', 'a', 'a', '\t', '\u00a0', '\u2028', '\u0001', 'é');
  const text = fc.string({ unit, maxLength: 12 });
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 205 }), text, text, text, (head, run, tail, before, after) => {
      const message = `(${'a'.repeat(run)}${head}${tail}`;
      const match = PREFIX.exec(message);
      const found = findRequestIdEndIn(before + message + after, before.length, before.length + message.length);
      return found === (match === null ? -1 : before.length + match[1]!.length + 1) && findRequestIdEnd(message) === found - (found < 0 ? 0 : before.length);
    }),
    { numRuns: 5000 },
  );
  // What follows the message never counts, however it continues the id.
  t.is(findRequestIdEndIn('(abc) x', 0, 5), -1);
  t.is(findRequestIdEndIn('(abc) x', 0, 6), 4);
  t.is(findRequestIdEndIn(`(${'a'.repeat(10)}`.repeat(1000), 0, 11), -1);
});
