import test from 'ava';
import { defaultConcurrency } from '../../src/pipeline/analyze.js';

const files = (mb: number, n = 4) => Array.from({ length: n }, (_, i) => ({ path: `f${i}.gz`, size: (mb * 1024 * 1024) / n }));

test('one thread below 32 MiB of input or on 2 cores; else one worker per core but one', (t) => {
  t.is(defaultConcurrency(files(31), 8), 1);
  t.is(defaultConcurrency(files(200), 1), 1);
  t.is(defaultConcurrency(files(200), 2), 1);
  t.is(defaultConcurrency(files(200), 3), 2);
  t.is(defaultConcurrency(files(200), 8), 7);
  t.is(defaultConcurrency([], 8), 1);
});
