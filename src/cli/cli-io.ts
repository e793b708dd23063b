/**
 * What the CLI touches of the outside world, passed in so tests run `main` in-process with fake streams.
 * @module
 */

/** A writable the CLI prints to. */
export type CliWritable = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** The CLI's streams, environment and interrupt signal. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: CliWritable;
  stderr: CliWritable;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT by bin.ts: the run stops, prints what it read, and exits 130. */
  signal?: AbortSignal;
  /** Epoch ms now, for relative `--since`/`--until`. Default `Date.now`. */
  now?: () => number;
}
