import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

// The schema ships in the package as schema/trace.schema.json (`trace403/schema.json`); src/classify and
// dist/classify sit at the same depth, so one relative URL finds it from both. Read and compiled once, at load.
const schema = JSON.parse(readFileSync(new URL('../../schema/trace.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);

/**
 * Checks a record against the published JSON Schema of trace403's output.
 * @returns one message per violation (`/authorizer/cached must be boolean`); empty when the record is valid.
 * @example validateTraceRecord(classifyTrace(trace)) // []
 */
export function validateTraceRecord(record: unknown): string[] {
  if (validate(record)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(record)'} ${e.message ?? 'is invalid'}${
    e.keyword === 'additionalProperties' ? `: ${String(e.params['additionalProperty'])}` : ''}`);
}
