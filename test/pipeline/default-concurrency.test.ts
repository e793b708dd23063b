import test from 'ava';
import { defaultConcurrency } from '../../src/pipeline/analyze.js';

const files = (mb: number, n = 4) => Array.from({ length: n }, (_, i) => ({ path: `f${i}.gz`, size: (mb * 1024 * 1024) / n }));

test('one thread per core, but one below 32 MiB of input', (t) => {
  t.is(defaultConcurrency(files(31), 8), 1);
  t.is(defaultConcurrency(files(200), 1), 1);
  t.is(defaultConcurrency(files(200), 2), 2);
  t.is(defaultConcurrency(files(32), 2), 2);
  t.is(defaultConcurrency(files(200), 8), 8);
  t.is(defaultConcurrency([], 8), 1);
});
