import test from 'ava';
import { createRecentRequests } from '../../src/pipeline/recent-requests.js';

test('remembers print and times, null times included', (t) => {
  const recent = createRecentRequests(10);
  recent.remember('a', 7, 1_773_478_800_003, 1_773_478_800_155);
  recent.remember('b', 8, null, null);
  t.deepEqual(recent.get('a'), { print: 7, start: 1_773_478_800_003, end: 1_773_478_800_155 });
  t.deepEqual(recent.get('b'), { print: 8, start: null, end: null });
  t.is(recent.get('c'), undefined);
  t.true(recent.has('b'));
  t.false(recent.has('c'));
});

test('forgets the least recently remembered beyond the capacity, and reuses its slot', (t) => {
  const recent = createRecentRequests(3);
  for (const id of ['a', 'b', 'c']) recent.remember(id, id.charCodeAt(0), 0, 1);
  recent.remember('a', 1, 2, 3); // remembered again: now the most recent
  recent.remember('d', 4, 5, 6);
  t.false(recent.has('b'), 'b was the least recently remembered');
  t.deepEqual(['a', 'c', 'd'].map((id) => recent.get(id)?.print), [1, 99, 4]);
  recent.remember('e', 5, 0, 0);
  t.false(recent.has('c'));
  t.deepEqual(recent.get('d'), { print: 4, start: 5, end: 6 }, 'a reused slot does not disturb the others');
  t.is(recent.size, 3);
});

test('grows past its first columns up to the capacity', (t) => {
  const recent = createRecentRequests(5000);
  for (let i = 0; i < 6000; i++) recent.remember(`r${i}`, i, i * 10, i * 10 + 1);
  t.is(recent.size, 5000);
  t.false(recent.has('r999'));
  t.deepEqual(recent.get('r1000'), { print: 1000, start: 10000, end: 10001 });
  t.deepEqual(recent.get('r5999'), { print: 5999, start: 59990, end: 59991 });
});

test('printOf gives the print alone, for what get gives', (t) => {
  const recent = createRecentRequests(2);
  recent.remember('a', 7, 1, 2);
  recent.remember('b', 0, null, null);
  t.is(recent.printOf('a'), 7);
  t.is(recent.printOf('b'), 0, 'a print of 0 is a print');
  t.is(recent.printOf('c'), undefined);
  recent.remember('c', 9, 3, 4);
  t.is(recent.printOf('a'), undefined, 'forgotten with the rest of it');
  t.is(recent.printOf('c'), recent.get('c')?.print);
});
