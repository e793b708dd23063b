/**
 * trace403: explains why Amazon API Gateway refused a request, from its execution logs.
 *
 * `analyze` runs the whole pipeline; each stage is also exported on its own, in data-flow order:
 * decode → reassemble → extract → classify (with the policy engine) → report. This file only re-exports.
 * @module
 */

// The whole pipeline
export { analyze } from './pipeline/analyze.js';
export type { Analysis, AnalyzeInput, AnalyzeOptions, AnalyzeProgress } from './pipeline/analyze.js';
export { Trace403Error } from './errors.js';
export type { Trace403ErrorCode } from './errors.js';

// Decode: bytes → log events
export { createDecoder, decodeChunks, decodeFile, listInputFiles, sniffFormat } from './decode/index.js';
export type { Decoder, DecoderOptions, InputFile } from './decode/index.js';

// Reassemble: log events → one raw trace per request
export { createReassembler } from './reassemble/index.js';
export type { Reassembler, ReassembleOptions } from './reassemble/index.js';

// Extract: raw trace → trace with its facts
export { extractTrace } from './extract/index.js';

// Policy engine
export {
  evaluatePolicy,
  explainResourceMiss,
  formatMethodArn,
  matchResource,
  parseMethodArn,
  salvagePolicy,
  validateAuthorizerResponse,
  widenResource,
} from './policy/index.js';
export type {
  AuthorizerResponseCheck,
  MethodArn,
  PolicyEvaluation,
  SalvagedPolicy,
  StatementEvaluation,
} from './policy/index.js';

// Classify: trace → record with cause, evidence and fix
export { classifyTrace, createClassifier, validateTraceRecord } from './classify/index.js';
export type { CachedOrigin, Classifier, ClassifyOptions } from './classify/index.js';

// Redaction
export { redactIdentity, redactRecord, redactText } from './redact/index.js';

// Reports and the summary
export { createReportWriter, formatNdjson, renderReport, REPORT_FORMATS } from './report/index.js';
export type { ReportFormat, ReportWriter, ReportWriterOptions } from './report/index.js';
export {
  addDecodeStats,
  addDiagnostic,
  addReassembleStats,
  addRecord,
  buildSummary,
  createSummaryParts,
  mergeSummaryParts,
} from './summary/index.js';
export type { SummaryParts } from './summary/index.js';

// The vocabulary shared by the stages
export { CAUSES, INPUT_FORMATS } from './types.js';
export type {
  AuthorizerFacts,
  AuthorizerRecord,
  Cause,
  CloseReason,
  Confidence,
  DecodeStats,
  Diagnostic,
  DiagnosticCode,
  DiagnosticHandler,
  EvidenceLine,
  InputFormat,
  LineMark,
  LogEvent,
  PolicyDecision,
  RawTrace,
  ReassembleStats,
  SourcePosition,
  Summary,
  Trace,
  TraceLine,
  TraceRecord,
} from './types.js';
