/**
 * The `(requestId) ` prefix has one definition (`findRequestIdEnd`), and the decoder and the reassembler must agree
 * on it: a bare line the decoder starts an event with is a line the reassembler reads a request id from; a line it
 * joins to the previous event as a continuation is one the reassembler would read no id from.
 */
import test from 'ava';
import { hasRequestIdPrefix } from '../../src/decode/recognize-event-start.js';
import { createReassembler, readRequestId } from '../../src/reassemble/index.js';
import type { LogEvent } from '../../src/types.js';
import { decodeSync } from '../decode/decode-helpers.js';

interface PrefixCase {
  name: string;
  line: string;
  /** The request id of `line`, worked out by hand from `^\(([^)\s]{1,200})\) `; null for no prefix. */
  expected: string | null;
}

const cases: PrefixCase[] = [
  { name: 'UUID', line: '(c0ffee00-0000-4000-8000-000000000001) Starting execution', expected: 'c0ffee00-0000-4000-8000-000000000001' },
  { name: 'WebSocket extended id', line: '(PDS1PEC4oAMFpyA=) Extended Request Id: PDS1PEC4oAMFpyA=', expected: 'PDS1PEC4oAMFpyA=' },
  { name: '( inside the id', line: '(a(b) x', expected: 'a(b' },
  { name: 'id of 200 chars', line: `(${'a'.repeat(200)}) x`, expected: 'a'.repeat(200) },
  { name: 'id of 201 chars', line: `(${'a'.repeat(201)}) x`, expected: null },
  { name: 'C0 control char in the id', line: '(a\u0001b) x', expected: 'a\u0001b' },
  { name: 'DEL in the id', line: '(a\u007fb) x', expected: 'a\u007fb' },
  { name: 'space in the id', line: '(a b) x', expected: null },
  { name: 'tab in the id', line: '(a\tb) x', expected: null },
  { name: 'no-break space in the id', line: '(a\u00a0b) x', expected: null },
  { name: 'line separator in the id', line: '(a\u2028b) x', expected: null },
  { name: 'empty id', line: '() x', expected: null },
  { name: 'no space after )', line: '(id)x', expected: null },
  { name: 'prefix and nothing else', line: '(id) ', expected: 'id' },
  { name: ') ) ', line: '(a) ) x', expected: 'a' },
  { name: 'no closing )', line: '(abc x', expected: null },
  { name: 'indented', line: ' (id) x', expected: null },
];

const FIRST = '(req-1) Starting execution for request: req-1';

/** Reassemble `events` and return each trace's id with its event messages. */
function reassemble(events: LogEvent[]): Record<string, string[]> {
  const reassembler = createReassembler();
  const traces = [...reassembler.push(events), ...reassembler.flush()];
  return Object.fromEntries(traces.map((trace) => [trace.requestId, trace.events.map((e) => e.message)]));
}

for (const { name, line, expected } of cases) {
  test(`request-id prefix: ${name}`, (t) => {
    // The reassembler's own reading.
    t.is(readRequestId(line), expected, 'reassembler request id');
    t.is(hasRequestIdPrefix(line), expected !== null, 'decoder recognises the prefix');

    // Bare (copy-paste) text: the decoder starts an event at a prefixed line, else joins it to the previous event.
    const bare = decodeSync(`${FIRST}\n${line}\n`, { format: 'copy-paste' });
    const separate = expected !== null;
    t.deepEqual(
      bare.events.map((e) => e.message),
      separate ? [FIRST, line] : [`${FIRST}\n${line}`],
      'copy-paste: separate event vs continuation',
    );
    // ...and the reassembler files those events under the ids it reads itself.
    t.deepEqual(
      reassemble(bare.events),
      separate ? { 'req-1': [FIRST], [expected]: [line] } : { 'req-1': [`${FIRST}\n${line}`] },
      'copy-paste → reassembler',
    );

    // Console test output: the decoder adds the header's id unless the line has a prefix of its own.
    const fromConsole = decodeSync(`Execution log for request req-1\nThu Aug 31 01:07:25 UTC 2017 : ${line}\n`, {
      format: 'console',
    });
    t.deepEqual(fromConsole.events.map((e) => e.message), [separate ? line : `(req-1) ${line}`], 'console message');
    t.deepEqual(Object.keys(reassemble(fromConsole.events)), [expected ?? 'req-1'], 'console → reassembler');
  });
}
