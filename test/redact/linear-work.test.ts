import test from 'ava';
import { redactText } from '../../src/redact/redact-text.js';
import { createWork } from '../../src/redact/scan-chars.js';

// Linearity is checked by counting the characters the scanners read, not by timing: a quadratic rule on 1 MB would
// read ~10^11 characters, a linear one a small multiple of 10^6.
const MB = 1 << 20;
const fill = (unit: string, prefix = ''): string => prefix + unit.repeat(Math.ceil((MB - prefix.length) / unit.length));

const inputs: { name: string; text: string }[] = [
  { name: '`eyJ.` repeated', text: fill('eyJ.') },
  { name: '`a.` repeated', text: fill('a.') },
  { name: '`eyJ` repeated without dots', text: fill('eyJ') },
  { name: '`eyJa.b` repeated (second segment never closes)', text: fill('eyJa.b') },
  { name: '`eyJ.eyJ` with one dot per candidate', text: fill('eyJa.') },
  { name: '`Bearer ` repeated', text: fill('Bearer ') },
  { name: '`Bearer *` repeated (masked-looking)', text: fill('Bearer *') },
  { name: '`authorization=` repeated', text: fill('authorization=') },
  { name: '`"authorization":"` repeated', text: fill('"authorization":"') },
  { name: '`Authorization: ` then one long value', text: fill('x', 'Authorization: ') },
  { name: 'result marker repeated', text: fill('Authorizer result body before parsing: ') },
  { name: 'result marker with `{` repeated', text: fill('Authorizer result body before parsing: {') },
  { name: 'context with 1 MB of `{"a":`', text: fill('{"a":', 'Authorizer result body before parsing: {"context":') },
  { name: 'context with many short values', text: fill('"k":1,', 'Authorizer result body before parsing: {"context":{') },
  { name: 'unterminated strings in a context', text: fill('"k":"\\', 'Authorizer result body before parsing: {"context":{') },
  { name: '`AKIA` repeated', text: fill('AKIA') },
  { name: '`IQoJb3JpZ2lu` repeated', text: fill('IQoJb3JpZ2lu ') },
  { name: '`*` repeated after a key', text: fill('*', 'x-api-key=') },
];

for (const { name, text } of inputs) {
  test(`redactText reads each character a bounded number of times: ${name}`, (t) => {
    const work = createWork();
    const out = redactText(text, work);
    t.true(work.steps >= text.length, 'the counter counts every character at least once');
    t.true(work.steps <= 8 * text.length + 1000, `read ${work.steps} for ${text.length} characters`);
    t.true(out.length <= 12 * text.length);
  });
}

test('the work counter would catch a quadratic rescan', (t) => {
  // Sanity check of the method: a deliberately quadratic loop over the same counter exceeds the bound.
  const work = createWork();
  const n = 4000;
  for (let i = 0; i < n; i++) work.steps += n - i;
  t.false(work.steps <= 8 * n + 1000);
});
