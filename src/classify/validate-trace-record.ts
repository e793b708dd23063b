import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

// The schema ships in the package as schema/trace.schema.json (`trace403/schema.json`); src/classify and
// dist/classify sit at the same depth, so one relative URL finds it from both. Read and compiled once, on first
// use rather than at load: classify/index.js re-exports this, so every run (and every worker) paid the ~45 ms
// compile at startup (measured: importing this module took 40–50 ms) though only tests and SDK users validate.
let validate: ValidateFunction | null = null;

function compileValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL('../../schema/trace.schema.json', import.meta.url), 'utf8')) as object;
  return new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
}

/**
 * Checks a record against the published JSON Schema of trace403's output. The schema is compiled on the first
 * call (~45 ms) and kept.
 * @returns one message per violation (`/authorizer/cached must be boolean`); empty when the record is valid.
 * @example validateTraceRecord(classifyTrace(trace)) // []
 */
export function validateTraceRecord(record: unknown): string[] {
  validate ??= compileValidator();
  if (validate(record)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(record)'} ${e.message ?? 'is invalid'}${
    e.keyword === 'additionalProperties' ? `: ${String(e.params['additionalProperty'])}` : ''}`);
}
