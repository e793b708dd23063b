import { redactFields, redactIdentity } from '../redact/index.js';
import type { AuthorizerRecord, EvidenceLine, TraceRecord } from '../types.js';
import { collectEvidence } from './collect-evidence.js';
import { isoTime } from './describe.js';
import type { ClassifySettings } from './read-options.js';
import type { Signals } from './read-signals.js';
import { viewPolicy } from './rule.js';
import type { Verdict } from './types.js';

/**
 * Assembles the output record of one trace from its signals and verdict, redacted unless the user opted out.
 * Redacted in place with redactFields, the fields list of redactRecord: building the record and then a redacted
 * copy of it allocated every record twice, and a copy of the list here could miss a field added there (the
 * workers and the CLI write records as the classifier left them).
 * @example buildRecord(readSignals(trace), verdict, readClassifyOptions({})).cause
 */
export function buildRecord(s: Signals, verdict: Verdict, settings: ClassifySettings): TraceRecord {
  const { trace } = s;
  const first = trace.lines[0];
  const origin = verdict.origin ?? null;
  const shared = origin?.evidence ?? null;
  const record: TraceRecord = {
    requestId: trace.requestId,
    cause: verdict.cause,
    status: s.status,
    confidence: verdict.confidence,
    startTime: isoTime(trace.startTime),
    endTime: isoTime(trace.endTime),
    apiId: s.apiId,
    stage: s.stage,
    httpMethod: s.httpMethod,
    resourcePath: s.resourcePath,
    methodArn: s.methodArn,
    authorizer: buildAuthorizer(s, verdict, settings),
    resourcePolicy: verdict.resourcePolicy ?? null,
    gatewayResponse: trace.gatewayResponse === null ? null : { type: trace.gatewayResponse.type, status: trace.gatewayResponse.status },
    reason: verdict.reason,
    evidence: collectEvidence(trace, verdict.evidence, shared),
    fix: verdict.fix,
    cachedFrom: origin?.requestId ?? null,
    cachedFromTime: isoTime(origin?.time ?? null),
    alternatives: verdict.alternatives,
    missing: verdict.missing ?? [],
    logGroup: trace.logGroup,
    logStream: trace.logStream,
    source: { file: first?.source.file ?? '-', line: first?.source.line ?? null },
    closedBy: trace.closedBy,
  };
  if (!settings.redact) return record;
  ownEvidence(record.evidence, shared);
  return redactFields(record);
}

/**
 * Makes the evidence lines the record's own before they are redacted in place: collectEvidence made them for this
 * record, except the origin's line, shared by every record cached from it, which is copied.
 */
function ownEvidence(lines: EvidenceLine[], shared: EvidenceLine | null): void {
  if (shared === null) return;
  for (let i = 0; i < lines.length; i++) if (lines[i] === shared) lines[i] = { ...shared };
}

/** The authorizer part of the record, unredacted but for a principal found in a result body (see below). */
function buildAuthorizer(s: Signals, verdict: Verdict, settings: ClassifySettings): AuthorizerRecord | null {
  const authorizer = s.trace.authorizer;
  if (authorizer === null) return null;
  const origin = verdict.origin ?? null;
  const view = verdict.policy ?? (s.fresh === null ? null : viewPolicy(s.fresh, s.freshEvaluation));
  // The logged principal is masked by API Gateway; the one inside the result body is not: masked here like an
  // identity, as redactFields cannot tell it from a logged one.
  const bodyPrincipal = view?.salvaged.principalId ?? null;
  const principal = authorizer.principal
    ?? (bodyPrincipal === null ? null : settings.redact ? redactIdentity(bodyPrincipal) : bodyPrincipal)
    ?? origin?.principal ?? null;
  return {
    id: authorizer.id ?? origin?.authorizerId ?? null,
    type: authorizer.type ?? origin?.authorizerType ?? null,
    lambdaArn: authorizer.lambdaArn ?? origin?.lambdaArn ?? null,
    identity: authorizer.identity,
    invoked: authorizer.invoked,
    cached: s.cacheHit,
    principal,
    policyDecision: view?.decision ?? null,
    matchedStatement: view?.matched ?? null,
    explanation: view === null ? [] : view.explanation,
    truncated: view?.salvaged.truncated ?? authorizer.resultTruncated,
    contextKeys: view?.salvaged.contextKeys ?? [],
  };
}
