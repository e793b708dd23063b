import {
  isIdentityMap,
  readAuthorizerCompleted,
  readAuthorizerError,
  readAuthorizerStart,
  readConfigurationError,
  readEndpointBody,
  readEndpointHeaders,
  readEndpointUri,
  readIdentity,
  readPrincipal,
  readResultBody,
  readSendingRequest,
} from './read-authorizer-lines.js';
import {
  isResourcePolicyUserLine,
  readGatewayResponseBody,
  readGatewayResponseType,
  readMethodCompleted,
  readMethodLine,
  readResourcePolicyDeny,
  readUsagePlanStage,
} from './read-outcome-lines.js';
import { restOf } from './read-text.js';
import { mark, type TraceDraft } from './trace-draft.js';

const EXTENDED_ID = 'Extended Request Id: ';
const AUTHORIZER_START = 'Starting authorizer: ';
const IDENTITY = 'Incoming identity: ';
const ENDPOINT_URI = 'Endpoint request URI: ';
const ENDPOINT_HEADERS = 'Endpoint request headers: ';
const ENDPOINT_BODY = 'Endpoint request body after transformations: ';
const SENDING = 'Sending request to ';
const RESULT_BODY = 'Authorizer result body before parsing:';
const PRINCIPAL = 'Using valid authorizer policy for principal:';
const CONFIGURATION_ERROR = 'Execution failed due to configuration error:';
const EXPLICIT_DENY = 'ExplicitDenyException';
const GATEWAY_TYPE = 'Gateway response type: ';
const GATEWAY_BODY = 'Gateway response body:';
const METHOD_LINE = 'HTTP Method: ';
const COMPLETED = 'Method completed with status:';

/** A line {@link readLine} acts on: its text (after the `(id) ` prefix) starts with `prefix`. */
export interface LineShape {
  prefix: string;
  /**
   * Only before `Starting execution for request:`: after it, the same wording belongs to the integration's
   * request, not the authorizer's.
   */
  authorizerPhase?: true;
  /** Reads the line into the draft; it may still find nothing there (`API Key … authorized because`). */
  read(draft: TraceDraft, text: string, index: number): void;
}

/**
 * Every line shape readLine acts on, in the order it tries them: the first whose prefix fits (in its phase) reads
 * the line, and no other does. A line no prefix fits is certainly left alone, which the pipeline's fast path
 * relies on to skip, unread, the bytes of every other line (extract-open-trace.ts reads its prefixes from here):
 * add a shape here, never beside this list.
 */
