/**
 * The vocabulary that crosses pipeline stages, in data-flow order:
 *
 *   bytes → {@link LogEvent} (decode) → {@link RawTrace} (reassemble) → {@link Trace} (extract)
 *         → {@link TraceRecord} (classify) → reports, with a {@link Summary} that accounts for every event.
 *
 * Stage-local types live beside their stage; only what two stages share is declared here.
 * @module
 */

// ─── Positions and diagnostics ────────────────────────────────────────────────────────────────────

/** Where a record came from: enough for a person to find it again. */
export interface SourcePosition {
  /** The file path as given by the user, `-` for standard input, or a label for in-memory input. */
  file: string;
  /** 1-based line number in the decoded text, for line-oriented containers. */
  line?: number;
  /** Byte offset of the record's first byte in the decoded (decompressed) stream. */
  offset?: number;
}

/** Diagnostic codes: every way input can be bad or surprising. Stable: scripts may match on them. */
export type DiagnosticCode =
  /** A record that could not be decoded (bad JSON, a line of no known shape). Counted as malformed. */
  | 'MALFORMED_RECORD'
  /** A line or record over the length cap: cut at the cap, counted as malformed, parsing goes on after it. */
  | 'RECORD_TOO_LONG'
  /** Bytes that are not valid UTF-8 (replaced with U+FFFD; the event is kept). */
  | 'INVALID_UTF8'
  /** A gzip stream that is damaged or cut off: what decoded before the damage is kept. */
  | 'GZIP_CORRUPT'
  /** A document that ends mid-way (e.g. a filter-log-events export cut off): complete events are kept. */
  | 'TRUNCATED_INPUT'
  /** Input of no known container (JSON that is not a log export, binary garbage). */
  | 'NOT_A_LOG_EXPORT'
  /** A file that could not be opened or read. */
  | 'UNREADABLE_FILE'
  /** Input with no bytes or no events at all. */
  | 'EMPTY_INPUT'
  /** The same event seen twice (same event id, or same stream, time and message): counted once. */
  | 'DUPLICATE_EVENT'
  /** A line of another service (Lambda runtime, access log): skipped and counted, not an error. */
  | 'FOREIGN_LINE'
  /** A trace closed before its end because the open-trace cap was reached. */
  | 'TRACE_CLOSED_EARLY'
  /** An execution-log line that names no request and follows none. */
  | 'ORPHAN_EVENT';

/** One report of bad or surprising input. Bad data never throws: it becomes one of these. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning' | 'info';
  /** One short sentence, no trailing period, safe to print (input text in it is already escaped/cut). */
  message: string;
  source: SourcePosition;
}

/** Receives diagnostics as they happen. Must not throw. */
export type DiagnosticHandler = (diagnostic: Diagnostic) => void;

// ─── Decode ───────────────────────────────────────────────────────────────────────────────────────

/** The containers trace403 reads (LOG-FORMATS.md §2). */
export type InputFormat =
  | 'filter-log-events'
  | 'get-log-events'
  | 'ndjson'
  | 's3-export'
  | 'subscription'
  | 'tail'
  | 'console'
  | 'test-invoke'
  | 'copy-paste'
  | 'insights-json'
  | 'insights-csv'
  | 'insights-markdown';

/** Every container name, in the order `--help` lists them. */
export const INPUT_FORMATS: readonly InputFormat[] = [
  'filter-log-events',
  'get-log-events',
  'ndjson',
  's3-export',
  'subscription',
  'tail',
  'console',
  'test-invoke',
  'copy-paste',
  'insights-json',
  'insights-csv',
  'insights-markdown',
];

/** One CloudWatch log event, whatever container carried it. */
export interface LogEvent {
  /** Epoch milliseconds, UTC; `null` when the container gives no time (bare copy-pasted messages). */
  timestamp: number | null;
  /** The message, continuation lines joined with `\n`, ANSI colour codes stripped. */
  message: string;
  logStream?: string;
  logGroup?: string;
  /** CloudWatch event id (`eventId` or `id`), when the container has one. */
  eventId?: string;
  source: SourcePosition;
}

/** Counters a decoder keeps; summed over files they feed the summary. */
export interface DecodeStats {
  /** Decompressed bytes consumed. */
  bytes: number;
  /** Events produced. */
  events: number;
  /** Records that could not be decoded (each also reported as a diagnostic). */
  malformed: number;
  /** Records skipped on purpose and not events (CONTROL_MESSAGE, test-marker objects, headers). */
  skipped: number;
}

// ─── Reassemble ───────────────────────────────────────────────────────────────────────────────────

