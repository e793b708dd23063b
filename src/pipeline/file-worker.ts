/**
 * Worker-thread entry: runs the per-file step on the files the main thread sends, one at a time, and posts
 * back traces in batches. Holds no state between files.
 */
import { parentPort } from 'node:worker_threads';
import { createSummaryParts } from '../summary/index.js';
import { readFileChunks } from './read-file.js';
import { runStep } from './run-step.js';
import { CREDIT_WINDOW, type FromWorker, type ToWorker } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('file-worker must run as a worker thread');

let credits = CREDIT_WINDOW;
let stop = new AbortController();
let waiting: (() => void) | null = null;

function post(message: FromWorker): void {
  port!.postMessage(message);
}

async function takeCredit(): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
  credits -= 1;
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const parts = createSummaryParts();
  let bytes = 0; // raw bytes read since the last message, for progress
  try {
    const chunks = readFileChunks(message.file.path, (n) => (bytes += n), stop.signal);
    const input = {
      file: message.file.path,
      ...(message.file.logGroup === undefined ? {} : { logGroup: message.file.logGroup }),
      ...(message.file.logStream === undefined ? {} : { logStream: message.file.logStream }),
    };
    const step = runStep(chunks, input, message.options, parts, message.keepOpen, stop.signal);
    for (;;) {
      const next = await step.next();
      if (next.done) {
        post({ type: 'done', open: next.value, parts, bytes });
        return;
      }
      await takeCredit();
      post({ type: 'batch', ...next.value, bytes });
      bytes = 0;
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error), parts, bytes });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'credit') {
    credits += 1;
    const wake = waiting;
    waiting = null;
    wake?.();
  } else if (message.type === 'stop') {
    stop.abort();
  } else {
    credits = CREDIT_WINDOW;
    stop = new AbortController();
    void run(message);
  }
});