export const LINE_SHAPES: readonly LineShape[] = [
  { prefix: RESULT_BODY, read: (draft, text, index) => readResultBody(draft, text, RESULT_BODY.length, index) },
  { prefix: 'AuthorizerConfigurationException', read: (draft, _text, index) => readAuthorizerError(draft, index) },
  { prefix: 'Authorizer error', read: (draft, _text, index) => readAuthorizerError(draft, index) },
  // `API Key <k> authorized because …` passes; `API Key <k> not authorized because …` refuses (inferred).
  {
    prefix: 'API Key ',
    read: (draft, text, index) => {
      if (text.includes(' not authorized because')) mark(draft, 'apiKeyError', index);
    },
  },
  { prefix: EXTENDED_ID, read: readExtendedId },
  { prefix: ENDPOINT_HEADERS, read: (draft, text) => readEndpointHeaders(draft, text, ENDPOINT_HEADERS.length) },
  { prefix: CONFIGURATION_ERROR, read: (draft, text, index) => readConfigurationError(draft, text, CONFIGURATION_ERROR.length, index) },
  { prefix: EXPLICIT_DENY, read: (draft, text, index) => readResourcePolicyDeny(draft, text, text.indexOf('User: ', EXPLICIT_DENY.length), true, index) },
  { prefix: ENDPOINT_URI, authorizerPhase: true, read: (draft, text, index) => readEndpointUri(draft, text, ENDPOINT_URI.length, index) },
  { prefix: ENDPOINT_BODY, authorizerPhase: true, read: (draft, text, index) => readEndpointBody(draft, text, ENDPOINT_BODY.length, index) },
  { prefix: GATEWAY_TYPE, read: (draft, text, index) => readGatewayResponseType(draft, text, GATEWAY_TYPE.length, index) },
  { prefix: GATEWAY_BODY, read: (draft, text, index) => readGatewayResponseBody(draft, text, GATEWAY_BODY.length, index) },
  { prefix: METHOD_LINE, read: (draft, text, index) => readMethodLine(draft, text, METHOD_LINE.length, index) },
  { prefix: IDENTITY, read: (draft, text, index) => readIdentity(draft, text, IDENTITY.length, index) },
  { prefix: 'Invalid API Key', read: (draft, _text, index) => mark(draft, 'apiKeyError', index) },
  { prefix: COMPLETED, read: (draft, text, index) => readMethodCompleted(draft, text, COMPLETED.length, index) },
  { prefix: AUTHORIZER_START, read: (draft, text, index) => readAuthorizerStart(draft, text, AUTHORIZER_START.length, index) },
  { prefix: 'Starting execution for request:', read: readExecutionStart },
  { prefix: 'Successfully completed authorizer execution', read: (draft, _text, index) => readAuthorizerCompleted(draft, index) },
  { prefix: SENDING, authorizerPhase: true, read: (draft, text, index) => readSendingRequest(draft, text, SENDING.length, index) },
  { prefix: 'The client is not authorized to perform this operation.', read: (draft, _text, index) => mark(draft, 'clientNotAuthorized', index) },
  { prefix: 'Unauthorized', read: readUnauthorized },
  { prefix: PRINCIPAL, read: (draft, text, index) => readPrincipal(draft, text, PRINCIPAL.length, index) },
  {
    prefix: 'User: ',
    read: (draft, text, index) => {
      if (isResourcePolicyUserLine(text)) readResourcePolicyDeny(draft, text, 0, false, index);
    },
  },
  { prefix: 'Usage Plan check failed', read: readUsagePlanFailed },
  { prefix: 'Usage Plan check succeeded', read: (draft, text) => readUsagePlanStage(draft, text, 'API Stage ') },
  { prefix: 'Verifying Usage Plan for request:', read: readVerifyingUsagePlan },
  // A REQUEST authorizer's identity sources logged on their own line.
  {
    prefix: '{',
    read: (draft, text, index) => {
      if (isIdentityMap(text) && (draft.authorizer?.identity ?? null) === null) readIdentity(draft, text, 0, index);
    },
  },
  // `X-ray Tracing ID : Root=…` (2026; may follow the last line) and the integration's lines carry nothing the
  // classifier uses: they stay in `lines` for evidence, unread.
];

/**
 * The shapes by the first character of their prefix: a line costs one array read and the `startsWith` of the two
 * or three shapes it can be; most integration lines (`Method request headers: …`) match none.
 */
const byFirstChar: (LineShape[] | undefined)[] = [];
for (const shape of LINE_SHAPES) (byFirstChar[shape.prefix.charCodeAt(0)] ??= []).push(shape);

/**
 * Reads one line of a trace (the text after its `(id) ` prefix) into the draft: the first of
 * {@link LINE_SHAPES} that fits reads it. Lines of the authorizer phase are told from the integration's same
 * wording by position: before or after `Starting execution for request:`.
 */
export function readLine(draft: TraceDraft, text: string, index: number): void {
  const candidates = byFirstChar[text.charCodeAt(0)];
  if (candidates === undefined) return;
  const authorizerPhase = !draft.executionStarted;
  for (const shape of candidates) {
    if (shape.authorizerPhase === true && !authorizerPhase) continue;
    if (text.startsWith(shape.prefix)) return shape.read(draft, text, index);
  }
}

/** `Extended Request Id: <id>`: marked, and the first id kept. */
function readExtendedId(draft: TraceDraft, text: string, index: number): void {
  mark(draft, 'extendedRequestId', index);
  draft.extendedRequestId ??= restOf(text, EXTENDED_ID.length) || null;
}

/** `Starting execution for request:` ends the authorizer phase. */
function readExecutionStart(draft: TraceDraft, _text: string, index: number): void {
  mark(draft, 'executionStart', index);
  draft.executionStarted = true;
}

/** `Unauthorized request: <id>`, or the console test's bare `Unauthorized`; other `Unauthorized…` text is not. */
function readUnauthorized(draft: TraceDraft, text: string, index: number): void {
  if (text.startsWith('Unauthorized request:') || restOf(text, 12) === '') mark(draft, 'unauthorized', index);
}

/** `Usage Plan check failed …`: an API key refusal, naming its stage. */
function readUsagePlanFailed(draft: TraceDraft, text: string, index: number): void {
  mark(draft, 'apiKeyError', index);
  readUsagePlanStage(draft, text, 'API Stage ');
}

/** `Verifying Usage Plan for request: <id>. API Key: … API Stage: <api>/<stage>`. */
function readVerifyingUsagePlan(draft: TraceDraft, text: string, index: number): void {
  mark(draft, 'usagePlan', index);
  readUsagePlanStage(draft, text, 'API Stage: ');
}
