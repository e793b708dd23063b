import { parsePartialJson } from './parse-partial-json.js';
import type { SalvagedPolicy } from './types.js';
import { isObject } from './is-object.js';

/**
 * Reads an authorizer result body (the text after `Authorizer result body before parsing: `). A complete body is
 * parsed as is. A body the log cut at 1024 bytes (or any body that is not valid JSON) goes through a tolerant
 * scanner that keeps the principal, the context keys and every statement complete before the cut, and says what
 * was lost. Never throws.
 *
 * @param body - the result body, without the ` [TRUNCATED]` marker.
 * @param truncated - true when the log line ended in ` [TRUNCATED]`.
 * @example
 * salvagePolicy('{"principalId":"u1","policyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow",' +
 *   '"Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:1:a/prod/GET/x"},{"Effect":"De', true)
 * // { parsed: false, truncated: true, principalId: 'u1', policyDocument: { Version: '2012-10-17',
 * //   Statement: [ {Effect:'Allow', …} ] }, lost: ['statement 1 and any after it (cut inside it)', …], … }
 */
export function salvagePolicy(body: string, truncated: boolean): SalvagedPolicy {
  if (!truncated) {
    let parsed: unknown;
    let valid = true;
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      valid = false; // not valid JSON though the log did not cut it: keep what the scanner can read
    }
    // Outside the try: a bug in fromComplete must surface, not pass for invalid JSON.
    if (valid) return fromComplete(parsed);
  }
  const { value, closed } = parsePartialJson(body);
  const lost: string[] = [truncated ? 'everything after the cut at 1024 bytes' : 'the rest of the body, which is not valid JSON'];
  if (!isObject(value)) {
    lost.push('the principal, the policy and the context');
    return { parsed: false, value: undefined, truncated, principalId: null, contextKeys: [], policyDocument: null, lost };
  }
  const principalId = typeof value['principalId'] === 'string' ? value['principalId'] : null;
  if (principalId === null) lost.push('principalId');

  let policyDocument: SalvagedPolicy['policyDocument'] = null;
  const document = value['policyDocument'];
  if (isObject(document)) {
    const raw = document['Statement'];
    let statements: unknown[] = [];
    if (Array.isArray(raw)) {
      statements = raw.filter((s) => typeof s !== 'object' || s === null || closed.has(s));
      if (!closed.has(raw)) {
        if (statements.length < raw.length) lost.push(`statement ${statements.length} and any after it (cut inside it)`);
        else if (raw.length === 0) lost.push('every statement (the cut came right after the list opened)');
        else lost.push(`any statement after statement ${raw.length - 1}`);
      }
    } else if (isObject(raw) && closed.has(raw)) {
      statements = [raw];
    } else {
      lost.push(raw === undefined ? 'every statement (the cut came before Statement)' : 'the only statement (cut inside it)');
    }
    policyDocument = { Statement: statements };
    if (typeof document['Version'] === 'string') policyDocument.Version = document['Version'];
  } else {
    lost.push('the policy document (the cut came before it)');
  }

  const context = value['context'];
  const contextKeys = isObject(context) ? Object.keys(context) : [];
  if (isObject(context) && !closed.has(context)) {
    lost.push(contextKeys.length > 0 ? `context keys after "${contextKeys[contextKeys.length - 1]}"` : 'the context keys');
  } else if (context === undefined) {
    lost.push('the context, if there was one');
  }
  return { parsed: false, value: undefined, truncated, principalId, contextKeys, policyDocument, lost };
}

function fromComplete(value: unknown): SalvagedPolicy {
  const base = { parsed: true, value, truncated: false, lost: [] as string[] };
  if (!isObject(value)) return { ...base, principalId: null, contextKeys: [], policyDocument: null };
  const document = value['policyDocument'];
  let policyDocument: SalvagedPolicy['policyDocument'] = null;
  if (isObject(document)) {
    const raw = document['Statement'];
    policyDocument = { Statement: Array.isArray(raw) ? raw : raw === undefined ? [] : [raw] };
    if (typeof document['Version'] === 'string') policyDocument.Version = document['Version'];
  }
  const context = value['context'];
  return {
    ...base,
    principalId: typeof value['principalId'] === 'string' ? value['principalId'] : null,
    contextKeys: isObject(context) ? Object.keys(context) : [],
    policyDocument,
  };
}
