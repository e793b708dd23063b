/** In-memory streams for running `main` in-process. */
import { PassThrough, Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/main.js';

/** A writable that keeps what it got. */
export class Sink extends Writable {
  text = '';
  isTTY: boolean;
  constructor(isTTY = false) {
    super({ decodeStrings: false });
    this.isTTY = isTTY;
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

/** A writable that fails with EPIPE after `limit` bytes, like a pipe into `head`. */
export class ClosingPipe extends Writable {
  text = '';
  constructor(private readonly limit: number) {
    super({ decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.text.length >= this.limit) {
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      return;
    }
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

export interface FakeIo extends CliIo {
  stdout: Sink;
  stderr: Sink;
}

/** Streams for one run; `stdin` is the given text (or an open, empty stream). */
export function fakeIo(options: { stdin?: string | Readable; stdoutTTY?: boolean; stderrTTY?: boolean; env?: Record<string, string>; signal?: AbortSignal; now?: number } = {}): FakeIo {
  const stdin = typeof options.stdin === 'string' ? Readable.from([Buffer.from(options.stdin)]) : options.stdin ?? new PassThrough();
  return {
    stdin,
    stdout: new Sink(options.stdoutTTY ?? false),
    stderr: new Sink(options.stderrTTY ?? false),
    env: options.env ?? {},
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.now === undefined ? {} : { now: () => options.now ?? 0 }),
  };
}
