/**
 * Redacts the log-derived text of an output record. The classifier redacts every record it builds with
 * {@link redactFields}; reports call {@link redactRecord} again so that a record built elsewhere (by a user, from
 * an old run) cannot leak through a report. Redaction is idempotent, so doing it twice costs time but changes
 * nothing.
 * @module
 */
import type { TraceRecord } from '../types.js';
import { redactIdentity } from './redact-identity.js';
import { redactText } from './redact-text.js';

/**
 * Returns a copy of `record` with secrets hidden in its evidence, reason, fix, explanations, path, method ARN,
 * principal and identity (see {@link redactFields}).
 * @example const safe = redactRecord(record); // safe.evidence[0].text has no bearer token left
 */
export function redactRecord(record: TraceRecord): TraceRecord {
  return redactFields({
    ...record,
    authorizer: record.authorizer === null ? null : { ...record.authorizer },
    evidence: record.evidence.map((line) => ({ ...line })),
  });
}

/**
 * Hides secrets in `record` itself and returns it: the one list of redacted fields, which the classifier applies
 * to the records it builds (a copy per record cost it an allocation of every record twice) and
 * {@link redactRecord} to a copy. Two lists had drifted apart once; a field added here is redacted everywhere.
 * The record, its authorizer and its evidence lines must be the caller's own; the string arrays (`fix`,
 * `explanation`) are replaced, never changed, so they may be shared.
 * @example redactFields(buildUnredacted()).reason // no secret left
 */
export function redactFields(record: TraceRecord): TraceRecord {
  record.resourcePath = redactNullable(record.resourcePath);
  record.methodArn = redactNullable(record.methodArn);
  record.reason = redactText(record.reason);
  for (const line of record.evidence) line.text = redactText(line.text);
  record.fix = record.fix.map((line) => redactText(line));
  const authorizer = record.authorizer;
  if (authorizer !== null) {
    authorizer.identity = authorizer.identity === null ? null : redactIdentity(authorizer.identity);
    authorizer.principal = redactNullable(authorizer.principal);
    authorizer.explanation = authorizer.explanation.map((line) => redactText(line));
  }
  return record;
}

function redactNullable(text: string | null): string | null {
  return text === null ? null : redactText(text);
}
