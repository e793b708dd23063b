/**
 * Simulates API Gateway's authorizer result cache so that generated requests are consistent: a caller whose
 * token was answered less than a TTL ago gets the cached policy (no Lambda invocation), re-evaluated against the
 * new method ARN. This is where the intermittent 403 of the samples and archives comes from.
 * @module
 */
import { answerWith, decide, policyStatements, type PolicyKind } from './policy.js';
import type { ApiTarget, AuthorizerAnswer, AuthorizerSpec, Outcome } from './request-spec.js';

/** A caller as the fake authorizer Lambda sees it. */
export interface CallerProfile {
  authorization: string;
  sessionId?: string;
  apiKey?: string;
  sourceIp: string;
  userAgent: string;
  principalId: string;
  context?: Record<string, string | number | boolean>;
  /** For `per-item` policies: the item paths granted. */
  items?: readonly string[];
  /** How the Lambda treats this caller whatever the policy: throws `Unauthorized`, crashes, or returns null. */
  lambda?: 'unauthorized' | 'crash' | 'null-policy';
}

/** One authorization to resolve. */
export interface AuthorizationInput {
  requestId: string;
  startTime: number;
  authorizer: AuthorizerSpec;
  caller: CallerProfile;
  target: ApiTarget;
  methodArn: string;
  /** The policy the Lambda returns for this caller at this time. */
  policy: PolicyKind;
  authorizerLatency: number;
  /** API Gateway cannot invoke the Lambda (its resource policy lost the permission). */
  invokeFails?: boolean;
}

/** What happened, and which earlier request's answer was used on a cache hit. */
export interface AuthorizationResult {
  outcome: Outcome;
  cacheHit: boolean;
  answer: AuthorizerAnswer | null;
  cachedFrom: string | null;
}

interface Entry {
  answer: AuthorizerAnswer;
  requestId: string;
  readyAt: number;
  expiresAt: number;
}

/** The cache key: the token source for TOKEN authorizers, every identity source for REQUEST ones. */
function keyOf(input: AuthorizationInput): string {
  const c = input.caller;
  return `${input.authorizer.id}\n${c.authorization}\n${input.authorizer.type === 'REQUEST' ? (c.sessionId ?? '') : ''}`;
}

/**
 * Creates a cache simulator. Requests must be resolved in start-time order. Memory stays bounded by the callers
 * active within one TTL: expired entries are swept every few thousand calls.
 *
 * @param ttlMs - the authorizer's result TTL; default 300 000 (API Gateway's default 300 s).
 * @example
 * const cache = createAuthorizerCache();
 * const { outcome, cachedFrom } = cache.resolve(input);
 */
export function createAuthorizerCache(ttlMs = 300_000): {
  resolve(input: AuthorizationInput): AuthorizationResult;
  size(): number;
} {
  const entries = new Map<string, Entry>();
  let calls = 0;
  const sweep = (now: number): void => {
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  };
  return {
    size: () => entries.size,
    resolve(input) {
      if (++calls % 4096 === 0) sweep(input.startTime);
      const key = keyOf(input);
      const hit = entries.get(key);
      if (hit !== undefined && hit.readyAt <= input.startTime && input.startTime < hit.expiresAt) {
        const verdict = decide(hit.answer, input.methodArn);
        const outcome: Outcome =
          verdict === 'ALLOW' ? 'allowed' : verdict === 'EXPLICIT_DENY' ? 'cached-explicit-deny' : 'cached-policy-deny';
        return { outcome, cacheHit: true, answer: hit.answer, cachedFrom: hit.requestId };
      }
      const miss = (outcome: Outcome): AuthorizationResult => ({ outcome, cacheHit: false, answer: null, cachedFrom: null });
      if (input.invokeFails === true) return miss('config-invalid-permissions');
      if (input.caller.lambda === 'unauthorized') return miss('lambda-unauthorized');
      if (input.caller.lambda === 'crash') return miss('config-lambda-crash');
      if (input.caller.lambda === 'null-policy') return miss('config-null-policy');
      const statements = policyStatements(input.policy, input.target, input.methodArn, input.caller.items);
      const answer = answerWith(input.caller.principalId, statements, input.caller.context);
      entries.set(key, {
        answer,
        requestId: input.requestId,
        readyAt: input.startTime + input.authorizerLatency + 2,
        expiresAt: input.startTime + ttlMs,
      });
      const verdict = decide(answer, input.methodArn);
      const outcome: Outcome =
        verdict === 'ALLOW' ? 'allowed' : verdict === 'EXPLICIT_DENY' ? 'authorizer-explicit-deny' : 'authorizer-implicit-deny';
      return { outcome, cacheHit: false, answer, cachedFrom: null };
    },
  };
}
