/**
 * Container cases stored as data (test/fixtures/decode/containers.json): `{name, input, expected}`, expectations
 * written by hand from LOG-FORMATS.md (offsets counted in the input, not copied from the decoder). Each case also
 * runs at every chunking.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import type { LogEvent } from '../../src/types.js';
import { assertSameForEveryChunking } from './decode-helpers.js';

interface ExpectedEvent {
  /** ISO time, epoch ms, or null. */
  time: string | number | null;
  message: string;
  logStream?: string;
  logGroup?: string;
  eventId?: string;
  source: { line?: number; offset?: number };
}

interface Case {
  name: string;
  input: string;
  expected: {
    format: string;
    stats: { events: number; malformed: number; skipped: number };
    diagnostics: { code: string; source: { line?: number; offset?: number } }[];
    events: ExpectedEvent[];
  };
}

const cases = JSON.parse(
  readFileSync(new URL('../fixtures/decode/containers.json', import.meta.url), 'utf8'),
) as Case[];

function toEvent(e: ExpectedEvent): LogEvent {
  const event: LogEvent = {
    timestamp: typeof e.time === 'string' ? Date.parse(e.time) : e.time,
    message: e.message,
    source: { file: 'input', ...e.source },
  };
  if (e.logStream !== undefined) event.logStream = e.logStream;
  if (e.logGroup !== undefined) event.logGroup = e.logGroup;
  if (e.eventId !== undefined) event.eventId = e.eventId;
  return event;
}

for (const c of cases) {
  test(c.name, (t) => {
    const decoded = assertSameForEveryChunking(t, c.input);
    t.is(decoded.format as string | null, c.expected.format);
    t.deepEqual(decoded.events, c.expected.events.map(toEvent));
    t.like(decoded.stats, c.expected.stats);
    t.deepEqual(
      decoded.diagnostics.map((d) => ({ code: d.code, source: { ...d.source, file: undefined } })),
      c.expected.diagnostics.map((d) => ({ code: d.code, source: { ...d.source, file: undefined } })),
    );
  });
}

test('the case table is not empty', (t) => {
  t.true(cases.length >= 10);
});
