import test from 'ava';
import fc from 'fast-check';
import { createByteEvent, type ByteEvent } from '../../src/decode/event-sink.js';
import { createEventGrouper } from '../../src/reassemble/group-events.js';
import { traceEvents } from '../../src/reassemble/open-trace.js';
import { readReassembleOptions } from '../../src/reassemble/read-options.js';
import type { Diagnostic, LogEvent, RawTrace } from '../../src/types.js';
import { T0 } from './helpers.js';

/**
 * The reassembler takes events two ways: LogEvents, and ByteEvents (the fast decoders' events, still bytes in a
 * chunk, their JSON escapes not undone). Every rule must read both alike, so these tests feed the same events
 * both ways and compare everything that comes out.
 */

/**
 * `event` as a JSON decoder's ByteEvent: its message JSON-escaped inside a fake chunk, with its event id after it,
 * or null where a decoder would not make one (no timestamp, non-ASCII, an ESC).
 */
function toByteEvent(event: LogEvent, line: number): ByteEvent | null {
  if (event.timestamp === null || /[^\u0000-\u007f]|\u001b/.test(event.message)) return null;
  const json = JSON.stringify(event.message);
  const id = event.eventId === undefined ? '' : `,"${event.eventId}"`;
  const view = `{"message":${json}${id}}`;
  const start = 12;
  const end = start + json.length - 2;
  const b = createByteEvent();
  b.bytes = Buffer.from(view, 'latin1');
  b.view = view;
  b.start = start;
  b.end = end;
  const backslash = view.indexOf('\\', start);
  b.backslash = backslash >= 0 && backslash < end ? backslash : -1;
  b.timestamp = event.timestamp;
  b.line = line;
  b.offset = -1;
  b.logStream = event.logStream;
  b.streamStart = b.streamEnd = -1;
  b.logGroup = event.logGroup;
  b.idStart = event.eventId === undefined ? -1 : end + 3;
  b.idEnd = event.eventId === undefined ? -1 : end + 3 + event.eventId.length;
  return b;
}

interface Run {
  traces: { requestId: string; closedBy: string; events: Omit<LogEvent, 'source'>[] }[];
  stats: unknown;
  diagnostics: string[];
}

function run(events: LogEvent[], bytes: boolean, closeCheckEvents: number): Run {
  const diagnostics: Diagnostic[] = [];
  const traces: RawTrace[] = [];
  const grouper = createEventGrouper(
    readReassembleOptions({ closeCheckEvents, graceMs: 50, idleMs: 200, maxOpenTraces: 4, onDiagnostic: (d) => diagnostics.push(d) }),
    'test.ndjson',
    (trace, closedBy) => void traces.push({ requestId: trace.id, events: traceEvents(trace, 'test.ndjson'), closedBy }),
  );
  events.forEach((event, i) => {
    const b = bytes ? toByteEvent(event, i + 1) : null;
    if (b === null) grouper.pushEvent(event);
    else grouper.pushBytes(b);
  });
  grouper.flush();
  return {
    traces: traces.map((t) => ({
      requestId: t.requestId,
      closedBy: t.closedBy,
      events: t.events.map(({ source: _source, ...rest }) => rest),
    })),
    stats: { ...grouper.stats, first: grouper.firstTimestamp, extended: grouper.sawExtendedIds },
    diagnostics: diagnostics.map((d) => `${d.code} ${d.message}`),
  };
}

const texts = [
  'Extended Request Id: Bs3HgFhVoAMFhXw=',
  'Starting authorizer: 62mgrc for request: r',
  'Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"Bearer x"}',
  'Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Statement":[]}}',
  'Method completed with status: 403',
  'The client is not authorized to perform this operation.',
  'Unauthorized',
  'Unauthorized\n',
  'Unauthorized\tthen text',
  'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn',
  'User: anonymous is not authorized to perform: x',
  'API Key abc not authorized because method requires one',
  'API Key abc authorized because method does not require API Key',
  'Method request body before transformations: {"a":"\\"quoted\\""}',
  'X-ray Tracing ID : Root=1-6962324d',
  'line\nwith\nbreaks',
  '',
];

const arbEvent = fc
  .record({
    id: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'a(b', 'x'.repeat(201)),
    prefix: fc.constantFrom('(ID) ', '(ID) ', '(ID) ', '(ID)', '(ID\\) ', '', '(I D) '),
    text: fc.constantFrom(...texts),
    ms: fc.integer({ min: 0, max: 600 }),
    untimed: fc.boolean(),
    stream: fc.constantFrom('s1', 's1', 's2', undefined),
    eventId: fc.option(fc.constantFrom('1', '2', '3', '4'), { nil: undefined }),
  })
  .map(({ id, prefix, text, ms, untimed, stream, eventId }): LogEvent => {
    const event: LogEvent = {
      timestamp: untimed && ms % 7 === 0 ? null : T0 + ms,
      message: prefix.replace('ID', id) + text,
      source: { file: 'test.ndjson' },
    };
    if (stream !== undefined) event.logStream = stream;
    if (eventId !== undefined) event.eventId = eventId;
    return event;
  });

test('the same events as LogEvents and as ByteEvents give the same traces, counters and diagnostics', (t) => {
  fc.assert(
    fc.property(fc.array(arbEvent, { maxLength: 60 }), fc.constantFrom(1, 3, 4096), fc.boolean(), (events, every, twice) => {
      // Duplicates: some events twice, as overlapping exports deliver them.
      const input = twice ? events.flatMap((e, i) => (i % 3 === 0 ? [e, { ...e }] : [e])) : events;
      t.deepEqual(run(input, true, every), run(input, false, every));
    }),
    { numRuns: 400 },
  );
});

test('a ByteEvent line keeps its position and its escapes come undone when it is read', (t) => {
  const event: LogEvent = { timestamp: T0, message: '(r1) Method request body: {"a":"\\u00e9\\n"}', logStream: 's', source: { file: 'x' } };
  const b = toByteEvent(event, 7) as ByteEvent;
  t.true(b.backslash > 0);
  const traces: RawTrace[] = [];
  const grouper = createEventGrouper(readReassembleOptions({}), 'in.ndjson', (trace, closedBy) =>
    void traces.push({ requestId: trace.id, events: traceEvents(trace, 'in.ndjson'), closedBy }),
  );
  grouper.pushBytes(b);
  grouper.flush();
  t.deepEqual(traces[0]?.events, [{ timestamp: T0, message: event.message, logStream: 's', source: { file: 'in.ndjson', line: 7 } }]);
});
