/**
 * The benchmark runner (`npm run bench`): generates or reuses one archive per form, warms the page cache, and
 * times, each as a child process, median of 3: the floor (read + count newlines), `jq` where it applies, and
 * trace403 on one thread (`-j 1`). Then the worker threads: two directories (the S3 export and the NDJSON archive
 * cut into 4 files) read with `-j 1` pinned to one core (taskset), `-j 1` and `-j 2` on two, and two `-j 1`
 * processes at once on half the files each (the machine's ceiling). Prints markdown tables and writes
 * `benchmarks/data/results/latest.json`.
 *
 *   node --import tsx benchmarks/run.ts [--size 200MB] [--seed 42] [--forms ndjson,filter-log-events,s3-gz,firehose]
 *     [--runs 3] [--timeout 600] [--skip-jq] [--memory] [--cli dist/cli/bin.js]
 *
 * `--memory` adds the memory-flatness check: trace403's peak RSS on 100 MB and on 1 GB of NDJSON.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listInputFiles, type InputFile } from '../src/decode/index.js';
import { defaultConcurrency } from '../src/pipeline/analyze.js';
import { formatConcurrencyTable, formatMemoryTable, formatThroughputTable, summarise, type ToolResult } from './lib/bench-report.js';
import { generateArchive } from './lib/generate-archive.js';
import { GENERATOR_VERSION, readManifest, type ArchiveManifest } from './lib/manifest.js';
import { canMeasureRss, listFiles, stopRunningCommands, timeCommand, toolVersion, warmPageCache, type Run } from './lib/measure.js';
import { formatSize, parseSize } from './lib/size.js';
import { ARCHIVE_FORMS, type ArchiveForm } from './lib/sinks.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '200MB' },
    seed: { type: 'string', default: '42' },
    forms: { type: 'string', default: ARCHIVE_FORMS.join(',') },
    runs: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '600' },
    'file-size': { type: 'string', default: '16MB' },
    data: { type: 'string', default: 'benchmarks/data' },
    'skip-jq': { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    cli: { type: 'string', default: 'dist/cli/bin.js' },
  },
});
const size = parseSize(values.size);
const seed = Number(values.seed);
const runs = Number(values.runs);
const timeout = Number(values.timeout);
const fileBytes = parseSize(values['file-size']);
const forms = values.forms.split(',').map((f) => f.trim()) as ArchiveForm[];
for (const form of forms) if (!ARCHIVE_FORMS.includes(form)) throw new TypeError(`--forms: unknown form ${form}`);
if (!Number.isInteger(runs) || runs < 1) throw new TypeError('--runs: a positive integer');

const CLI = values.cli;
const notes: string[] = [];
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const measureRss = canMeasureRss();
if (!measureRss) notes.push('peak RSS not measured: GNU /usr/bin/time is not installed');
const jqVersion = values['skip-jq'] ? null : toolVersion('jq');
if (jqVersion === null) notes.push(values['skip-jq'] ? 'jq skipped (--skip-jq)' : 'jq skipped: not installed');
const hasCli = existsSync(CLI);
if (!hasCli) notes.push(`trace403 not timed: ${CLI} does not exist yet (npm run build once the CLI is written); floors and jq only`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopRunningCommands();
    process.exit(130);
  });
}

const EXTENSION: Record<ArchiveForm, string> = { ndjson: '.ndjson', 'filter-log-events': '.json', 's3-gz': '', firehose: '' };

/** Generates the archive unless one with the same generator version, seed and sizes is already there. */
async function ensureArchive(form: ArchiveForm, bytes: number): Promise<{ path: string; manifest: ArchiveManifest }> {
  const path = join(values.data, `${form}-${formatSize(bytes)}-s${seed}${EXTENSION[form]}`);
  const found = readManifest(path);
  if (
    found !== null && existsSync(path) && found.generatorVersion === GENERATOR_VERSION && found.seed === seed &&
    found.targetBytes === bytes && found.fileBytes === fileBytes
  ) {
    log(`reusing ${path}`);
    return { path, manifest: found };
  }
  log(`generating ${path} …`);
  const manifest = await generateArchive({ form, out: path, targetBytes: bytes, seed, fileBytes, force: true });
  return { path, manifest };
}

