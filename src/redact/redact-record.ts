/**
 * Redacts the log-derived text of an output record. The classifier already redacts evidence; reports call this
 * again so that a record built elsewhere (by a user, from an old run) cannot leak through a report. Redaction is
 * idempotent, so doing it twice costs time but changes nothing.
 * @module
 */
import type { AuthorizerRecord, TraceRecord } from '../types.js';
import { redactIdentity } from './redact-identity.js';
import { redactText } from './redact-text.js';

/**
 * Returns a copy of `record` with secrets hidden in its evidence, reason, fix, explanations, path, method ARN,
 * principal and identity (see {@link redactText} and {@link redactIdentity}).
 * @example const safe = redactRecord(record); // safe.evidence[0].text has no bearer token left
 */
export function redactRecord(record: TraceRecord): TraceRecord {
  return {
    ...record,
    resourcePath: redactNullable(record.resourcePath),
    methodArn: redactNullable(record.methodArn),
    authorizer: record.authorizer === null ? null : redactAuthorizer(record.authorizer),
    reason: redactText(record.reason),
    evidence: record.evidence.map((line) => ({ ...line, text: redactText(line.text) })),
    fix: record.fix.map((line) => redactText(line)),
  };
}

function redactAuthorizer(authorizer: AuthorizerRecord): AuthorizerRecord {
  return {
    ...authorizer,
    identity: authorizer.identity === null ? null : redactIdentity(authorizer.identity),
    principal: redactNullable(authorizer.principal),
    explanation: authorizer.explanation.map((line) => redactText(line)),
  };
}

function redactNullable(text: string | null): string | null {
  return text === null ? null : redactText(text);
}
