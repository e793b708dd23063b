/**
 * Expand the paths a user gave into the files to decode.
 * @module
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiagnosticHandler } from '../types.js';
import { readPathHints } from './read-path-hints.js';

/** One file to decode, with what its path says about its events. */
export interface InputFile {
  /** The path (as given, or joined under a given directory); `-` is standard input. */
  path: string;
  /** Size on disk in bytes (compressed size for `.gz`); 0 for standard input. */
  size: number;
  logGroup?: string;
  logStream?: string;
}

/** The object CloudWatch writes under an export prefix to test its permission: not logs (inferred). */
const WRITE_TEST_MARKER = 'aws-logs-write-test';

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * Expand files and directories (recursively, entries sorted by name in code-point order, so the result is the same on
 * every machine). Skips dotfiles and the `aws-logs-write-test` marker; reads the log group and stream of each file
 * from its path (see read-path-hints.ts). A path that cannot be read becomes an UNREADABLE_FILE diagnostic, never a
 * throw. `-` (standard input) is passed through.
 *
 * @example
 * const files = await listInputFiles(['./exported-logs/'], { onDiagnostic: console.error });
 */
export async function listInputFiles(
  paths: string[],
  options: { onDiagnostic?: DiagnosticHandler } = {},
): Promise<InputFile[]> {
  if (!Array.isArray(paths)) throw new TypeError('Argument "paths" must be an array of strings');
  const files: InputFile[] = [];
  const visited = new Set<string>();
  const unreadable = (path: string, error: unknown): void => {
    options.onDiagnostic?.({
      code: 'UNREADABLE_FILE',
      severity: 'error',
      message: `Cannot read ${JSON.stringify(path)} (${errorText(error)})`,
      source: { file: path },
    });
  };

  async function visit(path: string, explicit: boolean): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      unreadable(path, error);
      return;
    }
    if (info.isDirectory()) {
      let real: string;
      let entries: string[];
      try {
        real = await realpath(path);
        entries = (await readdir(path)).sort(compareCodePoints);
      } catch (error) {
        unreadable(path, error);
        return;
      }
      if (visited.has(real)) return; // a symlink loop, or the same folder given twice
      visited.add(real);
      for (const entry of entries) {
        if (entry.startsWith('.') || entry === WRITE_TEST_MARKER) continue;
        await visit(join(path, entry), false);
      }
      return;
    }
    if (!info.isFile()) {
      if (explicit && (info.isFIFO() || info.isCharacterDevice())) files.push({ path, size: 0 }); // <(cmd), /dev/stdin
      return;
    }
    files.push({ path, size: info.size, ...readPathHints(path) });
  }

  for (const path of paths) {
    if (typeof path !== 'string') throw new TypeError('Argument "paths" must be an array of strings');
    if (path === '-') files.push({ path, size: 0 });
    else await visit(path, true);
  }
  return files;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
