/**
 * Writes the report to stdout: batched (one `write` per ~64 KiB, not per record), waiting only when the stream
 * asks (backpressure), and quiet when the reader went away (`trace403 … | head`: EPIPE stops the run, exit 0).
 * @module
 */
import type { CliWritable } from './cli-io.js';

/** Buffered output with broken-pipe detection. */
export interface Output {
  /** Queues text; writes when the buffer is full. Resolves once the stream can take more. */
  write(text: string): Promise<void>;
  /** Writes what is buffered and waits until the stream has taken it. */
  flush(): Promise<void>;
  /** True once the reader closed the pipe: stop producing. */
  readonly broken: boolean;
  /** Called once when the pipe breaks. */
  onBroken(listener: () => void): void;
}

const BATCH = 64 * 1024;

/**
 * Wraps `stream`. A write error other than EPIPE is kept and thrown by the next write or flush.
 * @example const out = createOutput(process.stdout); await out.write(text); await out.flush();
 */
export function createOutput(stream: CliWritable): Output {
  let buffer = '';
  let broken = false;
  let failure: Error | null = null;
  const listeners: (() => void)[] = [];
  const wakers: (() => void)[] = [];
  const wake = (): void => {
    for (const w of wakers.splice(0)) w();
  };
  const breakPipe = (): void => {
    if (broken) return;
    broken = true;
    buffer = '';
    wake();
    for (const l of listeners) l();
  };
  // Attached for the life of the process: an EPIPE may arrive after the last write.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') breakPipe();
    else failure ??= error;
    wake();
  });
  stream.on('close', wake);

  const drain = (): Promise<void> =>
    new Promise((resolve) => {
      wakers.push(resolve);
      stream.once('drain', wake);
    });

  const push = async (): Promise<void> => {
    if (failure !== null) throw failure;
    if (broken || buffer === '') return;
    const text = buffer;
    buffer = '';
    const ok = stream.write(text);
    if (!ok && !broken) await drain();
    if (failure !== null) throw failure;
  };

  return {
    async write(text) {
      if (broken) return;
      buffer += text;
      if (buffer.length >= BATCH) await push();
    },
    async flush() {
      await push();
      if (broken || failure !== null) return;
      // Wait until everything handed to the stream is out, so an EPIPE is seen before the exit status is chosen.
      await new Promise<void>((resolve) => stream.write('', () => resolve()));
      if (failure !== null) throw failure;
    },
    get broken() {
      return broken;
    },
    onBroken(listener) {
      if (broken) listener();
      else listeners.push(listener);
    },
  };
}
