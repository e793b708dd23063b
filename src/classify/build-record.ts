import { redactIdentity, redactRecord } from '../redact/index.js';
import type { AuthorizerRecord, TraceRecord } from '../types.js';
import { collectEvidence } from './collect-evidence.js';
import { isoTime } from './describe.js';
import type { ClassifySettings } from './read-options.js';
import type { Signals } from './read-signals.js';
import { viewPolicy } from './rule.js';
import type { Verdict } from './types.js';

/**
 * Assembles the output record of one trace from its signals and verdict, redacted unless the user opted out.
 * @example buildRecord(readSignals(trace), verdict, readClassifyOptions({})).cause
 */
export function buildRecord(s: Signals, verdict: Verdict, settings: ClassifySettings): TraceRecord {
  const { trace } = s;
  const first = trace.lines[0];
  const origin = verdict.origin ?? null;
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
    evidence: collectEvidence(trace, verdict.evidence, origin?.evidence ?? null),
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
  return settings.redact ? redactRecord(record) : record;
}

function buildAuthorizer(s: Signals, verdict: Verdict, settings: ClassifySettings): AuthorizerRecord | null {
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
    identity: authorizer.identity,
    invoked: authorizer.invoked,
    cached: s.cacheHit,
    principal,
    policyDecision: view?.decision ?? null,
    matchedStatement: view?.matched ?? null,
    explanation: view?.explanation ?? [],
    truncated: view?.salvaged.truncated ?? authorizer.resultTruncated,
    contextKeys: view?.salvaged.contextKeys ?? [],
  };
}
