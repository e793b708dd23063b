/**
 * A queue between producers that cannot await (worker message handlers) and one async consumer.
 * `isFull()` tells producers to hold their acknowledgements; `onDrain` fires when the consumer has taken
 * the queue below its low-water mark, so memory stays bounded when the consumer (stdout) is slow.
 */
export class RecordQueue<T> {
  readonly #items: T[][] = [];
  #size = 0;
  #ended = false;
  #error: unknown = undefined;
  #wake: (() => void) | null = null;
  readonly #highWater: number;
  readonly #onDrain: () => void;
  readonly #roomWaiters: (() => void)[] = [];

  constructor(highWater: number, onDrain: () => void) {
    this.#highWater = highWater;
    this.#onDrain = onDrain;
  }

  push(items: T[]): void {
    if (items.length === 0) return;
    this.#items.push(items);
    this.#size += items.length;
    this.#signal();
  }

  isFull(): boolean {
    return this.#size >= this.#highWater;
  }

  /** Resolves once the queue is below its high-water mark (at once when it is), for a producer that can await. */
  async waitForRoom(): Promise<void> {
    while (this.isFull() && !this.#ended) await new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
  }

  end(error?: unknown): void {
    this.#ended = true;
    for (const wake of this.#roomWaiters.splice(0)) wake();
    if (error !== undefined && this.#error === undefined) this.#error = error;
    this.#signal();
  }

  async *drain(): AsyncGenerator<T[], void, undefined> {
    for (;;) {
      const batch = this.#items.shift();
      if (batch !== undefined) {
        this.#size -= batch.length;
        if (!this.isFull()) {
          this.#onDrain();
          for (const wake of this.#roomWaiters.splice(0)) wake();
        }
        yield batch;
        continue;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
