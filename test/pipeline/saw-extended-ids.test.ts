/**
 * The grouper's `sawExtendedIds`: whether an input logs `Extended Request Id` lines, which the step passes to
 * mayHaveBegunElsewhere (head-window.test.ts). It must be learnt alike from LogEvents and from a fast decoder's
 * ByteEvents, or which way a line took would change which traces go to the joiner.
 */
import test from 'ava';
import { createByteEvent } from '../../src/decode/event-sink.js';
import { createEventGrouper } from '../../src/reassemble/group-events.js';
import { readReassembleOptions } from '../../src/reassemble/read-options.js';
import type { LogEvent } from '../../src/types.js';

const event = (message: string): LogEvent => ({ timestamp: 0, message, source: { file: 'f' } });

/** The same message as a fast decoder's ByteEvent (in place in a chunk, after 3 bytes of something else). */
function byteEvent(message: string) {
  const b = createByteEvent();
  b.view = `xx"${message}"`;
  b.bytes = Buffer.from(b.view, 'latin1');
  b.start = 3;
  b.end = 3 + message.length;
  b.line = 1;
  return b;
}

const grouper = () => createEventGrouper(readReassembleOptions({}), 'f', () => {});

/** Whether the step learns "this input logs Extended Request Id" from one message: only after a request-id
 * prefix the reassembler would read (`^\(([^)\s]{1,200})\) `), worked out by hand. */
const cases: { name: string; input: string; expected: boolean }[] = [
  { name: 'UUID prefix', input: '(c0ffee00-0000-4000-8000-000000000001) Extended Request Id: PDS1PEC4oAMFpyA=', expected: true },
  { name: 'id of 150 chars', input: `(${'a'.repeat(150)}) Extended Request Id: x`, expected: true },
  { name: 'id of 200 chars', input: `(${'a'.repeat(200)}) Extended Request Id: x`, expected: true },
  { name: 'id of 201 chars', input: `(${'a'.repeat(201)}) Extended Request Id: x`, expected: false },
  { name: '( inside the id', input: '(a(b) Extended Request Id: x', expected: true },
  { name: 'space inside the parentheses', input: '(a b) Extended Request Id: x', expected: false },
  { name: 'no prefix', input: 'Extended Request Id: x', expected: false },
  { name: 'mentioned later in the text', input: '(a1) Method request body: Extended Request Id: x', expected: false },
  { name: 'other line', input: '(a1) Starting execution for request: a1', expected: false },
];

for (const { name, input, expected } of cases) {
  test(`extended id line: ${name}`, (t) => {
    const objects = grouper();
    objects.pushEvent(event(input));
    t.is(objects.sawExtendedIds, expected, 'as a LogEvent');
    const bytes = grouper();
    bytes.pushBytes(byteEvent(input));
    t.is(bytes.sawExtendedIds, expected, 'as a ByteEvent');
  });
}
