/**
 * The merge heap of the archive generator: interleaves the events of the open requests in time order.
 * @module
 */
import type { RenderedEvent } from './request-spec.js';

/** An open request: its events and the next one to write. */
export interface OpenRequest {
  time: number;
  seq: number;
  events: RenderedEvent[];
  next: number;
  stream: number;
}

/**
 * A binary min-heap on (time, seq): the open request whose next event comes first. About fifty entries, so
 * each step is a handful of comparisons whatever the archive size.
 *
 * @example
 * const heap = createEventHeap();
 * heap.push({ time: 0, seq: 0, events, next: 0, stream: 0 });
 */
export function createEventHeap(): { push(o: OpenRequest): void; pop(): OpenRequest | undefined; peek(): OpenRequest | undefined; readonly size: number } {
  const items: OpenRequest[] = [];
  const less = (a: OpenRequest, b: OpenRequest): boolean => a.time < b.time || (a.time === b.time && a.seq < b.seq);
  const swap = (i: number, j: number): void => void ([items[i], items[j]] = [items[j] as OpenRequest, items[i] as OpenRequest]);
  return {
    get size() { return items.length; },
    peek: () => items[0],
    push(o) {
      items.push(o);
      for (let i = items.length - 1; i > 0 && less(items[i] as OpenRequest, items[(i - 1) >> 1] as OpenRequest); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    },
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const m = l + 1 < items.length && less(items[l + 1] as OpenRequest, items[l] as OpenRequest) ? l + 1 : l;
          if (l >= items.length || !less(items[m] as OpenRequest, items[i] as OpenRequest)) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
  };
}
