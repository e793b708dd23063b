/**
 * What each stage costs, in one warm process: the per-stage figures README.md and NOTES.md quote (ms to decode
 * 50 MB, ns per event for reassembly, µs per request for extraction, classification and the record) come from here.
 *
 *   node --import tsx benchmarks/stages.ts [--input benchmarks/data/ndjson-200MB-s42.ndjson] [--mb 50] [--runs 5]
 *
 * The input is NDJSON (one event per line), read into memory up to its first `--mb` megabytes (cut at a line end)
 * and handed over in 64 KiB parts, as the file reader does; without `--input` it is the benchmark's 200 MB archive
 * when it exists, else 50 MB generated into benchmarks/data. Five cumulative stage sets run through the code the CLI
 * runs, each `--runs` times, interleaved, and the fastest run of each is kept (warm: the JIT has settled, and the
 * disk is out of it). A stage's cost is the difference between its set and the one before: the stages are fused
 * (events go from the decoder straight into the reassembler, traces are extracted as they close), so they cannot
 * be timed alone, only added one at a time.
 * @module
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClassifier } from '../src/classify/index.js';
import { decodeChunks } from '../src/decode/index.js';
import type { EventSink } from '../src/decode/event-sink.js';
import { giveReadBuffer } from '../src/decode/read-buffers.js';
import { runStep } from '../src/pipeline/run-step.js';
import { createEventGrouper } from '../src/reassemble/group-events.js';
import { readReassembleOptions } from '../src/reassemble/read-options.js';
import { stringifyRecord } from '../src/report/format-ndjson.js';
import { createSummaryParts } from '../src/summary/index.js';
import type { DecodeStats, TraceRecord } from '../src/types.js';
import { generateArchive } from './lib/generate-archive.js';
import { GENERATOR_VERSION, readManifest } from './lib/manifest.js';

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    mb: { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
    data: { type: 'string', default: 'benchmarks/data' },
  },
});
const megabytes = Number(values.mb);
const runs = Number(values.runs);
if (!(megabytes > 0)) throw new TypeError('--mb: a positive number of megabytes (1 MB = 10^6 bytes)');
if (!Number.isInteger(runs) || runs < 1) throw new TypeError('--runs: a positive integer');
const log = (text: string): void => void process.stderr.write(`${text}\n`);

/** What one run of a stage set saw: every run of every set must see the same, or they timed different work. */
interface Seen {
  events: number;
  /** Null for the decode-only set, which makes no traces. */
  traces: number | null;
}

/** A stage set: the stages it runs, what it adds, and the run itself. */
interface StageSet {
  name: string;
  adds: string;
  /** The count its cost is divided by. */
  per: 'event' | 'trace';
  run(chunks: readonly Buffer[]): Promise<Seen>;
}

/** The benchmark's archive when there is one; else 50 MB of it, generated once (the generator is deterministic). */
async function defaultInput(): Promise<string> {
  const big = join(values.data, 'ndjson-200MB-s42.ndjson');
  if (existsSync(big)) return big;
  const path = join(values.data, 'ndjson-50MB-s42.ndjson');
  const found = readManifest(path);
  if (existsSync(path) && found?.generatorVersion === GENERATOR_VERSION && found.seed === 42) return path;
  log(`generating ${path} …`);
  await generateArchive({ form: 'ndjson', out: path, targetBytes: 50_000_000, seed: 42, force: true });
  return path;
}

/** The first `bytes` of the file, cut after its last whole line, so no event is cut in half (a malformed record). */
function readHead(path: string, bytes: number): Buffer {
  const length = Math.min(bytes, statSync(path).size);
  const buffer = Buffer.allocUnsafe(length);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < length) {
      const n = readSync(fd, buffer, at, length - at, at);
      if (n === 0) break;
      at += n;
    }
    const end = buffer.lastIndexOf(10, at - 1) + 1;
    return buffer.subarray(0, end > 0 ? end : at);
  } finally {
    closeSync(fd);
  }
}

