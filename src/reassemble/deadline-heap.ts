/** What the heap needs of an item: its key and its slot, both owned by the heap while the item is in it. */
export interface HeapItem {
  /** The key the item is ordered by. Change it only through {@link DeadlineHeap.update}. */
  heapKey: number;
  /** Position in the heap, -1 when not in it. */
  heapIndex: number;
}

/** A binary min-heap that knows each item's position, so an item can be removed or re-keyed in O(log n). */
export interface DeadlineHeap<T extends HeapItem> {
  readonly size: number;
  peek(): T | undefined;
  push(item: T): void;
  pop(): T | undefined;
  remove(item: T): void;
  /** Restores order after `item.heapKey` changed, up or down. */
  update(item: T): void;
}

/**
 * Creates an empty {@link DeadlineHeap}. The reassembler keeps one entry per open trace keyed by the event
 * time at which it may close, so finding closable traces costs O(k log n) for k closed, not a scan of all.
 * @example
 * const heap = createDeadlineHeap<{ heapKey: number; heapIndex: number }>();
 * heap.push({ heapKey: 5, heapIndex: -1 });
 * heap.peek()?.heapKey; // → 5
 */
export function createDeadlineHeap<T extends HeapItem>(): DeadlineHeap<T> {
  const items: T[] = [];

  function place(item: T, index: number): void {
    items[index] = item;
    item.heapIndex = index;
  }

  function siftUp(index: number): void {
    const item = items[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (parent.heapKey <= item.heapKey) break;
      place(parent, index);
      index = parentIndex;
    }
    place(item, index);
  }

  function siftDown(index: number): void {
    const item = items[index]!;
    const length = items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && items[right]!.heapKey < items[left]!.heapKey ? right : left;
      if (items[child]!.heapKey >= item.heapKey) break;
      place(items[child]!, index);
      index = child;
    }
    place(item, index);
  }

  function removeAt(index: number): void {
    const last = items.pop()!;
    if (index < items.length) {
      place(last, index);
      siftDown(index);
      siftUp(last.heapIndex);
    }
  }

  return {
    get size() {
      return items.length;
    },
    peek: () => items[0],
    push(item) {
      items.push(item);
      siftUp(items.length - 1);
    },
    pop() {
      const top = items[0];
      if (top === undefined) return undefined;
      removeAt(0);
      top.heapIndex = -1;
      return top;
    },
    remove(item) {
      if (item.heapIndex < 0) return;
      const index = item.heapIndex;
      removeAt(index);
      item.heapIndex = -1;
    },
    update(item) {
      if (item.heapIndex < 0) return;
      siftDown(item.heapIndex);
      siftUp(item.heapIndex);
    },
  };
}
