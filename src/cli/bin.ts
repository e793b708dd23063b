#!/usr/bin/env node
/**
 * The `trace403` executable: process streams in, exit status out. All logic is in main.ts.
 * @module
 */
import { main } from './main.js';

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
