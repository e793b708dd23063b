import test from 'ava';
import type { SlimTrace } from '../../src/extract/slim-trace.js';
import { createPieceJoiner, type WholePiece } from '../../src/pipeline/join-pieces.js';
import type { CloseReason, LogEvent, RawTrace } from '../../src/types.js';

const event = (ts: number | null, text: string, file = 'a'): LogEvent => ({
  timestamp: ts,
  message: `(r1) ${text}`,
  logStream: 's',
  source: { file, line: 1 },
});

const piece = (events: LogEvent[], closedBy: CloseReason, requestId = 'r1'): RawTrace => ({ requestId, events, closedBy });

const tail = piece([event(1, 'Extended Request Id: x'), event(2, 'Starting authorizer: a')], 'end-of-input');
const head = piece([event(3, 'Successfully completed authorizer execution', 'b'), event(4, 'Method completed with status: 200', 'b')], 'terminal');

test('a piece waits for its partner; the two make one trace in time order, whatever order they come in', (t) => {
  for (const order of [[tail, head], [head, tail]]) {
    const joiner = createPieceJoiner(10);
    t.deepEqual(joiner.push([order[0]!]), []);
    t.is(joiner.size, 1);
    const [joined] = joiner.push([order[1]!]);
    t.deepEqual(joined?.trace.events.map((e) => e.timestamp), [1, 2, 3, 4]);
    t.is(joined?.trace.closedBy, 'terminal');
    t.is(joined?.pieces, 2);
    t.is(joined?.duplicates, 0);
    t.is(joiner.size, 0);
  }
});

test('two pieces that both end open wait for a third that closes', (t) => {
  const joiner = createPieceJoiner(10);
  const middle = piece([event(2.5, 'Sending request to x', 'm')], 'end-of-input');
  t.deepEqual(joiner.push([tail, middle]), []);
  const [joined] = joiner.push([head]);
  t.is(joined?.pieces, 3);
  t.deepEqual(joined?.trace.events.map((e) => e.timestamp), [1, 2, 2.5, 3, 4]);
});

test('events seen in both pieces (overlapping exports) are kept once and counted', (t) => {
  const joiner = createPieceJoiner(10);
  joiner.push([tail]);
  const overlapping = piece([event(2, 'Starting authorizer: a', 'b'), ...head.events], 'terminal');
  const [joined] = joiner.push([overlapping]);
  t.is(joined?.duplicates, 1);
  t.deepEqual(joined?.trace.events.map((e) => e.timestamp), [1, 2, 3, 4]);
  // Untimed events are never duplicates: two equal bare lines are as likely distinct as repeated.
  const again = createPieceJoiner(10);
  again.push([piece([event(1, 'a'), event(null, '}')], 'end-of-input')]);
  const [untimed] = again.push([piece([event(null, '}'), event(5, 'Method completed with status: 200')], 'terminal')]);
  t.is(untimed?.duplicates, 0);
  t.is(untimed?.trace.events.length, 4);
});

test('an untimed continuation stays behind the line it continues', (t) => {
  const joiner = createPieceJoiner(10);
  joiner.push([piece([event(5, 'Method completed with status: 200', 'b')], 'terminal')]);
  const [joined] = joiner.push([piece([event(1, 'body: {'), event(null, '}'), event(2, 'next')], 'end-of-input')]);
  t.deepEqual(joined?.trace.events.map((e) => e.message.slice(5)), ['body: {', '}', 'next', 'Method completed with status: 200']);
});

test('a long trace re-using one id joins in linear time, duplicates found through the index', (t) => {
  const many = (from: number, file: string): LogEvent[] => Array.from({ length: 5000 }, (_, i) => event(from + i, `line ${from + i}`, file));
  const joiner = createPieceJoiner(10);
  joiner.push([piece(many(0, 'a'), 'end-of-input')]);
  const [joined] = joiner.push([piece(many(2500, 'b'), 'terminal')]);
  t.is(joined?.duplicates, 2500);
  t.is(joined?.trace.events.length, 7500);
});

test('beyond maxHeld pieces the oldest is released as it is; flush releases the rest; take removes one', (t) => {
  const joiner = createPieceJoiner(2);
  const p = (id: string): RawTrace => piece([event(1, 'x')], 'end-of-input', id);
  t.deepEqual(joiner.push([p('a'), p('b')]), []);
  const released = joiner.push([p('c')]);
  t.deepEqual(released.map((j) => [j.trace.requestId, j.pieces, j.trace.closedBy]), [['a', 1, 'end-of-input']]);
  t.is(joiner.take('b')?.trace.requestId, 'b');
  t.is(joiner.take('b'), undefined);
  t.deepEqual(joiner.flush().map((j) => j.trace.requestId), ['c']);
  t.is(joiner.size, 0);
});

test('beyond maxHeldBytes whole pieces go first, oldest first; cut pieces wait for their partner as long as they can', (t) => {
  const big = (id: string, closedBy: CloseReason): RawTrace => piece([event(1, 'x'.repeat(1000))], closedBy, id);
  const one = 1000 + 5 + 200; // message `(r1) xxx…` plus the per-event overhead
  const joiner = createPieceJoiner(100, 3 * one);
  t.deepEqual(joiner.push([big('cut-1', 'end-of-input'), big('whole-1', 'terminal'), big('whole-2', 'terminal')]), []);
  t.is(joiner.bytes, 3 * one);
  // A fourth piece is one too many: the oldest whole one goes, although the cut one came first.
  t.deepEqual(joiner.push([big('cut-2', 'end-of-input')]).map((j) => j.trace.requestId), ['whole-1']);
  t.deepEqual(joiner.push([big('cut-3', 'end-of-input')]).map((j) => j.trace.requestId), ['whole-2']);
  // No whole piece left: the oldest cut one goes.
  t.deepEqual(joiner.push([big('cut-4', 'end-of-input')]).map((j) => j.trace.requestId), ['cut-1']);
  t.is(joiner.size, 3);
  t.is(joiner.bytes, 3 * one);
  // Its partner still joins a held cut piece, and the bytes go with it.
  const [joined] = joiner.push([piece([event(2, 'Method completed with status: 200')], 'terminal', 'cut-3')]);
  t.is(joined?.pieces, 2);
  t.is(joiner.bytes, 2 * one);
  t.deepEqual(joiner.flush().map((j) => j.trace.requestId), ['cut-2', 'cut-4']);
  t.is(joiner.bytes, 0);
});

