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
const EXECUTION_START = 'Starting execution for request:';
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

/**
 * Reads one line of a trace (the text after its `(id) ` prefix) into the draft.
 *
 * A switch on the first character picks the two or three shapes the line can be, so a line costs one
 * `charCodeAt` and a few `startsWith` calls; most integration lines (`Method request headers: …`) fall
 * through the switch untouched. Lines of the authorizer phase are told from the integration's same wording
 * by position: before or after `Starting execution for request:`.
 */
export function readLine(draft: TraceDraft, text: string, index: number): void {
  const authorizerPhase = !draft.executionStarted;
  switch (text.charCodeAt(0)) {
    case 65 /* A */:
      if (text.startsWith(RESULT_BODY)) return readResultBody(draft, text, RESULT_BODY.length, index);
      if (text.startsWith('AuthorizerConfigurationException')) return readAuthorizerError(draft, index);
      if (text.startsWith('Authorizer error')) return readAuthorizerError(draft, index);
      // `API Key <k> authorized because …` passes; `API Key <k> not authorized because …` refuses (inferred).
      if (text.startsWith('API Key ') && text.includes(' not authorized because')) return mark(draft, 'apiKeyError', index);
      return;
    case 69 /* E */:
      if (text.startsWith(EXTENDED_ID)) {
        mark(draft, 'extendedRequestId', index);
        draft.extendedRequestId ??= restOf(text, EXTENDED_ID.length) || null;
        return;
      }
      if (text.startsWith(ENDPOINT_HEADERS)) return readEndpointHeaders(draft, text, ENDPOINT_HEADERS.length);
      if (text.startsWith(CONFIGURATION_ERROR)) return readConfigurationError(draft, text, CONFIGURATION_ERROR.length, index);
      if (text.startsWith(EXPLICIT_DENY)) {
        const user = text.indexOf('User: ', EXPLICIT_DENY.length);
        return readResourcePolicyDeny(draft, text, user, true, index);
      }
      // After `Starting execution`, the same endpoint wording belongs to the integration.
      if (!authorizerPhase) return;
      if (text.startsWith(ENDPOINT_URI)) return readEndpointUri(draft, text, ENDPOINT_URI.length, index);
      if (text.startsWith(ENDPOINT_BODY)) return readEndpointBody(draft, text, ENDPOINT_BODY.length, index);
      return;
    case 71 /* G */:
      if (text.startsWith(GATEWAY_TYPE)) return readGatewayResponseType(draft, text, GATEWAY_TYPE.length, index);
      if (text.startsWith(GATEWAY_BODY)) return readGatewayResponseBody(draft, text, GATEWAY_BODY.length, index);
      return;
    case 72 /* H */:
      if (text.startsWith(METHOD_LINE)) return readMethodLine(draft, text, METHOD_LINE.length, index);
      return;
    case 73 /* I */:
      if (text.startsWith(IDENTITY)) return readIdentity(draft, text, IDENTITY.length, index);
      if (text.startsWith('Invalid API Key')) return mark(draft, 'apiKeyError', index);
      return;
    case 77 /* M */:
      if (text.startsWith(COMPLETED)) return readMethodCompleted(draft, text, COMPLETED.length, index);
      return;
    case 83 /* S */:
      if (text.startsWith(AUTHORIZER_START)) return readAuthorizerStart(draft, text, AUTHORIZER_START.length, index);
      if (text.startsWith(EXECUTION_START)) {
        mark(draft, 'executionStart', index);
        draft.executionStarted = true;
        return;
      }
      if (text.startsWith('Successfully completed authorizer execution')) return readAuthorizerCompleted(draft, index);
      if (authorizerPhase && text.startsWith(SENDING)) return readSendingRequest(draft, text, SENDING.length, index);
      return;
    case 84 /* T */:
      if (text.startsWith('The client is not authorized to perform this operation.')) return mark(draft, 'clientNotAuthorized', index);
      return;
    case 85 /* U */:
      if (text.startsWith('Unauthorized')) {
        // `Unauthorized request: <id>`, or the console test's bare `Unauthorized`.
        if (text.startsWith('Unauthorized request:') || restOf(text, 12) === '') mark(draft, 'unauthorized', index);
        return;
      }
      if (text.startsWith(PRINCIPAL)) return readPrincipal(draft, text, PRINCIPAL.length, index);
      if (text.startsWith('User: ') && isResourcePolicyUserLine(text)) return readResourcePolicyDeny(draft, text, 0, false, index);
      if (text.startsWith('Usage Plan check failed')) {
        mark(draft, 'apiKeyError', index);
        return readUsagePlanStage(draft, text, 'API Stage ');
      }
      if (text.startsWith('Usage Plan check succeeded')) return readUsagePlanStage(draft, text, 'API Stage ');
      return;
    case 86 /* V */:
      if (text.startsWith('Verifying Usage Plan for request:')) {
        mark(draft, 'usagePlan', index);
        return readUsagePlanStage(draft, text, 'API Stage: ');
      }
      return;
    case 123 /* { */:
      // A REQUEST authorizer's identity sources logged on their own line.
      if (isIdentityMap(text) && (draft.authorizer?.identity ?? null) === null) return readIdentity(draft, text, 0, index);
      return;
    // `X-ray Tracing ID : Root=…` (2026; may follow the last line) and the integration's lines carry nothing
    // the classifier uses: they stay in `lines` for evidence and fall through.
  }
}