/** The commands timed on one archive, floor first. */
function commandsFor(form: ArchiveForm, path: string): [string, string[]][] {
  const list: [string, string[]][] = [['floor (read + count newlines)', ['node', 'benchmarks/floor.mjs', path]]];
  if (jqVersion !== null) {
    if (form === 'ndjson') list.push(['jq -c .', ['jq', '-c', '.', path]]);
    if (form === 'filter-log-events') list.push(["jq -c '.events[]'", ['jq', '-c', '.events[]', path]]);
    if (form === 'firehose') {
      list.push(["gzip -dc | jq -c '.logEvents[]'", ['sh', '-c', 'gzip -dc -- "$@" | jq -c ".logEvents[]"', 'sh', ...listFiles(path)]]);
    }
  }
  // One thread: the throughput targets are single-core (the S3 export is a directory, which the default would
  // read with every core).
    if (hasCli) list.push(['trace403 -j 1', cliCommand(1, [path])]);
  return list;
}

/** trace403 as every row times it: the full analysis written as NDJSON, no progress bar, `-j threads`. */
function cliCommand(threads: number, inputs: readonly string[]): string[] {
  return ['node', CLI, '--format', 'ndjson', '--no-progress', '-j', String(threads), ...inputs];
}

const hasTaskset = toolVersion('taskset', ['--version']) !== null;
if (!hasTaskset) notes.push('the one-core run of the worker table needs taskset (util-linux): skipped');

/**
 * The worker-thread comparison on a directory: one thread on one core, one thread and two threads on every core.
 * "(the default here)" marks the unpinned row whose `-j` trace403 picks for this directory on this machine, asked
 * of the code that picks it: defaultConcurrency counts bytes on disk, so the 200 MB S3 export (16 MB of `.gz`,
 * under its 32 MiB threshold) gets one thread, not the two a hand-written label claimed. No row when it is neither.
 */
function concurrencyCommands(path: string, files: InputFile[]): [string, string[]][] {
  const run = (j: number): string[] => cliCommand(j, [path]);
  const cores = availableParallelism();
  const fallback = defaultConcurrency(files, cores);
  const label = (j: number): string => `-j ${j}, ${cores} core${cores === 1 ? '' : 's'}${j === fallback ? ' (the default here)' : ''}`;
  const list: [string, string[]][] = [];
  if (hasTaskset) list.push(['-j 1, 1 core (taskset -c 0)', ['taskset', '-c', '0', ...run(1)]]);
  list.push([label(1), run(1)], [label(2), run(2)]);
    if (cores >= 2) list.push(['ceiling: 2 processes of -j 1, half the files each (RSS: the larger one)', twoHalves(files)]);
  return list;
}

/**
 * What two cores can give at most: two independent `-j 1` processes at once, each on half the files (balanced by
 * size). No thread shares anything with the other, so nothing in trace403's worker design is in this time; the
 * gap between it and one process is the machine's (both cores busy with allocation-heavy code run slower than one
 * alone, which has the other core for garbage collection and zlib). Requests cut between the halves are not joined
 * here, so the output differs; only its time is of interest.
 */
function twoHalves(files: readonly InputFile[]): string[] {
  const halves: { bytes: number; files: string[] }[] = [{ bytes: 0, files: [] }, { bytes: 0, files: [] }];
  for (const { path: file, size } of [...files].sort((a, b) => b.size - a.size)) {
    const lighter = halves[0]!.bytes <= halves[1]!.bytes ? halves[0]! : halves[1]!;
    lighter.bytes += size;
    lighter.files.push(file);
  }
  const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;
    const one = (list: string[]): string => cliCommand(1, list).map(quote).join(' ');
  return ['sh', '-c', `${one(halves[0]!.files)} >/dev/null & ${one(halves[1]!.files)} >/dev/null; status=$?; wait $! || exit 1; exit $status`];
}

/**
 * The NDJSON archive cut into `parts` files at line boundaries, beside it (once): a directory of plain files for
 * the worker table, next to the S3 export's gzip ones.
 */
function splitNdjson(path: string, parts: number): string {
  const dir = `${path}.${parts}-files`;
  const done = join(dir, '.complete');
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(path);
  let from = 0;
  for (let k = 0; k < parts; k++) {
    let to = k === parts - 1 ? text.length : Math.floor((text.length * (k + 1)) / parts);
    while (to < text.length && text[to - 1] !== 10) to++;
    writeFileSync(join(dir, `part-${k}.ndjson`), text.subarray(from, to));
    from = to;
  }
  writeFileSync(done, '');
  return dir;
}

