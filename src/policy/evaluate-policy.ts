import type { PolicyDecision } from '../types.js';
import { explainResourceMiss } from './explain-resource-miss.js';
import { matchResource } from './match-resource.js';
import type { PolicyEvaluation, StatementEvaluation } from './types.js';
import { isObject } from './is-object.js';

/** The action API Gateway checks. IAM action names are case-insensitive, hence the lower case. */
const INVOKE = 'execute-api:invoke';
/**
 * Resources longer than this are not matched. IAM caps a policy ARN at 512 characters; the margin keeps the
 * O(n·m) matcher cheap even on a hostile 1 MB log line while still reading every real policy.
 */
const MAX_RESOURCE_LENGTH = 2048;
/** How many missed resources one explanation sentence spells out before summarising the rest. */
const EXPLAINED_MISSES = 3;

/**
 * Evaluates an authorizer policy against a method ARN, with IAM precedence: any statement whose Action covers
 * `execute-api:Invoke` and whose Resource matches the ARN decides; a Deny beats an Allow; nothing matching is an
 * implicit deny. `Action`/`Resource` may be strings or lists; `Statement` a list or a single object.
 * Statements with `NotAction`, `NotResource` or `Condition` are evaluated the IAM way (Condition assumed to
 * hold) and flagged `uncertain`, because API Gateway does not document how it treats them.
 *
 * @param policy - a policy document `{Version, Statement}`, or a whole authorizer answer holding `policyDocument`.
 * @param methodArn - the request's method ARN (concrete verb and path).
 * @example
 * evaluatePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke',
 *   Resource: 'arn:aws:execute-api:us-east-1:1:abc/dev/GET/pets' }] }, 'arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets')
 * // { decision: 'IMPLICIT_DENY', matched: null, uncertain: false, explanation: ['Statement 0 (Allow) does not
 * //   apply: Resource arn:…/dev/GET/pets covers stage "dev", request is stage "prod"'], … }
 */
export function evaluatePolicy(policy: unknown, methodArn: string): PolicyEvaluation {
  const document = isObject(policy) && 'policyDocument' in policy ? policy['policyDocument'] : policy;
  const problems: string[] = [];
  let raw: unknown[] = [];
  if (!isObject(document)) {
    problems.push('The policy document is not a JSON object: nothing is allowed');
  } else if (Array.isArray(document['Statement'])) {
    raw = document['Statement'];
  } else if (isObject(document['Statement'])) {
    raw = [document['Statement']];
  } else {
    problems.push('The policy document has no Statement list: nothing is allowed');
  }
  const statements = raw.map((statement, index) => evaluateStatement(statement, index, methodArn));
  const deny = statements.find((s) => s.applies && s.effect === 'Deny');
  const allow = statements.find((s) => s.applies && s.effect === 'Allow');
  const decision: PolicyDecision = deny ? 'EXPLICIT_DENY' : allow ? 'ALLOW' : 'IMPLICIT_DENY';
  return {
    decision,
    uncertain: statements.some((s) => s.uncertain),
    matched: deny ?? allow ?? null,
    statements,
    explanation: [...statements.map((s) => s.explanation), ...problems],
  };
}

function evaluateStatement(statement: unknown, index: number, methodArn: string): StatementEvaluation {
  const name = `Statement ${index}`;
  if (!isObject(statement)) {
    return result(index, '', [], [], false, true, `${name} is not an object: ignored`);
  }
  const effect = typeof statement['Effect'] === 'string' ? statement['Effect'] : '';
  const action = toList(statement['Action']);
  const resource = toList(statement['Resource']);
  const label = `${name} (${effect || 'no Effect'})`;
  const odd: string[] = [];
  if (effect !== 'Allow' && effect !== 'Deny') {
    const text = `${label} has an Effect that is neither Allow nor Deny: ignored (evaluation uncertain)`;
    return result(index, effect, action, resource, false, true, text);
  }
  // Action: Invoke must be among Action, or absent from NotAction.
  let coversAction: boolean;
  if ('NotAction' in statement) {
    odd.push('NotAction');
    coversAction = !toList(statement['NotAction']).some((a) => matchResource(a.toLowerCase(), INVOKE));
  } else {
    coversAction = action.some((a) => matchResource(a.toLowerCase(), INVOKE));
  }
  // Resource: the ARN must match one Resource, or none of NotResource.
  const usable = (r: string): boolean => r.length <= MAX_RESOURCE_LENGTH;
  let coversResource: boolean;
  let matchedResource: string | undefined;
  if ('NotResource' in statement) {
    odd.push('NotResource');
    coversResource = !toList(statement['NotResource']).some((r) => usable(r) && matchResource(r, methodArn));
  } else {
    matchedResource = resource.find((r) => usable(r) && matchResource(r, methodArn));
    coversResource = matchedResource !== undefined;
  }
  if ('Condition' in statement) odd.push('Condition');
  if (resource.some((r) => !usable(r))) odd.push(`a Resource over ${MAX_RESOURCE_LENGTH} characters`);
  const uncertain = odd.length > 0;
  const caveat = uncertain ? ` (evaluation uncertain: it uses ${odd.join(', ')}, which API Gateway does not document)` : '';
  const applies = coversAction && coversResource;
  let text: string;
  if (!coversAction) {
    const actions = 'NotAction' in statement ? `NotAction ${show(toList(statement['NotAction']))} excludes` : `Action ${show(action)} does not include`;
    text = `${label} does not apply: ${actions} execute-api:Invoke${caveat}`;
  } else if (applies) {
    const how = matchedResource === undefined ? 'the ARN is outside its NotResource' : `Resource ${matchedResource} covers the request`;
    text = `${label} applies: ${how}${'Condition' in statement ? ' if its Condition holds' : ''}${caveat}`;
  } else if ('NotResource' in statement) {
    text = `${label} does not apply: NotResource ${show(toList(statement['NotResource']))} excludes the request ARN${caveat}`;
  } else if (resource.length === 0) {
    text = `${label} does not apply: it has no Resource${caveat}`;
  } else {
    const misses = resource.slice(0, EXPLAINED_MISSES).map((r) => explainResourceMiss(r, methodArn));
    const more = resource.length > EXPLAINED_MISSES ? `; ${resource.length - EXPLAINED_MISSES} more Resources miss too` : '';
    text = `${label} does not apply: ${misses.join('; ')}${more}${caveat}`;
  }
  return result(index, effect, action, resource, applies, uncertain, text);
}

function result(
  index: number, effect: string, action: string[], resource: string[], applies: boolean, uncertain: boolean,
  explanation: string,
): StatementEvaluation {
  return { index, effect, action, resource, applies, uncertain, explanation };
}

/** `Action`/`Resource` may be a string or a list; anything else (numbers, objects) is ignored. */
function toList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function show(list: string[]): string {
  return list.length === 1 ? JSON.stringify(list[0]) : JSON.stringify(list);
}