test('flush gives whole and cut pieces back in the order they came', (t) => {
  const joiner = createPieceJoiner(10);
  const p = (id: string, closedBy: CloseReason): RawTrace => piece([event(1, 'x')], closedBy, id);
  joiner.push([p('a', 'end-of-input'), p('b', 'terminal'), p('c', 'end-of-input'), p('d', 'idle')]);
  t.deepEqual(joiner.flush().map((j) => j.trace.requestId), ['a', 'b', 'c', 'd']);
});

/** A whole piece as the step makes one: `events` counts its calls, so a test sees when lines were made. */
function wholePiece(id: string, bytes: number, made: { calls: number }): WholePiece {
  return {
    requestId: id,
    closedBy: 'terminal',
    slim: { requestId: id } as unknown as SlimTrace,
    events: () => {
      made.calls++;
      return [event(1, 'Extended Request Id: x'), event(2, 'Method completed with status: 200')];
    },
    bytes,
  };
}

test('a whole piece is held as it is: released alone it gives its extracted trace, its events never made', (t) => {
  const made = { calls: 0 };
  const joiner = createPieceJoiner(10, 1 << 20, 1000);
  t.deepEqual(joiner.push([wholePiece('w', 400, made)]), []);
  t.is(joiner.bytes, 400);
  const [alone] = joiner.flush();
  t.is(alone?.slim?.requestId, 'w');
  t.is(alone?.pieces, 1);
  t.deepEqual(alone?.trace.events, []);
  t.is(made.calls, 0);
});

test('a late piece of a whole one joins it: its events are made then, in time order with the late lines', (t) => {
  const made = { calls: 0 };
  const joiner = createPieceJoiner(10, 1 << 20, 1000);
  joiner.push([wholePiece('w', 400, made)]);
  const [joined] = joiner.push([piece([event(3, 'X-ray Tracing ID : Root=1-2-3', 'b')], 'end-of-input', 'w')]);
  t.is(made.calls, 1);
  t.is(joined?.slim, undefined);
  t.is(joined?.pieces, 2);
  t.deepEqual(joined?.trace.events.map((e) => e.timestamp), [1, 2, 3]);
  t.is(joiner.bytes, 0);
});

test('whole pieces have their own bound: beyond it the oldest goes, raw pieces stay', (t) => {
  const made = { calls: 0 };
  const joiner = createPieceJoiner(10, 1 << 20, 1000);
  joiner.push([piece([event(1, 'x')], 'end-of-input', 'cut'), wholePiece('w1', 400, made), wholePiece('w2', 400, made)]);
  const released = joiner.push([wholePiece('w3', 400, made)]);
  t.deepEqual(released.map((j) => j.trace.requestId), ['w1']);
  t.is(released[0]?.slim?.requestId, 'w1');
  t.is(joiner.size, 3);
  // The count bound takes whole pieces first too.
  const small = createPieceJoiner(2, 1 << 20, 1 << 20);
  small.push([piece([event(1, 'x')], 'end-of-input', 'cut'), wholePiece('w', 400, made)]);
  t.deepEqual(small.push([piece([event(1, 'y')], 'end-of-input', 'cut-2')]).map((j) => j.trace.requestId), ['w']);
  t.is(made.calls, 0);
});

test('take gives what is held as flush would: all its pieces and the lines they shared; a whole piece as extracted', (t) => {
  const joiner = createPieceJoiner(10);
  const second = piece([event(2, 'Starting authorizer: a', 'b'), event(2.5, 'Sending request to x', 'b')], 'end-of-input');
  joiner.push([tail, second]);
  const taken = joiner.take('r1');
  t.is(taken?.pieces, 2);
  t.is(taken?.duplicates, 1);
  t.deepEqual(taken?.trace.events.map((e) => e.timestamp), [1, 2, 2.5]);
  t.is(joiner.size, 0);
  t.is(joiner.bytes, 0);

  const made = { calls: 0 };
  joiner.push([wholePiece('w', 400, made)]);
  const whole = joiner.take('w');
  t.is(whole?.slim?.requestId, 'w');
  t.deepEqual([whole?.pieces, whole?.duplicates, whole?.trace.events], [1, 0, []]);
  t.is(made.calls, 0, 'its events are not made to be dropped');
  t.is(joiner.bytes, 0);
});

test("a whole piece's events are joined as they are, not copied", (t) => {
  const mine = [event(1, 'Extended Request Id: x'), event(2, 'Method completed with status: 200')];
  const whole: WholePiece = { requestId: 'w', closedBy: 'terminal', slim: { requestId: 'w' } as unknown as SlimTrace, events: () => mine, bytes: 10 };
  const joiner = createPieceJoiner(10);
  joiner.push([whole]);
  const [joined] = joiner.push([piece([event(3, 'X-ray Tracing ID : Root=1-2-3', 'b')], 'end-of-input', 'w')]);
  t.deepEqual(joined?.trace.events.map((e) => e.timestamp), [1, 2, 3]);
  t.is(mine.length, 3, 'the late line went into the array the piece gave');
});
