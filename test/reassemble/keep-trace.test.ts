/**
 * A close handler may keep a trace (return true): the pipeline hands the traces still in their grace period at the
 * end of an input to the joiner as they are. The grouper then lets go of it for good: its lines are copied out of
 * the chunks (which the reader reuses), and no later line of its id can reach it, however the line arrives.
 */
import test from 'ava';
import { createByteEvent, type ByteEvent } from '../../src/decode/event-sink.js';
import { DEFAULT_CHUNK_BYTES, detachTrace, traceEvents, type OpenTrace } from '../../src/reassemble/open-trace.js';
import { createEventGrouper } from '../../src/reassemble/group-events.js';
import { readReassembleOptions } from '../../src/reassemble/read-options.js';
import type { Diagnostic, LogEvent } from '../../src/types.js';
import { T0 } from './helpers.js';

interface Line {
  id: string;
  ms: number;
  text: string;
}

/** `lines` as a fast decoder's events over one chunk, padded to `size` bytes. */
function chunk(lines: Line[], size = 0): ByteEvent[] {
  const parts = lines.map(({ id, text }) => `(${id}) ${text}`);
  let view = parts.map((m) => `"${m}",`).join('');
  view += 'x'.repeat(Math.max(0, size - view.length));
  const bytes = Buffer.from(view, 'latin1');
  let at = 1;
  return lines.map(({ ms }, i) => {
    const b = createByteEvent();
    b.bytes = bytes;
    b.array = bytes;
    b.view = view;
    b.start = at;
    b.end = at + parts[i]!.length;
    at = b.end + 3;
    b.timestamp = T0 + ms;
    b.line = i + 1;
    b.logStream = 's';
    return b;
  });
}

for (const handlerDetaches of [false, true]) {
  test(`a kept trace${handlerDetaches ? ' its handler detached' : ''} is never reached again, and its lines outlive their chunks`, (t) => {
    const diagnostics: Diagnostic[] = [];
    const released: Buffer[] = [];
    let kept: OpenTrace | null = null;
    let atClose: LogEvent[] = [];
    let detached = -1;
    const grouper = createEventGrouper(
      readReassembleOptions({ closeCheckEvents: 1, graceMs: 10, idleMs: 1000, onDiagnostic: (d) => diagnostics.push(d) }),
      'f',
      (trace) => {
        if (trace.id !== 'r1') return;
        kept = trace;
        atClose = traceEvents(trace, 'f');
        // As the pipeline's step does today; the grouper's own detach must then change nothing.
        if (handlerDetaches) detached = detachTrace(trace);
        return true;
      },
      (bytes) => {
        // The reader reuses a released chunk: nothing may still point into it.
        bytes.fill(0);
        released.push(bytes);
      },
    );
    // A first chunk large enough that the next one pushes it out of the chunk table.
    const first = chunk(
      [
        { id: 'r1', ms: 0, text: 'Starting execution for request: r1' },
        { id: 'r2', ms: 0, text: 'x' },
      ],
      DEFAULT_CHUNK_BYTES + 1,
    );
    for (const e of first) grouper.pushBytes(e);
    // A line decoded the general way (not ASCII): an object line among the byte lines.
    grouper.pushEvent({ timestamp: T0 + 1, message: '(r1) Método: GET', logStream: 's', source: { file: 'f', line: 3 } });
    for (const e of chunk([{ id: 'r1', ms: 2, text: 'Method completed with status: 403' }])) grouper.pushBytes(e);
    t.is(released.length, 1, 'the first chunk went while r1 was open');
    // Past r1's grace period: it closes, kept. Then a line of r1 in the same chunk, found by the recent-id cache.
    const late = chunk([
      { id: 'r2', ms: 100, text: 'y' },
      { id: 'r1', ms: 101, text: 'late line' },
    ]);
    grouper.pushBytes(late[0]!);
    t.not(kept, null, 'r1 closed');
    grouper.pushBytes(late[1]!);
    grouper.pushEvent({ timestamp: T0 + 102, message: '(r1) late object line', logStream: 's', source: { file: 'f', line: 9 } });
    grouper.flush();

    t.is(released.length, 3, 'every chunk released');
    t.deepEqual(
      atClose.map((e) => e.message),
      ['(r1) Starting execution for request: r1', '(r1) Método: GET', '(r1) Method completed with status: 403'],
    );
    t.deepEqual(traceEvents(kept!, 'f'), atClose, 'the kept trace is as it closed, read from its own store');
    t.is(grouper.stats.orphans, 2, 'the late lines are late, not appended');
    t.true(diagnostics.some((d) => d.code === 'ORPHAN_EVENT' && d.message.includes('r1')));
    // Detaching again is harmless and says the same size.
    const size = detachTrace(kept!);
    if (handlerDetaches) t.is(size, detached);
    t.is(detachTrace(kept!), size);
  });
}

test('a trace whose lines span several chunks detaches in one pass, every line intact', (t) => {
  const chunks = [0, 1, 2].map((k) =>
    chunk([
      { id: 'r1', ms: 3 * k, text: `Endpoint request body after transformations: ${k}` },
      { id: 'r2', ms: 3 * k + 1, text: `other ${k}` },
      { id: 'r1', ms: 3 * k + 2, text: `line ${k}` },
    ]),
  );
  let kept: OpenTrace | null = null;
  const grouper = createEventGrouper(readReassembleOptions({}), 'f', (trace) => {
    if (trace.id !== 'r1') return;
    kept = trace;
    return true;
  });
  for (const events of chunks) for (const e of events) grouper.pushBytes(e);
  grouper.flush();
  for (const events of chunks) events[0]!.bytes.fill(0);
  t.deepEqual(
    traceEvents(kept!, 'f').map((e) => e.message),
    [0, 1, 2].flatMap((k) => [`(r1) Endpoint request body after transformations: ${k}`, `(r1) line ${k}`]),
  );
});
