/**
 * The pipeline's fast path makes a byte line a string only when `mayRead` says readLine may act on it
 * (extract-open-trace.ts); a line readLine acts on but mayRead refuses would silently lose its marks there. Both
 * read one list, LINE_SHAPES: these tests hold mayRead to readLine itself, on every shape and every fixture line.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createByteEvent } from '../../src/decode/event-sink.js';
import { extractOpenTrace, mayRead } from '../../src/extract/extract-open-trace.js';
import { extractTrace } from '../../src/extract/index.js';
import { LINE_SHAPES, readLine } from '../../src/extract/read-line.js';
import { slimTrace } from '../../src/extract/slim-trace.js';
import { createDraft, type TraceDraft } from '../../src/extract/trace-draft.js';
import { createEventGrouper } from '../../src/reassemble/group-events.js';
import { traceEvents } from '../../src/reassemble/open-trace.js';
import { findRequestIdEnd } from '../../src/reassemble/find-request-id.js';
import { readReassembleOptions } from '../../src/reassemble/read-options.js';

const TAILS = ['', ' x', ' abc not authorized because x', ' anonymous is not authorized to perform: execute-api:Invoke on resource: arn', '{"a":"b"}', ' 403 API Stage: a1/dev'];

/** Every text a draft could be fed: each shape with tails, near misses of each, and every line of the fixtures. */
function texts(): string[] {
  const out = new Set<string>(['{method.request.header.Authorization=x}', 'X-ray Tracing ID : Root=1-2', 'Method request headers: {}']);
  for (const { prefix } of LINE_SHAPES) {
    for (const tail of TAILS) out.add(prefix + tail);
    out.add(prefix.slice(0, -1));
    out.add(prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) ^ 1) + ' x');
  }
  for (const dir of ['extract', 'reassemble']) {
    const path = join(import.meta.dirname, '../fixtures', dir);
    for (const name of readdirSync(path).filter((n) => n.endsWith('.json'))) {
      for (const text of stringsIn(JSON.parse(readFileSync(join(path, name), 'utf8')))) {
        const end = findRequestIdEnd(text);
        out.add(end < 0 ? text : text.slice(end + 2));
      }
    }
  }
  return [...out];
}

/** Every string in a parsed JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

/** The draft states a line can meet: before `Starting execution`, after it, and with an identity already read. */
const STATES: (() => TraceDraft)[] = [
  () => createDraft(),
  () => ({ ...createDraft(), executionStarted: true }),
  () => {
    const draft = createDraft();
    readLine(draft, 'Incoming identity: abc', 0);
    return draft;
  },
];

test('every line readLine acts on, mayRead reads', (t) => {
  let acted = 0;
  for (const text of texts()) {
    const bytes = Buffer.from(text, 'utf8');
    for (const state of STATES) {
      const draft = state();
      const before = JSON.stringify(draft);
      readLine(draft, text, 7);
      if (JSON.stringify(draft) === before) continue;
      acted++;
      t.true(mayRead(bytes, 0, bytes.length, !before.includes('"executionStarted":true')), `${JSON.stringify(text)} is read`);
    }
  }
  t.true(acted > 100, `readLine acted on ${acted} lines`);
});

test('every prefix of LINE_SHAPES is read in its phase, and only there', (t) => {
  for (const { prefix, authorizerPhase } of LINE_SHAPES) {
    const bytes = Buffer.from(`${prefix} x`, 'latin1');
    t.true(mayRead(bytes, 0, bytes.length, true), prefix);
    t.is(mayRead(bytes, 0, bytes.length, false), authorizerPhase !== true, prefix);
    // The message ends before the prefix does: not that shape (a shorter prefix may still fit).
    const shorter = LINE_SHAPES.some((shape) => shape.prefix.length < prefix.length && prefix.startsWith(shape.prefix));
    t.is(mayRead(bytes, 0, prefix.length - 1, true), shorter, prefix);
  }
});

test('on the fast path, a trace of every shape extracts as the general stages extract it', (t) => {
  const lines = LINE_SHAPES.flatMap(({ prefix }) => TAILS.map((tail) => prefix + tail));
  // The authorizer phase, then the same lines again after Starting execution; some with an escape in the prefix.
  const messages = [...lines, 'Starting execution for request: r1', ...lines].map((text, i) => {
    const raw = JSON.stringify(text).slice(1, -1);
    return `(r1) ${i % 5 === 0 && raw !== '' ? `\\u00${raw.charCodeAt(0).toString(16)}${raw.slice(1)}` : raw}`;
  });
  const view = messages.map((m) => `"${m}",`).join('');
  const bytes = Buffer.from(view, 'latin1');
  let slim: unknown = null;
  let general: unknown = null;
  const grouper = createEventGrouper(readReassembleOptions({}), 'f', (trace, closedBy) => {
    slim = extractOpenTrace(trace, closedBy, 'f');
    general = slimTrace(extractTrace({ requestId: trace.id, events: traceEvents(trace, 'f'), closedBy }));
  });
  let at = 1;
  messages.forEach((message, i) => {
    const b = createByteEvent();
    b.bytes = bytes;
    b.array = bytes;
    b.view = view;
    b.start = at;
    b.end = at + message.length;
    const backslash = message.indexOf('\\');
    b.backslash = backslash < 0 ? -1 : at + backslash;
    at = b.end + 3;
    b.timestamp = 1_700_000_000_000 + i;
    b.line = i + 1;
    grouper.pushBytes(b);
  });
  grouper.flush();
  t.not(slim, null);
  t.deepEqual(slim, general);
});
