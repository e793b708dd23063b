/**
 * Standard input that ends when the run is interrupted. A read blocked on a silent pipe or terminal would otherwise
 * never see the abort, and Ctrl-C would hang instead of printing what was read.
 * @module
 */

/**
 * Yields the chunks of `stream` until it ends or `signal` aborts (then it ends early, like end of input).
 * Awaits once per chunk, never per line.
 * @example for await (const chunk of readUntilAborted(process.stdin, signal)) …
 */
export async function* readUntilAborted(stream: NodeJS.ReadableStream, signal: AbortSignal): AsyncGenerator<Uint8Array | string> {
  const chunks = (stream as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const next = await Promise.race([chunks.next(), aborted]);
      if (next === 'aborted' || next.done === true) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Stop reading: a pipe left paused would keep the process alive.
    void chunks.return?.();
  }
}
