import { readFileSync } from 'node:fs';
import test from 'ava';
import { escapeControlChars, escapeHtml, escapeMarkdownCell, serializeJsonForScript } from '../../src/report/index.js';

interface Case {
  name: string;
  input: string;
  expected: string;
}
const cases = JSON.parse(readFileSync(new URL('cases/escape.json', import.meta.url), 'utf8')) as Record<string, Case[]>;
const table = (name: string): Case[] => cases[name] ?? [];

for (const c of table('control')) test(`escapeControlChars: ${c.name}`, (t) => t.is(escapeControlChars(c.input), c.expected));
for (const c of table('controlMultiline')) {
  test(`escapeControlChars multiline: ${c.name}`, (t) => t.is(escapeControlChars(c.input, { multiline: true }), c.expected));
}
for (const c of table('markdown')) test(`escapeMarkdownCell: ${c.name}`, (t) => t.is(escapeMarkdownCell(c.input), c.expected));
for (const c of table('html')) test(`escapeHtml: ${c.name}`, (t) => t.is(escapeHtml(c.input), c.expected));

test('serializeJsonForScript cannot close the script element and round-trips', (t) => {
  const value = { a: '</script><script>alert(1)</script>', b: '<!-- & -->', c: 'line\u2028sep\u2029par' };
  const json = serializeJsonForScript(value);
  t.false(json.includes('<'));
  t.false(json.includes('>'));
  t.false(json.includes('&'));
  t.false(json.includes('\u2028'));
  t.false(json.includes('\u2029'));
  t.deepEqual(JSON.parse(json), value);
});