/** Why a trace was closed. */
export type CloseReason =
  /** Its terminal line was seen, and the event-time grace period passed or the input ended. */
  | 'terminal'
  /** No line for it within the event-time idle timeout. */
  | 'idle'
  /** The input ended before the request's terminal line. */
  | 'end-of-input'
  /** The open-trace cap was reached and it was the least recently active. Counted as closed early. */
  | 'capacity';

/** The lines of one request, regrouped from interleaved input. */
export interface RawTrace {
  requestId: string;
  /** The request's events, sorted by timestamp (stable: arrival order breaks ties). Request-id prefix kept. */
  events: LogEvent[];
  closedBy: CloseReason;
}

/** Counters the reassembler keeps. `events = inTraces + orphans + duplicates + foreign` once flushed. */
export interface ReassembleStats {
  events: number;
  inTraces: number;
  orphans: number;
  duplicates: number;
  foreign: number;
  traces: number;
  closedEarly: number;
}

// ─── Extract ──────────────────────────────────────────────────────────────────────────────────────

/** One line of a trace, with the `(requestId) ` prefix removed. */
export interface TraceLine {
  timestamp: number | null;
  text: string;
  source: SourcePosition;
}

/** Facts the extractor recognised, by name; each points at the index of its line in {@link Trace.lines}. */
export type LineMark =
  | 'extendedRequestId'
  | 'authorizerStart'
  | 'incomingIdentity'
  | 'authorizerRequestUri'
  | 'authorizerRequestBody'
  | 'authorizerSend'
  | 'authorizerResult'
  | 'authorizerPrincipal'
  | 'authorizerCompleted'
  | 'authorizerConfigurationError'
  | 'authorizerError'
  | 'unauthorized'
  | 'clientNotAuthorized'
  | 'resourcePolicyDeny'
  | 'usagePlan'
  | 'apiKeyError'
  | 'executionStart'
  | 'methodLine'
  | 'integrationError'
  | 'gatewayResponseType'
  | 'gatewayResponseBody'
  | 'methodCompleted';

/** The authorizer's part of a request, as the log shows it. */
export interface AuthorizerFacts {
  /** Authorizer id from `Starting authorizer: <id>`, or from the `X-Amz-Source-Arn` header. */
  id: string | null;
  /** TOKEN or REQUEST, from the request body's `type` or the shape of `Incoming identity`. */
  type: 'TOKEN' | 'REQUEST' | null;
  /** Lambda function ARN from the endpoint request URI. */
  lambdaArn: string | null;
  /** The identity as logged (masked by API Gateway), or null. */
  identity: string | null;
  /** True when the Lambda invocation lines (endpoint request / sending request) are present. */
  invoked: boolean;
  /** The raw text after `Authorizer result body before parsing: ` (secret: never print unredacted). */
  resultBody: string | null;
  /** True when the result body ended in ` [TRUNCATED]` (the marker is removed from `resultBody`). */
  resultTruncated: boolean;
  /** The principal from `Using valid authorizer policy for principal: <p>` (masked as logged). */
  principal: string | null;
  /** The reason after `Execution failed due to configuration error: ` in the authorizer phase. */
  configurationError: string | null;
  /** True when `Successfully completed authorizer execution` was logged. */
  completed: boolean;
}

/** One request, its lines understood. Produced by `extractTrace`. */
export interface Trace {
  requestId: string;
  extendedRequestId: string | null;
  logGroup: string | null;
  logStream: string | null;
  apiId: string | null;
  stage: string | null;
  region: string | null;
  accountId: string | null;
  /** Epoch ms of the first and last timed line, or null when no line has a time. */
  startTime: number | null;
  endTime: number | null;
  httpMethod: string | null;
  /** The concrete path (`/pets/42`), as in `HTTP Method: GET, Resource Path: /pets/42`. */
  resourcePath: string | null;
  /** The method ARN of this request, with the concrete verb and path. */
  methodArn: string | null;
  /** Where {@link methodArn} came from: the authorizer request body, or rebuilt from verb, path, API and stage. */
  methodArnSource: 'authorizer-request' | 'rebuilt' | null;
  /** Null when no authorizer line is present. */
  authorizer: AuthorizerFacts | null;
  /** The resource-policy refusal line (`ExplicitDenyException …` or `User: … is not authorized … execute-api:Invoke …`). */
  resourcePolicyDeny: { explicit: boolean; caller: string | null; text: string } | null;
  /** `Gateway response type: <T> with status code: <n>` and `Gateway response body: …`, when present. */
  gatewayResponse: { type: string | null; status: number | null; body: string | null } | null;
  /** Final status: `Method completed with status`, else the gateway response status, else null. */
  status: number | null;
  /** `Starting execution for request` seen: the request passed authorization and reached the integration. */
  executionStarted: boolean;
  /** Configuration error of the integration phase (after `Starting execution`). */
  integrationError: string | null;
  lines: TraceLine[];
  marks: Partial<Record<LineMark, number>>;
  closedBy: CloseReason;
}

