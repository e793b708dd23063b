import test from 'ava';
import { Readable } from 'node:stream';
import { toChunks } from '../../src/pipeline/to-chunks.js';

const collect = async (input: unknown): Promise<string> => {
  let text = '';
  for await (const chunk of toChunks(input)) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return text;
};

test('every byte-source kind reads the same bytes', async (t) => {
  const bytes = Buffer.from('(a) one\n(a) two\n');
  t.is(await collect(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)])), bytes.toString());
  t.is(await collect(new Blob([bytes]).stream()), bytes.toString());
  t.is(await collect([bytes.subarray(0, 3), bytes.subarray(3)]), bytes.toString());
  t.is(await collect(bytes), bytes.toString(), 'a single Buffer is one chunk, not an iterable of numbers');
});

test('a non-source input is a TypeError that names the option', (t) => {
  t.throws(() => toChunks(42), { instanceOf: TypeError, message: /`input`/ });
  t.throws(() => toChunks({}), { instanceOf: TypeError, message: /`input`/ });
});
