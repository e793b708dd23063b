/**
 * Redacts secrets from one piece of log text.
 * @module
 */
import { findContextValues } from './find-context-values.js';
import { findSecrets } from './find-secrets.js';
import { createWork, type Work } from './scan-chars.js';
import { applySpans, type Span } from './spans.js';

/**
 * Replaces the secrets of one log line (or one multi-line event) with `[REDACTED]`:
 * - bearer tokens (`Bearer <token>`) and JWTs (`eyJ….….…`) anywhere;
 * - values of `Authorization`, `Cookie`, `authorizationToken`, `X-Amz-Security-Token`, `X-Amz-Signature`,
 *   `x-api-key`, `usageIdentifierKey` and AWS secret/session keys, in header (`Key=v`, `key: v`) and JSON forms;
 * - STS session tokens (`IQoJb3JpZ2lu…`, `FwoGZXIvYXdz…`) and access key ids (`AKIA…`, `ASIA…`);
 * - every value of the `context` of `Authorizer result body before parsing: {…}` (keys kept, values become
 *   `"[REDACTED]"`), bodies cut by ` [TRUNCATED]` included.
 *
 * Values API Gateway already masked (`************abc123`) and literal `null`s are kept. Runs in time linear in the
 * text length, and is idempotent. Returns the input itself when nothing is secret.
 *
 * @param work - optional counter of characters read (tests use it to check linearity)
 * @example
 * redactText('Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig, Host=x')
 * // 'Authorization=[REDACTED], Host=x'
 */
export function redactText(text: string, work: Work = createWork()): string {
  const spans: Span[] = [];
  findSecrets(text, spans, work);
  return applySpans(text, spans);
}

/**
 * Like {@link redactText} for a bare authorizer result body (the text after `Authorizer result body before
 * parsing: `, as `AuthorizerFacts.resultBody` holds it): hides every `context` value and any other secret.
 * @example
 * redactAuthorizerResult('{"principalId":"u1","context":{"tier":"gold","n":3}}')
 * // '{"principalId":"u1","context":{"tier":"[REDACTED]","n":"[REDACTED]"}}'
 */
export function redactAuthorizerResult(body: string, work: Work = createWork()): string {
  const spans: Span[] = [];
  findContextValues(body, 0, spans, work);
  findSecrets(body, spans, work);
  return applySpans(body, spans);
}
