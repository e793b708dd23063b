#!/usr/bin/env node
/**
 * The `trace403` executable: process streams in, exit status out. All logic is in main.ts.
 * @module
 */
import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';

// V8 lets the old generation grow to several times what is live before a full collection; on 1 GB of NDJSON that
// made peak RSS 270 MB for 80 MB live, and growth with the input (what stays live grows until its caps: cache
// origins, recent request ids). A 20 % growth factor held it at about 200 MB, in the same time (benchmarks/NOTES.md).
// V8 reads this flag each time it sets the next limit, so setting it here, before the run, takes effect. The
// command line's own, not the SDK's: a library does not tune its host's heap.
setFlagsFromString('--heap-growing-percent=20');

const interrupt = new AbortController();
process.once('SIGINT', () => {
  // First Ctrl-C: stop reading, print what was read, exit 130. A second one exits at once.
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupt.signal,
});
process.exitCode = code;
// The report is written; a paused stdin or an idle worker must not keep the process alive after an early stop
// (EPIPE, SIGINT). Exit once stdout has taken everything.
if (process.stdout.writableLength === 0) process.exit(code);
process.stdout.once('drain', () => process.exit(code));
process.stdout.once('error', () => process.exit(code));
