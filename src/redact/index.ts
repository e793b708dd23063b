/**
 * Redaction of secrets in log text: bearer tokens, JWTs, AWS credentials, authorizer `context` values and unmasked
 * identities. Every function is linear in its input and idempotent.
 * @module
 */
export { redactAuthorizerResult, redactText } from './redact-text.js';
export { redactIdentity } from './redact-identity.js';
export { redactFields, redactRecord } from './redact-record.js';
export { REDACTED } from './spans.js';
