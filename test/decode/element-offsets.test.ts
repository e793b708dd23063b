/**
 * Elements that are not log events, in the two JSON arrays that hold them: the `events` array of a filter-log-events
 * document (byte scanner) and a top-level array (console JSON export, stream-json reader). Each bad element is one
 * MALFORMED_RECORD at its own byte offset; a complete document is never reported as cut. Offsets below were counted
 * by hand (E is 34 bytes; `{"events":[` is 11).
 */
import test from 'ava';
import { assertSameForEveryChunking } from './decode-helpers.js';

const E = '{"timestamp":1,"message":"(id) a"}';
const PAD = 'x'.repeat(5000);

interface Case {
  name: string;
  input: string;
  /** [code, offset] of every diagnostic, in order (EMPTY_INPUT, when no event is decoded, has no offset). */
  diagnostics: [string, number | undefined][];
  /** Offsets of the events decoded. */
  events: number[];
}

const CASES: Case[] = [
  {
    name: 'document: a number after the last event is malformed, and the complete document is not truncated',
    input: `{"events":[${E},2],"searchedLogStreams":[]}`,
    diagnostics: [['MALFORMED_RECORD', 46]],
    events: [11],
  },
  {
    name: 'document: a number before an event',
    input: `{"events":[2,${E}]}`,
    diagnostics: [['MALFORMED_RECORD', 11]],
    events: [13],
  },
  {
    name: 'document: every kind of non-object value is skipped whole (a `{` inside a string or array is not an event)',
    input: `{"events":[${E},"x{y",null,[1,{"a":2}],-1.5e3,true,${E}]}`,
    diagnostics: [
      ['MALFORMED_RECORD', 46],
      ['MALFORMED_RECORD', 52],
      ['MALFORMED_RECORD', 57],
      ['MALFORMED_RECORD', 69],
      ['MALFORMED_RECORD', 76],
    ],
    events: [11, 81],
  },
  {
    name: 'document: a byte that starts no value is damage: resynchronised at the next `{`, as before',
    input: `{"events":[${E},:,${E}]}`,
    diagnostics: [['MALFORMED_RECORD', 46]],
    events: [11, 48],
  },
  {
    name: 'document: a non-object cut by the end of input is still a truncated document',
    input: `{"events":[${E},"abc`,
    diagnostics: [
      ['MALFORMED_RECORD', 46],
      ['TRUNCATED_INPUT', 50],
    ],
    events: [11],
  },
  {
    name: 'array: objects that are not log events, each at its own offset',
    input: '[{"foo":1},{"bar":2}]',
    diagnostics: [
      ['MALFORMED_RECORD', 1],
      ['MALFORMED_RECORD', 11],
      ['EMPTY_INPUT', undefined],
    ],
    events: [],
  },
  {
    name: 'array: scalars, a nested array and objects, around a record',
    // Starts with an object: `[1, …` is not sniffed as JSON at all (sniff-format.ts wants `[` then `{`, `[` or `]`).
    input: '[{"foo":0}, 1, "x", null, [2], {"@message":"(id) a"}, {"foo":1}]',
    diagnostics: [
      ['MALFORMED_RECORD', 1],
      ['MALFORMED_RECORD', 12],
      ['MALFORMED_RECORD', 15],
      ['MALFORMED_RECORD', 20],
      ['MALFORMED_RECORD', 26],
      ['MALFORMED_RECORD', 54],
    ],
    events: [31],
  },
  {
    name: 'array: an element past the first 4 KiB block is placed exactly, not at its block start',
    // Element 1 is `{"@message":"` (13) + 5000 + `"}` (2) = 5015 bytes at 1..5015; `,` at 5016; element 2 at 5017.
    input: `[{"@message":"${PAD}"},{"foo":1}]`,
    diagnostics: [['MALFORMED_RECORD', 5017]],
    events: [1],
  },
  {
    name: 'array: a JSON stream of two arrays',
    input: '[{"foo":1}] [{"bar":2}]',
    diagnostics: [
      ['MALFORMED_RECORD', 1],
      ['MALFORMED_RECORD', 13],
      ['EMPTY_INPUT', undefined],
    ],
    events: [],
  },
  {
    name: 'array: a record cut by the end of input',
    input: '[{"foo":1},{"@message":"(id) a"',
    diagnostics: [
      ['MALFORMED_RECORD', 1],
      ['MALFORMED_RECORD', 11],
      ['TRUNCATED_INPUT', 31],
      ['EMPTY_INPUT', undefined],
    ],
    events: [],
  },
  {
    name: 'results document (not a top-level array): rows keep the start of their 4 KiB block, as before',
    // The second row starts at 5046, in the second block (4096..8191).
    input: `{"results":[[{"field":"@message","value":"${PAD}"}],[{"field":"x","value":"y"}]]}`,
    diagnostics: [['MALFORMED_RECORD', 4096]],
    events: [0],
  },
];

for (const c of CASES) {
  test(c.name, (t) => {
    const decoded = assertSameForEveryChunking(t, c.input);
    t.deepEqual(
      decoded.diagnostics.map((d) => [d.code, d.source.offset]),
      c.diagnostics,
    );
    t.deepEqual(
      decoded.events.map((e) => e.source.offset),
      c.events,
    );
    t.is(decoded.stats.malformed, c.diagnostics.filter(([code]) => code === 'MALFORMED_RECORD').length);
  });
}
