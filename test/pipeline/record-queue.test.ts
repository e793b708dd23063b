import test from 'ava';
import { RecordQueue } from '../../src/pipeline/record-queue.js';

test('the queue hands batches over in order and tells producers when it has drained below its mark', async (t) => {
  let drains = 0;
  const queue = new RecordQueue<number>(4, () => (drains += 1));
  queue.push([1, 2, 3]);
  queue.push([4, 5]);
  t.true(queue.isFull());
  queue.end();
  const seen: number[] = [];
  for await (const batch of queue.drain()) seen.push(...batch);
  t.deepEqual(seen, [1, 2, 3, 4, 5]);
  t.true(drains >= 1);
  t.false(queue.isFull());
});

test('an error ends the queue after the batches before it', async (t) => {
  const queue = new RecordQueue<number>(10, () => {});
  queue.push([1]);
  queue.end(new Error('boom'));
  const seen: number[] = [];
  await t.throwsAsync(async () => {
    for await (const batch of queue.drain()) seen.push(...batch);
  }, { message: 'boom' });
  t.deepEqual(seen, [1]);
});

test('a consumer waiting on an empty queue wakes when a batch arrives', async (t) => {
  const queue = new RecordQueue<string>(10, () => {});
  setTimeout(() => {
    queue.push(['late']);
    queue.end();
  }, 5);
  const seen: string[] = [];
  for await (const batch of queue.drain()) seen.push(...batch);
  t.deepEqual(seen, ['late']);
});
