import test from 'ava';
import { createDecoder, decodeFile, listInputFiles } from '../../src/decode/index.js';

const BAD: { name: string; options: unknown; option: string }[] = [
  { name: 'missing file', options: {}, option: 'file' },
  { name: 'empty file', options: { file: '' }, option: 'file' },
  { name: 'file not a string', options: { file: 3 }, option: 'file' },
  { name: 'unknown format', options: { file: 'x', format: 'xml' }, option: 'format' },
  { name: 'onDiagnostic not a function', options: { file: 'x', onDiagnostic: 'yes' }, option: 'onDiagnostic' },
  { name: 'maxRecordBytes zero', options: { file: 'x', maxRecordBytes: 0 }, option: 'maxRecordBytes' },
  { name: 'maxRecordBytes fractional', options: { file: 'x', maxRecordBytes: 1.5 }, option: 'maxRecordBytes' },
  { name: 'logGroup not a string', options: { file: 'x', logGroup: 1 }, option: 'logGroup' },
  { name: 'logStream not a string', options: { file: 'x', logStream: {} }, option: 'logStream' },
];

for (const c of BAD) {
  test(`createDecoder throws a TypeError naming the option: ${c.name}`, (t) => {
    const error = t.throws(() => createDecoder(c.options as never), { instanceOf: TypeError });
    t.true(error?.message.includes(`"${c.option}"`), error?.message);
  });
}

test('createDecoder without options throws a TypeError', (t) => {
  t.throws(() => createDecoder(undefined as never), { instanceOf: TypeError });
});

test('decodeFile and listInputFiles reject bad arguments with a TypeError', async (t) => {
  await t.throwsAsync(() => decodeFile({ path: '', size: 0 }).next(), { instanceOf: TypeError });
  await t.throwsAsync(() => listInputFiles('dir' as never), { instanceOf: TypeError });
});

test('valid options with defaults', (t) => {
  const decoder = createDecoder({ file: '-', format: 'auto' });
  t.is(decoder.format, null);
  t.deepEqual(decoder.stats, { bytes: 0, events: 0, malformed: 0, skipped: 0 });
});
