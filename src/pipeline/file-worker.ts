/**
 * Worker-thread entry: runs the per-file step on the files the main thread sends, one at a time, classifies
 * what needs no other file, and posts back records in batches. Holds no state between files.
 */
import { parentPort } from 'node:worker_threads';
import { createLocalClassifier } from '../classify/index.js';
import { stringifyRecord } from '../report/format-ndjson.js';
import { makeHead } from './serialized-record.js';
import { createSummaryParts } from '../summary/index.js';
import { readFileChunks } from './read-file.js';
import { stepInputOf } from './run-one-step.js';
import { runStep } from './run-step.js';
import { CREDIT_WINDOW, postPiece, type FromWorker, type ToWorker, type WorkerItem } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('file-worker must run as a worker thread');

/** Idle time before a closing worker exits. */
const CLOSE_AFTER_MS = 20;

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
    const step = runStep(chunks, stepInputOf(message.file), message.options, parts, message.keepOpen, stop.signal);
    // Classifying here keeps the main thread to what needs every file (cache hits, duplicates, pieces): with
    // traces classified there, two workers were slower than one thread (benchmarks/NOTES.md).
    const classify = createLocalClassifier(message.classify);
    for (;;) {
      const next = await step.next();
      if (next.done) {
        // Whole pieces cross whole, their events made (a kept trace's store cannot be posted): see postPiece.
        post({ type: 'done', open: next.value.map(postPiece), parts, bytes });
        return;
      }
      const items: WorkerItem[] = [];
      for (const trace of next.value.traces) {
        const { record, origin } = classify(trace);
        if (record === null) items.push({ held: trace });
        else {
          // Records are already redacted (when the run redacts): written as they are.
          const out = message.serialize ? { serialized: true as const, head: makeHead(record), json: stringifyRecord(record, { redact: false }) } : record;
          items.push({ record: out, origin, print: trace.print, start: trace.startTime, end: trace.endTime, lineCount: trace.lineCount });
        }
      }
      await takeCredit();
      post({ type: 'batch', items, pieces: next.value.pieces, diagnostics: next.value.diagnostics, bytes });
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
  } else if (message.type === 'close') {
    // Exit by emptying the event loop, after a pause long enough for V8's background compile jobs to finish
    // (see closeWorker in run-in-workers.ts).
    setTimeout(() => port.close(), CLOSE_AFTER_MS);
  } else {
    credits = CREDIT_WINDOW;
    stop = new AbortController();
    void run(message);
  }
});
