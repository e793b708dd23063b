/**
 * {@link AUTHORIZER_RESPONSE_SCHEMA}, checked by hand: true exactly when ajv would call the value valid (a
 * property test holds the two to that). Presence is `!== undefined` and keys are walked with `for…in`, as in the
 * code ajv generates. It answers the common case, a valid answer, without loading ajv; ajv still
 * explains every invalid one (see validate-authorizer-response.ts).
 * @module
 */

type Json = Record<string, unknown>;

/** JSON Schema's `type: 'object'`: an object that is neither null nor an array. */
function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrList(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function isStatement(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value['Effect'] !== 'Allow' && value['Effect'] !== 'Deny') return false;
  if (value['Sid'] !== undefined && typeof value['Sid'] !== 'string') return false;
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (value[key] !== undefined && !isStringOrList(value[key])) return false;
  }
  if (value['Condition'] !== undefined && !isObject(value['Condition'])) return false;
  return (value['Action'] !== undefined || value['NotAction'] !== undefined) && (value['Resource'] !== undefined || value['NotResource'] !== undefined);
}

const TOP_LEVEL = new Set(['principalId', 'policyDocument', 'context', 'usageIdentifierKey']);

/**
 * True when `value` is a valid Lambda authorizer answer by the documented shape.
 * @example
 * conformsToAuthorizerSchema({ principalId: 'u', policyDocument: { Statement: [] } }); // → true
 * conformsToAuthorizerSchema({ errorType: 'Error' }); // → false
 */
export function conformsToAuthorizerSchema(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key in value) if (!TOP_LEVEL.has(key)) return false;
  if (typeof value['principalId'] !== 'string') return false;
  const document = value['policyDocument'];
  if (!isObject(document) || document['Statement'] === undefined) return false;
  if (document['Version'] !== undefined && typeof document['Version'] !== 'string') return false;
  const statement = document['Statement'];
  if (Array.isArray(statement)) {
    for (const item of statement) if (!isStatement(item)) return false;
  } else if (!isStatement(statement)) return false;
  const context = value['context'];
  if (context !== undefined) {
    if (!isObject(context)) return false;
    for (const key in context) {
      const v = context[key];
      // ajv's `number` is a finite one (JSON has no other).
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)) && typeof v !== 'boolean') return false;
    }
  }
  if (value['usageIdentifierKey'] !== undefined && typeof value['usageIdentifierKey'] !== 'string') return false;
  return true;
}
