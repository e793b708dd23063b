import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { InputFile } from '../decode/index.js';
import { addDiagnostic, mergeSummaryParts, type SummaryParts } from '../summary/index.js';
import type { Diagnostic, TraceRecord } from '../types.js';
import type { Collector } from './collect-traces.js';
import { RecordQueue } from './record-queue.js';
import type { StepOptions } from './run-step.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** Records the consumer may lag behind before workers are told to wait. */
const HIGH_WATER = 4096;

export interface WorkerRunHooks {
  /** Forwards a diagnostic to the user; counting is done by whoever made it. */
  onDiagnostic: (d: Diagnostic) => void;
  onBytes: (n: number) => void;
  onFileDone: () => void;
}

// Under tsx (tests, benchmarks from source) this module is a .ts file and so is its worker; workers inherit
// the parent's execArgv, so `--import tsx` applies to them too.
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './file-worker.ts' : './file-worker.js', import.meta.url);

/**
 * Runs the per-file step on a pool of worker threads (p-limit hands each idle worker the next file) and
 * feeds their traces to the one collector on this thread, which classifies them in arrival order.
 */
export async function* runInWorkers(
  files: InputFile[],
  options: StepOptions,
  concurrency: number,
  collector: Collector,
  parts: SummaryParts,
  hooks: WorkerRunHooks,
  signal?: AbortSignal,
): AsyncGenerator<TraceRecord[], void, undefined> {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const heldCredits: Worker[] = [];
  const queue = new RecordQueue<TraceRecord>(HIGH_WATER, () => {
    for (const worker of heldCredits.splice(0)) worker.postMessage({ type: 'credit' } satisfies ToWorker);
  });

  function runFile(file: InputFile): Promise<void> {
    const worker = idle.pop() ?? spawn();
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        idle.push(worker);
        hooks.onFileDone();
        resolve();
      };
      const onMessage = (message: FromWorker): void => {
        hooks.onBytes(message.bytes);
        if (message.type === 'batch') {
          for (const d of message.diagnostics) hooks.onDiagnostic(d);
          queue.push(collector.pushTraces(message.traces));
          if (queue.isFull()) heldCredits.push(worker);
          else worker.postMessage({ type: 'credit' } satisfies ToWorker);
          return;
        }
        mergeSummaryParts(parts, message.parts);
        if (message.type === 'done') queue.push(collector.pushOpen(message.open));
        else failFile(file, message.message);
        finish();
      };
      const onError = (error: Error): void => {
        // The worker died (a bug, or out of memory): say which file, replace the worker, go on with the rest.
        failFile(file, error.message);
        worker.off('message', onMessage);
        all.splice(all.indexOf(worker), 1);
        hooks.onFileDone();
        resolve();
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ type: 'run', file, options, keepOpen: true } satisfies ToWorker);
    });
  }

  function spawn(): Worker {
    const worker = new Worker(workerUrl);
    all.push(worker);
    return worker;
  }

  function failFile(file: InputFile, message: string): void {
    const diagnostic: Diagnostic = {
      code: 'UNREADABLE_FILE',
      severity: 'error',
      message: `reading stopped: ${message}`,
      source: { file: file.path },
    };
    addDiagnostic(parts, diagnostic); // the worker's own diagnostics arrive counted in its parts; this one is ours
    hooks.onDiagnostic(diagnostic);
  }

  const limit = pLimit(concurrency);
  const abort = (): void => queue.end(signal?.reason ?? new Error('aborted'));
  signal?.addEventListener('abort', abort, { once: true });
  Promise.all(files.map((file) => limit(() => runFile(file)))).then(
    () => queue.end(),
    (error: unknown) => queue.end(error),
  );
  try {
    yield* queue.drain();
  } finally {
    signal?.removeEventListener('abort', abort);
    limit.clearQueue();
    await Promise.all(all.map((worker) => worker.terminate()));
  }
}