async function* replay(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

/** Drains decodeChunks as runStep does (one await per chunk; the events go to the sink) and returns its stats. */
async function decodeInto(chunks: readonly Buffer[], sink: EventSink): Promise<DecodeStats> {
  const batches = decodeChunks(replay(chunks), { file: 'input', format: 'auto', onDiagnostic: () => {} }, sink);
  for (;;) {
    const next = await batches.next();
    if (next.done) return next.value;
  }
}

/** Decode only: a sink that takes both kinds of event, as the step's does, so the fast decoders run. */
async function decodeOnly(chunks: readonly Buffer[]): Promise<Seen> {
  let events = 0;
  const stats = await decodeInto(chunks, { event: () => void events++, bytes: () => void events++ });
  if (events !== stats.events) throw new Error(`decode: the sink saw ${events} events, the stats say ${stats.events}`);
  return { events, traces: null };
}

/** Decode and reassemble, wired as runStep wires them; each trace is dropped (recycled) as it closes. */
async function decodeAndReassemble(chunks: readonly Buffer[]): Promise<Seen> {
  const grouper = createEventGrouper(readReassembleOptions({ onDiagnostic: () => {} }), 'input', () => {}, giveReadBuffer);
  const stats = await decodeInto(chunks, { event: (e) => grouper.pushEvent(e), bytes: (e) => grouper.pushBytes(e) });
  grouper.flush();
  return { events: stats.events, traces: grouper.stats.traces };
}

/**
 * runStep itself (decode, reassemble, extract: the CLI's per-input step with one input), then optionally the
 * classifier and the NDJSON record, batch by batch as runOneStep hands them on. Not timed: the collector's
 * duplicate check and summary counters, a few Map operations per trace.
 */
async function throughStep(chunks: readonly Buffer[], classify: boolean, stringify: boolean): Promise<Seen> {
  const parts = createSummaryParts();
  const classifier = classify ? createClassifier() : null;
  let traces = 0;
  let written = 0;
  const write = (records: TraceRecord[]): void => {
    if (stringify) for (const record of records) written += stringifyRecord(record).length;
  };
  for await (const batch of runStep(replay(chunks), { file: 'input' }, { format: 'auto' }, parts, false)) {
    traces += batch.traces.length;
    if (classifier !== null) write(classifier.push(batch.traces));
  }
  if (classifier !== null) write(classifier.flush());
  if (stringify && written === 0 && traces > 0) throw new Error('stringify: no record was written');
  return { events: parts.decoded.events, traces };
}

const SETS: StageSet[] = [
  { name: 'decode', adds: 'decode', per: 'event', run: decodeOnly },
  { name: '+ reassemble', adds: 'reassembly', per: 'event', run: decodeAndReassemble },
  { name: '+ extract (runStep)', adds: 'extraction', per: 'trace', run: (c) => throughStep(c, false, false) },
  { name: '+ classify', adds: 'classification', per: 'trace', run: (c) => throughStep(c, true, false) },
  { name: '+ stringify', adds: 'NDJSON record', per: 'trace', run: (c) => throughStep(c, true, true) },
];

/** Runs every set `runs` times, interleaved (drift hits all alike), and keeps each one's fastest time. */
async function timeSets(chunks: readonly Buffer[]): Promise<{ best: number[]; events: number; traces: number }> {
  const best = SETS.map(() => Infinity);
  let seen: Seen | null = null;
  for (let round = 0; round < runs; round++) {
    for (const [k, set] of SETS.entries()) {
      const started = performance.now();
      const got = await set.run(chunks);
      const ms = performance.now() - started;
      best[k] = Math.min(best[k]!, ms);
      seen = agree(seen, got, set.name);
      log(`  round ${round + 1} · ${set.name}: ${ms.toFixed(1)} ms`);
    }
  }
  return { best, events: seen?.events ?? 0, traces: seen?.traces ?? 0 };
}

/** The counts the sets saw so far, checked against one more run, and kept. */
function agree(seen: Seen | null, got: Seen, name: string): Seen {
  if (seen === null) return got;
  if (got.events !== seen.events) throw new Error(`${name} saw ${got.events} events, an earlier set ${seen.events}`);
  if (got.traces !== null && seen.traces !== null && got.traces !== seen.traces) {
    throw new Error(`${name} saw ${got.traces} traces, an earlier set ${seen.traces}`);
  }
  return { events: seen.events, traces: seen.traces ?? got.traces };
}

/** The markdown table: each set's time, and what the stage it adds costs per event or per trace. */
function formatTable(best: readonly number[], events: number, traces: number): string {
  const rows = SETS.map((set, k) => {
    const added = best[k]! - (k === 0 ? 0 : best[k - 1]!);
    const cost = set.per === 'event' ? `${((added * 1e6) / events).toFixed(0)} ns per event` : `${((added * 1e3) / traces).toFixed(1)} µs per trace`;
    return `| ${set.name} | ${best[k]!.toFixed(1)} | ${set.adds}: ${added.toFixed(1)} ms, ${cost} |`;
  });
  return [`| stage set | ms (fastest of ${runs}) | the stage it adds |`, '|---|---:|---|', ...rows].join('\n');
}

const input = values.input ?? (await defaultInput());
const text = readHead(input, megabytes * 1e6);
// One chunk: decodeChunks hands it to the decoder in 64 KiB parts, as the file reader would (pushInParts).
const chunks = [text];
log(`${input}: ${(text.length / 1e6).toFixed(1)} MB in ${chunks.length} chunks, ${runs} rounds`);
const { best, events, traces } = await timeSets(chunks);
const perTrace = ((best[SETS.length - 1]! - best[1]!) * 1e3) / traces;
process.stdout.write(
  [
    `## Stage costs: ${(text.length / 1e6).toFixed(1)} MB of ${input}, one process, warm`,
    '',
    `${events} events, ${traces} traces. Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
    '',
    formatTable(best, events, traces),
    '',
    `Extraction, classification and the record together: ${perTrace.toFixed(1)} µs per trace; decode ${((text.length / 1e6) / (best[0]! / 1e3)).toFixed(0)} MB/s.`,
    '',
  ].join('\n'),
);
