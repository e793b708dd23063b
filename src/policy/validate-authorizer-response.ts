import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { AUTHORIZER_RESPONSE_SCHEMA } from './authorizer-response-schema.js';
import { conformsToAuthorizerSchema } from './conforms-to-schema.js';
import type { AuthorizerResponseCheck } from './types.js';

// ajv is loaded and the validator compiled on first use, and only for an answer the hand-written check below does
// not pass (a crashed or broken authorizer): importing ajv measured 40 ms and compiling 38 ms, paid by every run
// that saw one fresh answer, where nearly every answer is valid and the check takes a microsecond. ajv is
// CommonJS, so it loads synchronously here, inside a synchronous classifier.
let compiled: ValidateFunction | null = null;
function getValidator(): ValidateFunction {
  if (compiled === null) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    compiled = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(AUTHORIZER_RESPONSE_SCHEMA);
  }
  return compiled;
}

/**
 * Checks an authorizer's answer against the documented response shape, and says what API Gateway makes of it:
 * `null` → `Could not parse policy`; an unknown top-level field (a crashed Lambda's `errorType`, `errorMessage`,
 * a proxy-style `statusCode`) → `Invalid JSON in response: Unrecognized field "errorType" , not marked as
 * ignorable` (the log's own wording, space before the comma included). Context values that are objects or arrays
 * pass the authorizer phase and break the integration later: they are warnings, not errors.
 *
 * @param value - the parsed result body.
 * @example
 * validateAuthorizerResponse({ errorType: 'TypeError', errorMessage: 'x is undefined' })
 * // { valid: false, configurationError: 'Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable', … }
 */
export function validateAuthorizerResponse(value: unknown): AuthorizerResponseCheck {
  if (value === null) {
    return { valid: false, configurationError: 'Could not parse policy', errors: ['the answer is null'], warnings: [] };
  }
  // A valid answer has only string, number and boolean context values: nothing to warn about either.
  if (conformsToAuthorizerSchema(value)) return { valid: true, configurationError: null, errors: [], warnings: [] };
  const warnings = warnAboutContext(value);
  const validate = getValidator();
  if (validate(value)) return { valid: true, configurationError: null, errors: [], warnings };
  const all = validate.errors ?? [];
  // Context values are reported as warnings above; they do not make the answer invalid for API Gateway.
  const errors = unique(all.filter(isWorthSaying).map(describe));
  const unknown = all.find((e) => e.keyword === 'additionalProperties' && e.instancePath === '');
  const field = unknown ? String(unknown.params['additionalProperty']) : null;
  const configurationError = field === null ? null : `Invalid JSON in response: Unrecognized field "${field}" , not marked as ignorable`;
  return { valid: errors.length === 0, configurationError, errors, warnings };
}

function warnAboutContext(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const context = (value as Record<string, unknown>)['context'];
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return [];
  const warnings: string[] = [];
  for (const [key, v] of Object.entries(context)) {
    if (Array.isArray(v)) {
      warnings.push(`context "${key}" is an array: the authorizer passes, then the integration fails (Can not deserialize instance of java.lang.String out of START_ARRAY token)`);
    } else if (typeof v === 'object' && v !== null) {
      warnings.push(`context "${key}" is an object: the authorizer passes, then the integration fails (Can not deserialize instance of java.lang.String out of START_OBJECT token)`);
    } else if (v === null) {
      warnings.push(`context "${key}" is null: only strings, numbers and booleans are documented`);
    }
  }
  return warnings;
}

/**
 * Drops what would only repeat another error: context values (warnings instead), the summary line of an
 * `anyOf`/`if`, and the `NotAction`/`NotResource` half of "needs Action or NotAction" (said once by describe).
 */
function isWorthSaying(error: ErrorObject): boolean {
  if (error.instancePath.startsWith('/context/')) return false;
  if (error.keyword === 'anyOf' || error.keyword === 'if') return false;
  const missing = error.params['missingProperty'];
  return !(error.keyword === 'required' && (missing === 'NotAction' || missing === 'NotResource'));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the answer' : error.instancePath;
  if (error.keyword === 'additionalProperties') return `${where} has an unknown field "${String(error.params['additionalProperty'])}"`;
  if (error.keyword === 'required') {
    const missing = String(error.params['missingProperty']);
    const or = missing === 'Action' || missing === 'Resource' ? ` (or Not${missing})` : '';
    return `${where} has no ${missing}${or}`;
  }
  if (error.keyword === 'enum') return `${where} must be one of ${JSON.stringify(error.params['allowedValues'])}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
