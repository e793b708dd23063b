import fc from 'fast-check';
import test from 'ava';
import { escapeControlChars, escapeHtml, escapeMarkdownCell, serializeJsonForScript } from '../../src/report/index.js';

const hostile = fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '\u0007', '\u009b', '\u202e', '\u2028', '\n', '\r', '\t', '|', '`', '<', '>', '&', '"', "'", '\\', '['), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 60 });

test('terminal: no control character survives escapeControlChars', (t) => {
  fc.assert(fc.property(hostile, (s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(escapeControlChars(s))));
  fc.assert(fc.property(hostile, (s) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(escapeControlChars(s, { multiline: true }))));
  t.pass();
});

test('markdown: a cell never holds an unescaped pipe, a raw <, a backtick or a newline', (t) => {
  fc.assert(
    fc.property(hostile, (s) => {
      const cell = escapeMarkdownCell(s);
      // Remove escaped backslashes first, then escaped characters: what remains must hold no special character.
      const bare = cell.replace(/\\\\/g, '').replace(/\\[`*_[\]|#!~]/g, '').replace(/<br>/g, '');
      return !/[|`<>\n\r]/.test(bare);
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test('html: escaped text holds no markup character', (t) => {
  fc.assert(fc.property(hostile, (s) => !/[<>"']/.test(escapeHtml(s)) && !/&(?!(amp|lt|gt|quot|#39);)/.test(escapeHtml(s))));
  t.pass();
});

test('script JSON: round-trips and cannot end the script element', (t) => {
  fc.assert(
    fc.property(fc.dictionary(hostile, hostile, { maxKeys: 4 }), (value) => {
      const json = serializeJsonForScript(value);
      return !/[<>&\u2028\u2029]/.test(json) && JSON.stringify(JSON.parse(json)) === JSON.stringify(value);
    }),
  );
  t.pass();
});
