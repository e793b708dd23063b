/**
 * The manifest written beside every generated archive: what it holds (events, traces, causes, oddities), so the
 * runner can turn seconds into events/s and traces/s, and reuse an archive made with the same seed and size.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Cause } from '../../src/types.js';
import type { Outcome } from './request-spec.js';
import type { ArchiveForm } from './sinks.js';

/** Bumped whenever the generator's output changes for a given seed, so stale archives get regenerated. */
export const GENERATOR_VERSION = 1;

/** Everything known about a generated archive. */
export interface ArchiveManifest {
  generatorVersion: number;
  form: ArchiveForm;
  seed: number;
  /** The requested size (uncompressed bytes); the archive ends a little after it, when open requests finish. */
  targetBytes: number;
  fileBytes: number;
  streams: number;
  /** Uncompressed text bytes (what jq or a parser reads after gunzip). */
  textBytes: number;
  diskBytes: number;
  files: number;
  /** Newline bytes in the uncompressed text (what the floor counts). */
  newlines: number;
  events: number;
  /** Requests, i.e. traces a correct reader should find. */
  traces: number;
  cacheHits: number;
  byOutcome: Partial<Record<Outcome, number>>;
  byCause: Partial<Record<Cause, number>>;
  multiLineEvents: number;
  truncatedEvents: number;
  nonAsciiEvents: number;
  /** Events written later than events that follow them in time (local disorder, as exports have). */
  disorderedEvents: number;
  maxOpenRequests: number;
  firstEvent: string;
  lastEvent: string;
}

/** `<out>.manifest.json`: beside the archive, never inside a directory archive (it would be read as input). */
export function manifestPathOf(out: string): string {
  let path = out;
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${path}.manifest.json`;
}

/**
 * Reads the manifest of `out`, or null when there is none or it does not parse.
 *
 * @example
 * readManifest('benchmarks/data/ndjson-200MB-s42.ndjson')?.events;
 */
export function readManifest(out: string): ArchiveManifest | null {
  const path = manifestPathOf(out);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ArchiveManifest;
  } catch {
    return null;
  }
}