// ─── Classify ─────────────────────────────────────────────────────────────────────────────────────

/** Why the request was allowed or refused. The stable contract of SPEC.md. */
export type Cause =
  | 'ALLOWED'
  | 'AUTHORIZER_EXPLICIT_DENY'
  | 'AUTHORIZER_IMPLICIT_DENY'
  | 'AUTHORIZER_CACHED_POLICY_DENY'
  | 'RESOURCE_POLICY_EXPLICIT_DENY'
  | 'RESOURCE_POLICY_IMPLICIT_DENY'
  | 'IDENTITY_SOURCE_MISSING'
  | 'AUTHORIZER_UNAUTHORIZED'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'OTHER_ACCESS_DENIAL'
  | 'INCOMPLETE';

/** Every cause, in report order. */
export const CAUSES: readonly Cause[] = [
  'AUTHORIZER_EXPLICIT_DENY',
  'AUTHORIZER_IMPLICIT_DENY',
  'AUTHORIZER_CACHED_POLICY_DENY',
  'RESOURCE_POLICY_EXPLICIT_DENY',
  'RESOURCE_POLICY_IMPLICIT_DENY',
  'IDENTITY_SOURCE_MISSING',
  'AUTHORIZER_UNAUTHORIZED',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'OTHER_ACCESS_DENIAL',
  'INCOMPLETE',
  'ALLOWED',
];

export type Confidence = 'high' | 'medium' | 'low';

/** A policy's verdict on one method ARN. */
export type PolicyDecision = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

/** One evidence line of an output record (already redacted unless the user opted out). */
export interface EvidenceLine {
  /** ISO 8601 UTC, or null. */
  time: string | null;
  text: string;
  file: string;
  line: number | null;
}

/** The authorizer block of an output record. */
export interface AuthorizerRecord {
  id: string | null;
  type: 'TOKEN' | 'REQUEST' | null;
  lambdaArn: string | null;
  /** Masked identity (redacted further when not masked by API Gateway). */
  identity: string | null;
  invoked: boolean;
  cached: boolean;
  principal: string | null;
  /** Verdict of the returned (or cached) policy on this request's method ARN; null when no policy is known. */
  policyDecision: PolicyDecision | null;
  /** The statement that decided, as returned (Effect, Action, Resource), or null. */
  matchedStatement: { index: number; effect: string; action: string[]; resource: string[] } | null;
  /** Why each statement did or did not match, one sentence each. */
  explanation: string[];
  /** True when the result body was cut at 1024 bytes. */
  truncated: boolean;
  /** Keys of the returned `context` (values are secrets and never shown). */
  contextKeys: string[];
}

/** One classified request: the NDJSON output record. Its JSON Schema ships as `trace403/schema.json`. */
export interface TraceRecord {
  requestId: string;
  cause: Cause;
  status: number | null;
  confidence: Confidence;
  startTime: string | null;
  endTime: string | null;
  apiId: string | null;
  stage: string | null;
  httpMethod: string | null;
  resourcePath: string | null;
  methodArn: string | null;
  authorizer: AuthorizerRecord | null;
  /** Resource-policy signal: `explicit-deny`, `implicit-deny` (inferred), or null when none is visible. */
  resourcePolicy: 'explicit-deny' | 'implicit-deny' | null;
  gatewayResponse: { type: string | null; status: number | null } | null;
  /** One sentence that names the cause in this request's terms. */
  reason: string;
  evidence: EvidenceLine[];
  fix: string[];
  cachedFrom: string | null;
  /** Time (ISO) of the request whose policy was cached, when known. */
  cachedFromTime: string | null;
  alternatives: Cause[];
  /** For INCOMPLETE: the lines that were needed and not found. */
  missing: string[];
  logGroup: string | null;
  logStream: string | null;
  /** The file and line of the trace's first line. */
  source: { file: string; line: number | null };
  closedBy: CloseReason;
}

// ─── Summary ──────────────────────────────────────────────────────────────────────────────────────

/**
 * What a run read and found. Adds up: `events.read = inTraces + orphans + malformed + duplicates + foreign`.
 */
export interface Summary {
  files: number;
  bytes: number;
  events: {
    read: number;
    inTraces: number;
    orphans: number;
    malformed: number;
    duplicates: number;
    foreign: number;
  };
  traces: {
    total: number;
    closedEarly: number;
    byCause: Record<Cause, number>;
    byStatus: Record<string, number>;
  };
  /** ISO times of the earliest and latest traced line, or null. */
  firstEvent: string | null;
  lastEvent: string | null;
  diagnostics: {
    byCode: Partial<Record<DiagnosticCode, number>>;
    /** The first diagnostics of each code, capped, for reports. */
    samples: Diagnostic[];
  };
}