/** Times every command `runs` times, interleaved (run 1 of each, then run 2…) so drift hits all alike. */
async function timeAll(form: string, path: string, commands: [string, string[]][], count: number): Promise<Map<string, Run[]>> {
  const results = new Map<string, Run[]>(commands.map(([label]) => [label, []]));
  for (let i = 0; i < count; i++) {
    for (const [label, command] of commands) {
      const previous = results.get(label) as Run[];
      if (previous.some((r) => r.exitCode !== 0 || r.timedOut)) continue; // failed once: do not spend more time on it
      warmPageCache(path);
      const run = await timeCommand(command, timeout, measureRss);
      previous.push(run);
      log(`  ${form} · ${label} · run ${i + 1}: ${run.seconds.toFixed(2)} s, ${run.rssMB?.toFixed(0) ?? '?'} MB${run.exitCode === 0 ? '' : ` (exit ${run.exitCode})`}`);
    }
  }
  return results;
}

const throughput: ToolResult[] = [];
const concurrency: ToolResult[] = [];
const archives: Record<string, ArchiveManifest> = {};
for (const form of forms) {
  const { path, manifest } = await ensureArchive(form, size);
  archives[form] = manifest;
  const commands = commandsFor(form, path);
  const timed = await timeAll(form, path, commands, runs);
  const floor = summarise(form, commands[0]?.[0] ?? 'floor', commands[0]?.[1] ?? [], timed.get(commands[0]?.[0] ?? '') ?? [], manifest, null);
  for (const [label, command] of commands) throughput.push(summarise(form, label, command, timed.get(label) ?? [], manifest, floor.seconds));
  if (form === 's3-gz') notes.push(`s3-gz: ${manifest.files} objects (the CLI reads the .gz ones, not aws-logs-write-test); jq does not apply (gzip text lines, not JSON)`);
  if (hasCli && (form === 's3-gz' || form === 'ndjson')) {
    const dir = form === 's3-gz' ? path : splitNdjson(path, 4);
        // The files the CLI itself reads in the directory (it skips the export's aws-logs-write-test).
    const files = await listInputFiles([dir]);
    const label = form === 's3-gz' ? `s3-gz (${files.length} .gz files)` : 'ndjson (4 files)';
    const commands = concurrencyCommands(dir, files);
    const timed = await timeAll(label, dir, commands, runs);
    for (const [tool, command] of commands) concurrency.push(summarise(label, tool, command, timed.get(tool) ?? [], manifest, null));
  }
}

const memory: ToolResult[] = [];
if (values.memory) {
  for (const bytes of [100_000_000, 1_000_000_000]) {
    const { path, manifest } = await ensureArchive('ndjson', bytes);
    const commands = commandsFor('ndjson', path).filter(([label]) => label.startsWith('floor') || label.startsWith('trace403'));
    const timed = await timeAll(`ndjson ${formatSize(bytes)}`, path, commands, 1);
    for (const [label, command] of commands) {
      memory.push(summarise(`ndjson ${formatSize(bytes)}`, label, command, timed.get(label) ?? [], manifest, null));
    }
  }
  const rss = memory.filter((r) => r.tool.startsWith('trace403')).map((r) => r.peakRssMB);
  if (rss.length === 2 && rss[0] != null && rss[1] != null) {
    notes.push(`memory: trace403 peak RSS ${rss[0].toFixed(0)} MB on 100 MB, ${rss[1].toFixed(0)} MB on 1 GB (x${(rss[1] / rss[0]).toFixed(2)})`);
  }
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 1e9), node: process.version, jq: jqVersion, loadavg: loadavg() };
const results = { date: new Date().toISOString(), machine, options: { size, seed, runs, fileBytes, forms }, archives, throughput, concurrency, memory, notes };
mkdirSync(join(values.data, 'results'), { recursive: true });
writeFileSync(join(values.data, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

const sections = [
  `## Throughput: ${formatSize(size)} of uncompressed text per form, seed ${seed}, median of ${runs}, warm page cache`,
  '',
  `${machine.cpus} × ${machine.cpu}, Node ${machine.node}${jqVersion === null ? '' : `, ${jqVersion}`}. MB/s counts uncompressed text; events and traces come from the generator's manifest; "x floor" is time over the floor's time on the same input.`,
  '',
  formatThroughputTable(throughput),
];
if (concurrency.length > 0) sections.push('', '## Worker threads: directories, one core against two', '', formatConcurrencyTable(concurrency));
if (memory.length > 0) sections.push('', '## Memory flatness (NDJSON, one run each)', '', formatMemoryTable(memory));
if (notes.length > 0) sections.push('', ...notes.map((n) => `- ${n}`));
process.stdout.write(`${sections.join('\n')}\n\nresults: ${join(values.data, 'results', 'latest.json')}\n`);
