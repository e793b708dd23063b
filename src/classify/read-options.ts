import type { ClassifyOptions } from './types.js';

/** {@link ClassifyOptions} with defaults applied and checked. */
export interface ClassifySettings {
  ttlMs: number;
  redact: boolean;
  maxPending: number;
  maxOrigins: number;
  settleHitsAtFlush: boolean;
}

export const DEFAULT_TTL_SECONDS = 300;
export const DEFAULT_MAX_PENDING = 10_000;
export const DEFAULT_MAX_ORIGINS = 20_000;

/**
 * Applies defaults and checks the options. A wrong option is a programming error: it throws a TypeError that
 * names it.
 * @example readClassifyOptions({ ttlSeconds: 60 }).ttlMs // 60000
 */
export function readClassifyOptions(options: ClassifyOptions | undefined): ClassifySettings {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') throw new TypeError('classify: `options` must be an object');
  const ttl = integer('ttlSeconds', options.ttlSeconds, DEFAULT_TTL_SECONDS, 0, 3600);
  for (const name of ['redact', 'settleHitsAtFlush'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') {
      throw new TypeError(`classify: \`${name}\` must be a boolean; got ${String(options[name])}`);
    }
  }
  return {
    ttlMs: ttl * 1000,
    redact: options.redact ?? true,
    maxPending: integer('maxPending', options.maxPending, DEFAULT_MAX_PENDING, 0, 10_000_000),
    maxOrigins: integer('maxOrigins', options.maxOrigins, DEFAULT_MAX_ORIGINS, 0, 10_000_000),
    settleHitsAtFlush: options.settleHitsAtFlush ?? false,
  };
}

/**
 * The classifier's options out of a larger options object (analyze's, the collector's), without the keys it
 * leaves unset: one place, so this thread's classifier and the workers' are built from the same ones.
 * @example pickClassifyOptions({ ttlSeconds: 60, graceMs: 10 }) // { ttlSeconds: 60 }
 */
export function pickClassifyOptions(options: Pick<ClassifyOptions, 'ttlSeconds' | 'redact'>): ClassifyOptions {
  return {
    ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    ...(options.redact === undefined ? {} : { redact: options.redact }),
  };
}

function integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`classify: \`${name}\` must be an integer from ${min} to ${max}; got ${String(value)}`);
  }
  return value;
}
