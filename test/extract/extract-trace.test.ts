import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractTrace } from '../../src/extract/index.js';
import type { LogEvent, RawTrace, Trace } from '../../src/types.js';

/**
 * One case per file in test/fixtures/extract: `{name, lines, logGroup?, logStream?, requestId?, startTime?,
 * stepMs?, expected}`. A line is a message (timed `startTime + i * stepMs`) or `{timestamp, message}`.
 * `expected` is a partial Trace: every key given must match; `authorizer` is matched key by key, every
 * other value (marks included) exactly.
 */
interface Fixture {
  name: string;
  lines: (string | { timestamp: number | null; message: string })[];
  logGroup?: string;
  logStream?: string;
  requestId?: string;
  startTime?: number;
  stepMs?: number;
  expected: Partial<Record<keyof Trace, unknown>>;
}

const dir = join(import.meta.dirname, '../fixtures/extract');
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ file: name, fixture: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Fixture }));

const PREFIX = /^\(([^)\s]+)\) /;

function toRawTrace(fixture: Fixture, file: string): RawTrace {
  const start = fixture.startTime ?? 1708734543163;
  const step = fixture.stepMs ?? 1;
  const events = fixture.lines.map((line, i): LogEvent => {
    const { timestamp, message } = typeof line === 'string' ? { timestamp: start + i * step, message: line } : line;
    const event: LogEvent = { timestamp, message, source: { file, line: i + 1 } };
    if (fixture.logGroup !== undefined) event.logGroup = fixture.logGroup;
    if (fixture.logStream !== undefined) event.logStream = fixture.logStream;
    return event;
  });
  const requestId = fixture.requestId ?? PREFIX.exec(events[0]!.message)![1]!;
  return { requestId, events, closedBy: 'terminal' };
}

test('the fixtures are there', (t) => {
  t.true(fixtures.length >= 25);
});

for (const { file, fixture } of fixtures) {
  test(`${file}: ${fixture.name}`, (t) => {
    const raw = toRawTrace(fixture, file);
    const trace = extractTrace(raw);
    t.is(trace.requestId, raw.requestId);
    t.is(trace.lines.length, raw.events.length);
    t.deepEqual(
      trace.lines.map((line) => line.text),
      raw.events.map((event) => event.message.replace(PREFIX, '')),
      'each line is its message without the (id) prefix',
    );
    t.deepEqual(trace.lines[0]?.source, raw.events[0]?.source);
    for (const [key, want] of Object.entries(fixture.expected)) {
      const got = trace[key as keyof Trace];
      if (key === 'authorizer' && want !== null) {
        t.not(got, null, 'authorizer facts expected');
        for (const [field, value] of Object.entries(want as object)) {
          t.deepEqual((got as unknown as Record<string, unknown>)[field], value, `authorizer.${field}`);
        }
      } else {
        t.deepEqual(got, want, key);
      }
    }
  });
}

test('extractTrace is pure: the same raw trace twice gives equal traces and the input is unchanged', (t) => {
  const { file, fixture } = fixtures[0]!;
  const raw = toRawTrace(fixture, file);
  const copy = structuredClone(raw);
  t.deepEqual(extractTrace(raw), extractTrace(raw));
  t.deepEqual(raw, copy);
});

test('an empty trace extracts to nulls', (t) => {
  const trace = extractTrace({ requestId: 'r', events: [], closedBy: 'end-of-input' });
  t.is(trace.authorizer, null);
  t.is(trace.status, null);
  t.is(trace.startTime, null);
  t.deepEqual(trace.marks, {});
  t.is(trace.closedBy, 'end-of-input');
});
