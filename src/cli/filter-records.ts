/**
 * The CLI's record filters (`--cause`, `--denied`, `--since`, `--until`, `--api`, `--stage`, `--principal`). They
 * choose what is printed; the summary still counts everything read.
 * @module
 */
import type { RecordHead } from '../pipeline/serialized-record.js';
import type { Cause, TraceRecord } from '../types.js';

/** What to keep; every list is "any of", every field "all of". Empty lists keep everything. */
export interface RecordFilterOptions {
  causes: readonly Cause[];
  since: number | null;
  until: number | null;
  apis: readonly string[];
  stages: readonly string[];
  principals: readonly string[];
}

/** What a filter reads of a record: the record itself, or the head a worker sent with its NDJSON line. */
export type FilteredRecord = TraceRecord | RecordHead;

/** A predicate, and whether it can reject anything. */
export interface RecordFilter {
  (record: FilteredRecord): boolean;
  readonly active: boolean;
}

/**
 * Builds the predicate. A time bound applies to a trace's start time; a trace with no time is left out when a time
 * bound is set (it cannot be shown to be inside). A principal matches exactly, as a substring, or, when the log
 * masked it (`****abc123`), when the given value ends with the visible tail.
 * @example createRecordFilter({ causes: ['AUTHORIZER_CACHED_POLICY_DENY'], since: null, until: null, apis: [], stages: [], principals: [] })
 */
export function createRecordFilter(options: RecordFilterOptions): RecordFilter {
  const causes = new Set(options.causes);
  const { since, until, apis, stages, principals } = options;
  const active = causes.size > 0 || since !== null || until !== null || apis.length > 0 || stages.length > 0 || principals.length > 0;
  const keep = (record: FilteredRecord): boolean => {
    if (causes.size > 0 && !causes.has(record.cause)) return false;
    if (since !== null || until !== null) {
      const time = record.startTime === null ? Number.NaN : Date.parse(record.startTime);
      if (!Number.isFinite(time)) return false;
      if (since !== null && time < since) return false;
      if (until !== null && time > until) return false;
    }
    if (apis.length > 0 && (record.apiId === null || !apis.includes(record.apiId))) return false;
    if (stages.length > 0 && (record.stage === null || !stages.includes(record.stage))) return false;
    if (principals.length > 0) {
      const logged = 'principal' in record ? record.principal : (record.authorizer?.principal ?? null);
      if (logged === null || !principals.some((wanted) => matchPrincipal(logged, wanted))) return false;
    }
    return true;
  };
  return Object.assign(keep, { active });
}

/**
 * True when a principal as logged (maybe masked) is the one the user asked for.
 * @example matchPrincipal('****user42', 'alice-user42') // true: masked, and the visible tail matches
 */
export function matchPrincipal(logged: string, wanted: string): boolean {
  if (wanted === '') return false;
  if (logged === wanted || logged.includes(wanted)) return true;
  let stars = 0;
  while (stars < logged.length && logged.charCodeAt(stars) === 42) stars++;
  const tail = logged.slice(stars);
  return stars > 0 && tail.length > 0 && wanted.endsWith(tail);
}
