import { redactIdentity, redactText } from '../redact/index.js';
import type { AuthorizerRecord, EvidenceLine, TraceRecord } from '../types.js';
import { collectEvidence } from './collect-evidence.js';
import { isoTime } from './describe.js';
import type { ClassifySettings } from './read-options.js';
import type { Signals } from './read-signals.js';
import { viewPolicy } from './rule.js';
import type { Verdict } from './types.js';

const keep = (text: string): string => text;
const keepNullable = (text: string | null): string | null => text;
const redactNullable = (text: string | null): string | null => (text === null ? null : redactText(text));

/**
 * Assembles the output record of one trace from its signals and verdict, redacted unless the user opted out.
 * The fields are redacted as they are put in, with the rules of redactRecord (which tests hold it to): building
 * the record and then a redacted copy of it allocated every record twice.
 * @example buildRecord(readSignals(trace), verdict, readClassifyOptions({})).cause
 */
export function buildRecord(s: Signals, verdict: Verdict, settings: ClassifySettings): TraceRecord {
  const { trace } = s;
  const first = trace.lines[0];
  const origin = verdict.origin ?? null;
  const text = settings.redact ? redactText : keep;
  const nullable = settings.redact ? redactNullable : keepNullable;
  return {
    requestId: trace.requestId,
    cause: verdict.cause,
    status: s.status,
    confidence: verdict.confidence,
    startTime: isoTime(trace.startTime),
    endTime: isoTime(trace.endTime),
    apiId: s.apiId,
    stage: s.stage,
    httpMethod: s.httpMethod,
    resourcePath: nullable(s.resourcePath),
    methodArn: nullable(s.methodArn),
    authorizer: buildAuthorizer(s, verdict, settings, nullable, text),
    resourcePolicy: verdict.resourcePolicy ?? null,
    gatewayResponse: trace.gatewayResponse === null ? null : { type: trace.gatewayResponse.type, status: trace.gatewayResponse.status },
    reason: text(verdict.reason),
    evidence: redactEvidence(collectEvidence(trace, verdict.evidence, origin?.evidence ?? null), origin?.evidence ?? null, text),
    fix: settings.redact ? verdict.fix.map((line) => redactText(line)) : verdict.fix,
    cachedFrom: origin?.requestId ?? null,
    cachedFromTime: isoTime(origin?.time ?? null),
    alternatives: verdict.alternatives,
    missing: verdict.missing ?? [],
    logGroup: trace.logGroup,
    logStream: trace.logStream,
    source: { file: first?.source.file ?? '-', line: first?.source.line ?? null },
    closedBy: trace.closedBy,
  };
}

/**
 * The evidence lines with their text redacted: in place, since collectEvidence made them for this record, but the
 * origin's line (shared by every record cached from it) as a copy.
 */
function redactEvidence(lines: EvidenceLine[], shared: EvidenceLine | null, text: (t: string) => string): EvidenceLine[] {
  if (text === keep) return lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === shared) lines[i] = { ...line, text: text(line.text) };
    else line.text = text(line.text);
  }
  return lines;
}

function buildAuthorizer(
  s: Signals,
  verdict: Verdict,
  settings: ClassifySettings,
  nullable: (t: string | null) => string | null,
  text: (t: string) => string,
): AuthorizerRecord | null {
  const authorizer = s.trace.authorizer;
  if (authorizer === null) return null;
  const origin = verdict.origin ?? null;
  const view = verdict.policy ?? (s.fresh === null ? null : viewPolicy(s.fresh, s.freshEvaluation));
  // The logged principal is masked by API Gateway; the one inside the result body is not.
  const bodyPrincipal = view?.salvaged.principalId ?? null;
  const principal = authorizer.principal
    ?? (bodyPrincipal === null ? null : settings.redact ? redactIdentity(bodyPrincipal) : bodyPrincipal)
    ?? origin?.principal ?? null;
  return {
    id: authorizer.id ?? origin?.authorizerId ?? null,
    type: authorizer.type ?? origin?.authorizerType ?? null,
    lambdaArn: authorizer.lambdaArn ?? origin?.lambdaArn ?? null,
    identity: authorizer.identity === null || !settings.redact ? authorizer.identity : redactIdentity(authorizer.identity),
    invoked: authorizer.invoked,
    cached: s.cacheHit,
    principal: nullable(principal),
    policyDecision: view?.decision ?? null,
    matchedStatement: view?.matched ?? null,
    explanation: view === null ? [] : text === keep ? view.explanation : view.explanation.map((line) => text(line)),
    truncated: view?.salvaged.truncated ?? authorizer.resultTruncated,
    contextKeys: view?.salvaged.contextKeys ?? [],
  };
}
