import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReassembler, findRequestIdEnd, isTerminalLine, readRequestId } from '../../src/reassemble/index.js';

interface LineCase {
  name: string;
  message: string;
  expected: { requestId: string | null; terminal: boolean; alone: 'trace' | 'orphan' | 'foreign' };
}

const cases = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/reassemble/lines.json'), 'utf8')) as LineCase[];

for (const { name, message, expected } of cases) {
  test(`line shape: ${name}`, (t) => {
    t.is(readRequestId(message), expected.requestId, 'request id');
    const end = findRequestIdEnd(message);
    t.is(isTerminalLine(message, end > 0 ? end + 2 : 0), expected.terminal, 'terminal');
    const reassembler = createReassembler();
    const traces = [...reassembler.push([{ timestamp: 0, message, logStream: 's', source: { file: 'f' } }]), ...reassembler.flush()];
    const { orphans, foreign } = reassembler.stats;
    t.deepEqual(
      { traces: traces.length, orphans, foreign },
      { traces: expected.alone === 'trace' ? 1 : 0, orphans: expected.alone === 'orphan' ? 1 : 0, foreign: expected.alone === 'foreign' ? 1 : 0 },
    );
  });
}

test('findRequestIdEnd means exactly ^\\(([^)\\s]+)\\) on any text', (t) => {
  const PREFIX = /^\(([^)\s]+)\) /;
  const unit = fc.constantFrom('(', ')', ' ', '\t', '\n', 'a', '1', '-', '=', '\u00a0', '\u2028', '\ufeff', '\u3000', 'é');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 16 }), (text) => {
      const match = PREFIX.exec(text);
      return findRequestIdEnd(text) === (match === null ? -1 : match[1]!.length + 1);
    }),
    { numRuns: 5000 },
  );
  t.pass();
});

test('findRequestIdEnd reads only the prefix of a long line', (t) => {
  const long = `(${'a'.repeat(36)}) ${'x'.repeat(1_000_000)}`;
  t.is(findRequestIdEnd(long), 37);
  t.is(findRequestIdEnd(`(${'a'.repeat(10)} ${')'.repeat(10)}`), -1);
});

test('findRequestIdEnd recognises ids of 1 to 200 characters, any that do not contain ) or whitespace', (t) => {
  const PREFIX = /^\(([^)\s]{1,200})\) /;
  const unit = fc.constantFrom('(', ')', ' ', 'a', '\u0001', '\u00a0');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 210 }), fc.string({ unit, maxLength: 4 }), (length, tail) => {
      const text = `(${'a'.repeat(length)}${tail}) x`;
      const match = PREFIX.exec(text);
      return findRequestIdEnd(text) === (match === null ? -1 : match[1]!.length + 1);
    }),
    { numRuns: 3000 },
  );
  t.is(findRequestIdEnd(`(${'a'.repeat(200)}) x`), 201);
  t.is(findRequestIdEnd(`(${'a'.repeat(201)}) x`), -1);
  t.is(findRequestIdEnd(`(${'a'.repeat(1_000_000)}`), -1);
});
