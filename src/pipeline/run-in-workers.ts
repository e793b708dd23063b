import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { ClassifyOptions } from '../classify/index.js';
import type { InputFile } from '../decode/index.js';
import { addDiagnostic, mergeSummaryParts, type SummaryParts } from '../summary/index.js';
import type { Diagnostic } from '../types.js';
import type { AnyRecord } from './serialized-record.js';
import type { Collector } from './collect-traces.js';
import { RecordQueue } from './record-queue.js';
import { readFileChunks } from './read-file.js';
import { runOneStep, stepInputOf, stoppedReading, type StepContext } from './run-one-step.js';
import type { StepOptions } from './run-step.js';
import { receivePiece, type FromWorker, type ToWorker } from './worker-protocol.js';

/** Records the consumer may lag behind before workers are told to wait. */
const HIGH_WATER = 4096;

export interface WorkerRunHooks {
  /** Forwards a diagnostic to the user; counting is done by whoever made it. */
  onDiagnostic: (d: Diagnostic) => void;
  onBytes: (n: number) => void;
  onFileDone: () => void;
}

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './file-worker.ts' : './file-worker.js', import.meta.url);

/** What this module's workers did, since it was loaded: see {@link workerCounts}. */
const counts = { started: 0, files: 0 };

/**
 * Worker threads started and files they finished, since this module was loaded. For tests: every result of a run
 * is the same at any concurrency, so without this nothing shows that workers ran at all (a run forced onto one
 * thread passed every test).
 * @example const before = workerCounts().started; await run(); workerCounts().started - before // 1 at -j 2
 */
export function workerCounts(): { started: number; files: number } {
  return { ...counts };
}

/** How long a closing worker may take to exit by itself before it is terminated. */
const CLOSE_TIMEOUT_MS = 2000;

/**
 * Ends a worker. An idle one is asked to exit by itself after a short pause rather than terminated at once:
 * Node 20 aborts the whole process ("Assertion failed: (data.first) != nullptr", in
 * NodePlatform::GetForegroundTaskRunner) when a worker's isolate goes away while one of V8's background
 * TurboFan jobs for it still runs, which a worker that has just finished hot code often has (seen in 3 of 6 runs
 * of the workers tests). A busy one (the consumer stopped early) is terminated.
 */
function closeWorker(worker: Worker, busy: boolean): Promise<unknown> {
  if (busy) return worker.terminate();
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(resolve, resolve), CLOSE_TIMEOUT_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    worker.postMessage({ type: 'close' } satisfies ToWorker);
  });
}

/**
 * Starts a worker on the built `.js` file, or, when running from source under tsx (tests, benchmarks),
 * on a bootstrap that registers tsx first: Node 20 workers do not apply the parent's `--import tsx` to a
 * `.ts` entry ("Unknown file extension .ts"), even with execArgv.
 */
function startWorker(): Worker {
  if (!fromSource) return new Worker(workerUrl);
  const entry = JSON.stringify(workerUrl.href);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`, {
    eval: true,
  });
}

/**
 * Runs the per-file step on `concurrency` threads (p-limit hands the next file to whichever is free): with 2, this
 * thread and one worker thread; with more, that many workers, this thread only collecting. Each worker also classifies what needs no other file; the one collector on
 * this thread takes their records in arrival order, classifying only refused cache hits (their origin may be in
 * any file) and joined pieces, and classifies the files this thread reads itself.
 *
 * Why this thread works too: collecting and writing leave it mostly idle (1.5 of 2.8 s on 200 MB of S3 export
 * with two workers), and on 2 cores a third busy thread only takes turns with the other two.
 */
export async function* runInWorkers(
  files: InputFile[],
  options: StepOptions,
  classify: ClassifyOptions,
  serialize: boolean,
  concurrency: number,
  collector: Collector,
  parts: SummaryParts,
  hooks: WorkerRunHooks,
  signal?: AbortSignal,
): AsyncGenerator<AnyRecord[], void, undefined> {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const heldCredits: Worker[] = [];
  const queue = new RecordQueue<AnyRecord>(HIGH_WATER, () => {
    for (const worker of heldCredits.splice(0)) worker.postMessage({ type: 'credit' } satisfies ToWorker);
  });

  const busy = new Set<Worker>();
  // From 3 threads on, collecting for the workers is work enough for this thread.
  let hereBusy = concurrency > 2;

  function runFile(file: InputFile): Promise<void> {
    if (signal?.aborted === true) return Promise.resolve(); // stopped: files not started are not read
    if (!hereBusy) return runFileHere(file);
    const worker = idle.pop() ?? spawn();
    busy.add(worker);
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        busy.delete(worker);
        idle.push(worker);
        hooks.onFileDone();
        resolve();
      };
      const onMessage = (message: FromWorker): void => {
        hooks.onBytes(message.bytes);
        if (message.type === 'batch') {
          for (const d of message.diagnostics) hooks.onDiagnostic(d);
          queue.push(collector.pushItems(message.items));
          queue.push(collector.pushPieces(message.pieces));
          if (queue.isFull()) heldCredits.push(worker);
          else worker.postMessage({ type: 'credit' } satisfies ToWorker);
          return;
        }
        mergeSummaryParts(parts, message.parts);
        if (message.type === 'done') {
          counts.files += 1;
          queue.push(collector.pushPieces(message.open.map(receivePiece)));
        } else failFile(file, message.message);
        finish();
      };
      const onError = (error: Error): void => {
        // The worker died (a bug, or out of memory): say which file, replace the worker, go on with the rest.
        failFile(file, error);
        worker.off('message', onMessage);
        busy.delete(worker);
        all.splice(all.indexOf(worker), 1);
        hooks.onFileDone();
        resolve();
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ type: 'run', file, options, classify, serialize, keepOpen: true } satisfies ToWorker);
    });
  }

  const here: StepContext = { step: options, signal, parts, collector, onDiagnostic: hooks.onDiagnostic };

  /** One file on this thread: the step, then the collector's usual path (runOneStep, as with concurrency 1). */
  async function runFileHere(file: InputFile): Promise<void> {
    hereBusy = true;
    try {
      const chunks = readFileChunks(file.path, hooks.onBytes, signal);
      for await (const records of runOneStep(chunks, stepInputOf(file), true, here)) {
        queue.push(records);
        await queue.waitForRoom();
      }
    } catch (error) {
      failFile(file, error); // the collector failed: end this file as a worker's failure would
    } finally {
      hereBusy = concurrency > 2;
      hooks.onFileDone();
    }
  }

  function spawn(): Worker {
    const worker = startWorker();
    counts.started += 1;
    all.push(worker);
    return worker;
  }

  function failFile(file: InputFile, error: unknown): void {
    const diagnostic = stoppedReading(file.path, error);
    addDiagnostic(parts, diagnostic); // the worker's own diagnostics arrive counted in its parts; this one is ours
    hooks.onDiagnostic(diagnostic);
  }

  const limit = pLimit(concurrency);
  // A stop is graceful: busy workers end their file where they are and still send what they read, so the
  // summary of an interrupted run adds up.
  const abort = (): void => {
    for (const worker of busy) worker.postMessage({ type: 'stop' } satisfies ToWorker);
  };
  signal?.addEventListener('abort', abort, { once: true });
  Promise.all(files.map((file) => limit(() => runFile(file)))).then(
    () => queue.end(),
    (error: unknown) => queue.end(error),
  );
  try {
    yield* queue.drain();
  } finally {
    signal?.removeEventListener('abort', abort);
    await Promise.all(all.map((worker) => closeWorker(worker, busy.has(worker))));
  }
}
