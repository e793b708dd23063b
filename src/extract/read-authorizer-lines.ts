import { readExecuteApiArn } from './read-arn.js';
import { jsonStringValue, mapValue, restOf, stripTruncated } from './read-text.js';
import { authorizerOf, mark, type TraceDraft } from './trace-draft.js';

/**
 * Readers of the authorizer's lines (LOG-FORMATS.md §4). Each gets the text after the `(id) ` prefix and
 * the offset where the value starts (the length of the prefix the dispatcher matched).
 */

/** `Starting authorizer: <authorizerId> for request: <requestId>` */
export function readAuthorizerStart(draft: TraceDraft, text: string, from: number, index: number): void {
  const authorizer = authorizerOf(draft);
  mark(draft, 'authorizerStart', index);
  const end = text.indexOf(' for request:', from);
  const id = end < 0 ? restOf(text, from) : text.slice(from, end);
  if (id !== '') authorizer.id ??= id;
}

/** `Incoming identity: <masked token>` (TOKEN) or `{method.request.header.X=…}` (REQUEST). */
export function readIdentity(draft: TraceDraft, text: string, from: number, index: number): void {
  const authorizer = authorizerOf(draft);
  mark(draft, 'incomingIdentity', index);
  const identity = restOf(text, from);
  authorizer.identity ??= identity;
  // The request body's `type`, when logged, is better evidence and overrides this guess.
  authorizer.type ??= isIdentityMap(identity) ? 'REQUEST' : 'TOKEN';
}

/** True for the `{method.request.header.X=…, …}` shape of REQUEST identity sources. */
export function isIdentityMap(text: string): boolean {
  return text.startsWith('{method.request.') || text.startsWith('{stageVariables.') || text.startsWith('{context.');
}

/** `Endpoint request URI: https://lambda.<region>.amazonaws.com/2015-03-31/functions/<lambdaArn>/invocations` */
export function readEndpointUri(draft: TraceDraft, text: string, from: number, index: number): void {
  mark(draft, 'authorizerRequestUri', index);
  readLambdaUrl(draft, text, from);
}

/** `Sending request to <same URL>` (absent from 2017 logs). */
export function readSendingRequest(draft: TraceDraft, text: string, from: number, index: number): void {
  mark(draft, 'authorizerSend', index);
  readLambdaUrl(draft, text, from);
}

const LAMBDA_HOST = 'https://lambda.';
const FUNCTIONS = '/functions/';
const INVOCATIONS = '/invocations';

function readLambdaUrl(draft: TraceDraft, text: string, from: number): void {
  const authorizer = authorizerOf(draft);
  authorizer.invoked = true;
  if (text.startsWith(LAMBDA_HOST, from)) {
    const dot = text.indexOf('.', from + LAMBDA_HOST.length);
    if (dot > 0) draft.lambdaHostRegion ??= text.slice(from + LAMBDA_HOST.length, dot);
  }
  const start = text.indexOf(FUNCTIONS, from);
  if (start < 0 || authorizer.lambdaArn !== null) return;
  const end = text.indexOf(INVOCATIONS, start);
  let arn = end < 0 ? restOf(text, start + FUNCTIONS.length) : text.slice(start + FUNCTIONS.length, end);
  if (arn.includes('%')) arn = decodeOrKeep(arn);
  if (arn.startsWith('arn:')) authorizer.lambdaArn = arn;
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `Endpoint request headers: {…, x-amzn-apigateway-api-id=<api>, X-Amz-Source-Arn=<arn>, …}`, any phase. */
export function readEndpointHeaders(draft: TraceDraft, text: string, from: number): void {
  const headers = text.slice(from);
  draft.headerApiId ??= mapValue(headers, 'x-amzn-apigateway-api-id');
  const sourceArn = mapValue(headers, 'X-Amz-Source-Arn') ?? mapValue(headers, 'x-amz-source-arn');
  const arn = sourceArn === null ? null : readExecuteApiArn(sourceArn);
  if (draft.executionStarted) {
    // An integration's source ARN names the route template (`ANY/{resource+}`): good for api and stage,
    // never for the method ARN.
    draft.integrationSourceArn ??= arn;
    return;
  }
  const authorizer = authorizerOf(draft);
  authorizer.invoked = true;
  if (arn === null) return;
  draft.authorizerSourceArn ??= arn;
  if (arn.authorizerId !== null) authorizer.id ??= arn.authorizerId;
}

/** `Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":…,"methodArn":"…"}` */
export function readEndpointBody(draft: TraceDraft, text: string, from: number, index: number): void {
  const authorizer = authorizerOf(draft);
  authorizer.invoked = true;
  mark(draft, 'authorizerRequestBody', index);
  // Key order varies across years; the first `"methodArn":"` is the top-level key in every body seen (headers
  // and query strings of REQUEST bodies come after it).
  const type = jsonStringValue(text, 'type');
  if (type === 'TOKEN' || type === 'REQUEST') authorizer.type = type;
  const methodArn = jsonStringValue(text, 'methodArn');
  if (methodArn !== null && methodArn.startsWith('arn:')) draft.bodyMethodArn ??= methodArn;
}

/** `Authorizer result body before parsing: <policy JSON>`, possibly pretty-printed and possibly cut. */
export function readResultBody(draft: TraceDraft, text: string, from: number, index: number): void {
  const authorizer = authorizerOf(draft);
  mark(draft, 'authorizerResult', index);
  if (authorizer.resultBody !== null) return;
  const { text: body, truncated } = stripTruncated(text.slice(from));
  // A pretty-printed body may start on the next line: the prefix line then ends at the colon.
  authorizer.resultBody = body.trimStart();
  authorizer.resultTruncated = truncated;
}

/** `Using valid authorizer policy for principal: <masked principal>` (empty when the Lambda returned ""). */
export function readPrincipal(draft: TraceDraft, text: string, from: number, index: number): void {
  const authorizer = authorizerOf(draft);
  mark(draft, 'authorizerPrincipal', index);
  authorizer.principal ??= restOf(text, from).trimStart();
}

/** `Successfully completed authorizer execution`: logged for Deny policies too, so not a verdict. */
export function readAuthorizerCompleted(draft: TraceDraft, index: number): void {
  authorizerOf(draft).completed = true;
  mark(draft, 'authorizerCompleted', index);
}

/**
 * `Execution failed due to configuration error: <reason>`. Before `Starting execution` it is the authorizer's
 * (followed by `AuthorizerConfigurationException`); after, the integration's (same wording, seen).
 */
export function readConfigurationError(draft: TraceDraft, text: string, from: number, index: number): void {
  const reason = restOf(text, from).trimStart();
  if (draft.executionStarted) {
    mark(draft, 'integrationError', index);
    draft.integrationError ??= reason;
    return;
  }
  const authorizer = authorizerOf(draft);
  mark(draft, 'authorizerConfigurationError', index);
  // The first reason is the specific one; `Authorizer error` often follows it as a second reason.
  authorizer.configurationError ??= reason;
  if (reason === 'Authorizer error') mark(draft, 'authorizerError', index);
}

/** `AuthorizerConfigurationException` or a bare `Authorizer error` line. */
export function readAuthorizerError(draft: TraceDraft, index: number): void {
  authorizerOf(draft);
  mark(draft, 'authorizerError', index);
}
