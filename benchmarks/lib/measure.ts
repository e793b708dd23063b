/**
 * Times one command as a child process: wall-clock seconds, peak RSS (GNU `/usr/bin/time -f %M`), exit code,
 * the end of its stderr. Output goes to /dev/null; the child is killed (with its process group) at the timeout.
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One timed run. */
export interface Run {
  seconds: number;
  /** Peak resident set size in MB (largest process of the command), or null when it cannot be measured. */
  rssMB: number | null;
  exitCode: number | null;
  timedOut: boolean;
  /** The last 2 KB of stderr, for failures. */
  stderr: string;
}

const TIME = '/usr/bin/time';

// Process groups of the commands running now, so an interrupted benchmark can stop exactly what it started.
const running = new Set<number>();

/** Kills the process groups of the commands still running (for SIGINT/SIGTERM handlers). */
export function stopRunningCommands(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

/** True when GNU time is there to measure peak RSS. */
export function canMeasureRss(): boolean {
  return existsSync(TIME) && spawnSync(TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
}

/** The version line of a tool, or null when it is not installed. */
export function toolVersion(command: string, args: readonly string[] = ['--version']): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? (result.stdout || result.stderr).trim().split('\n')[0] ?? '' : null;
}

/** Every file under `path` (or `path` itself), sorted. */
export function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => listFiles(join(path, name)));
}

/**
 * Reads every file under `path` once so the timed run finds it in the page cache (pages idle for about a minute
 * were evicted on the machines of PERF-NOTES.md).
 */
export function warmPageCache(path: string): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const file of listFiles(path)) {
    const fd = openSync(file, 'r');
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    closeSync(fd);
  }
}

/**
 * Runs `command` once and measures it.
 *
 * @param timeoutSeconds - kill the command (its whole process group) after this long.
 * @example
 * const run = await timeCommand(['node', 'benchmarks/floor.mjs', 'x.ndjson'], 300, true);
 */
export async function timeCommand(command: readonly string[], timeoutSeconds: number, measureRss: boolean): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'trace403-bench-'));
  const rssFile = join(dir, 'rss');
  const argv = measureRss ? [TIME, '-f', '%M', '-o', rssFile, ...command] : [...command];
  const devNull = openSync('/dev/null', 'w');
  const started = performance.now();
  // detached: the child leads its own process group, so a timeout can stop it and everything it started.
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', devNull, 'pipe'], detached: true });
  if (child.pid !== undefined) running.add(child.pid);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => void (stderr = (stderr + text).slice(-2048)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }, timeoutSeconds * 1000);
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(timer);
  if (child.pid !== undefined) running.delete(child.pid);
  closeSync(devNull);
  let rssMB: number | null = null;
  if (measureRss && existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before the value on failures: take the last line.
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kb) && kb > 0) rssMB = kb / 1024;
  }
  rmSync(dir, { recursive: true, force: true });
  return { seconds, rssMB, exitCode: code, timedOut, stderr };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
