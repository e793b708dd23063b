import test from 'ava';
import fc from 'fast-check';
import { createDeadlineHeap, type HeapItem } from '../../src/reassemble/deadline-heap.js';

test('the heap agrees with a sorted list under any pushes, pops, removals and re-keys', (t) => {
  type Op = { kind: 'push'; key: number } | { kind: 'pop' } | { kind: 'remove'; pick: number } | { kind: 'rekey'; pick: number; key: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('push' as const), key: fc.integer({ min: -50, max: 50 }) }),
    fc.record({ kind: fc.constant('pop' as const) }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('rekey' as const), pick: fc.nat(), key: fc.integer({ min: -50, max: 50 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const heap = createDeadlineHeap<HeapItem>();
      const model: HeapItem[] = [];
      for (const o of ops) {
        if (o.kind === 'push') {
          const item = { heapKey: o.key, heapIndex: -1 };
          heap.push(item);
          model.push(item);
        } else if (o.kind === 'pop') {
          const top = heap.pop();
          const min = Math.min(...model.map((m) => m.heapKey));
          if (model.length === 0 ? top !== undefined : top?.heapKey !== min) return false;
          if (top !== undefined) model.splice(model.indexOf(top), 1);
          if (top !== undefined && top.heapIndex !== -1) return false;
        } else if (model.length > 0) {
          const item = model[o.pick % model.length]!;
          if (o.kind === 'remove') {
            heap.remove(item);
            model.splice(model.indexOf(item), 1);
          } else {
            item.heapKey = o.key;
            heap.update(item);
          }
        }
        if (heap.size !== model.length) return false;
        if (model.length > 0 && heap.peek()!.heapKey !== Math.min(...model.map((m) => m.heapKey))) return false;
      }
      return true;
    }),
    { numRuns: 500 },
  );
  t.pass();
});
