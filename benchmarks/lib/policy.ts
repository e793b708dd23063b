/**
 * The policies the fake authorizers return, and a small evaluator the generators use to know the ground truth
 * of a cache hit (which cached policy covers which new method ARN). Not the product's evaluator: it only has to
 * be right for the policies built here.
 * @module
 */
import type { ApiTarget, AuthorizerAnswer, PolicyStatement } from './request-spec.js';

const INVOKE = 'execute-api:Invoke';

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<rest>` with the target's parts, overridable. */
export function stageArn(target: ApiTarget, rest: string, override: Partial<ApiTarget> = {}): string {
  const t = { ...target, ...override };
  return `arn:aws:execute-api:${t.region}:${t.accountId}:${t.apiId}/${t.stage}/${rest}`;
}

/** One statement. */
export function statement(effect: 'Allow' | 'Deny', resource: string | string[]): PolicyStatement {
  return { Action: INVOKE, Effect: effect, Resource: resource };
}

/** An answer with the given statements (and optional context). */
export function answerWith(
  principalId: string,
  statements: PolicyStatement[],
  context?: Record<string, string | number | boolean>,
): AuthorizerAnswer {
  const answer: AuthorizerAnswer = { principalId, policyDocument: { Version: '2012-10-17', Statement: statements } };
  if (context !== undefined) answer.context = context;
  return answer;
}

/** The kinds of policy the fake authorizers hand out; each tells a story in the samples. */
export type PolicyKind =
  /** `…/<stage>/*\/*`: the right policy when the cache is on. */
  | 'stage-wide'
  /** `Resource: event.methodArn`: correct without cache, the classic intermittent 403 with it. */
  | 'exact-method'
  /** Allow GET, explicit Deny DELETE. */
  | 'read-only'
  /** A suspended user: explicit Deny on everything. */
  | 'suspended'
  /** Built for the wrong stage (`dev`): silent about `prod`. */
  | 'wrong-stage'
  /** A typo in the account id: silent about every real ARN. */
  | 'wrong-account'
  /** One Allow per catalog item: long enough to be cut at 1024 bytes. */
  | 'per-item';

/**
 * Builds the statements a policy kind returns for a request on `methodArn`.
 *
 * @param items - for `per-item`: the item paths granted (e.g. `catalog/items/sku-1`).
 * @example
 * policyStatements('stage-wide', target, arn); // [{ Action, Effect: 'Allow', Resource: '…/prod/*\/*' }]
 */
export function policyStatements(
  kind: PolicyKind,
  target: ApiTarget,
  methodArn: string,
  items: readonly string[] = [],
): PolicyStatement[] {
  switch (kind) {
    case 'stage-wide':
      return [statement('Allow', stageArn(target, '*/*'))];
    case 'exact-method':
      return [statement('Allow', methodArn)];
    case 'read-only':
      return [statement('Allow', stageArn(target, 'GET/*')), statement('Deny', stageArn(target, 'DELETE/*'))];
    case 'suspended':
      return [statement('Deny', stageArn(target, '*'))];
    case 'wrong-stage':
      return [statement('Allow', stageArn(target, '*/*', { stage: 'dev' }))];
    case 'wrong-account':
      return [statement('Allow', stageArn(target, '*/*', { accountId: target.accountId.slice(0, 10) + '21' }))];
    case 'per-item':
      return [
        statement('Allow', stageArn(target, 'GET/catalog/items')),
        ...items.map((item) => statement('Allow', stageArn(target, `GET/${item}`))),
      ];
  }
}

/** The verdict of one policy on one method ARN (LOG-FORMATS.md §5: any Deny, else any Allow, else implicit). */
export type Verdict = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

/**
 * Evaluates an answer's policy against a method ARN, with IAM wildcards (`*` any run, `?` one character).
 *
 * @example
 * decide(answerWith('p', [statement('Allow', 'arn:…/prod/*\/*')]), 'arn:…/prod/GET/x'); // 'ALLOW'
 */
export function decide(answer: AuthorizerAnswer, methodArn: string): Verdict {
  let allowed = false;
  for (const s of answer.policyDocument.Statement) {
    const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    if (!resources.some((r) => matchesGlob(r, methodArn))) continue;
    if (s.Effect === 'Deny') return 'EXPLICIT_DENY';
    allowed = true;
  }
  return allowed ? 'ALLOW' : 'IMPLICIT_DENY';
}

/** Iterative glob match: O(pattern × text) at worst, no regular expression. */
function matchesGlob(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
