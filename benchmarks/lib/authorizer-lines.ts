/**
 * The authorization phase of a request's execution log (LOG-FORMATS.md §4): resource-policy refusals, the
 * authorizer's start, Lambda invocation, result, and the decision lines.
 * @module
 */
import { createHash } from 'node:crypto';
import type { EventLog } from './event-log.js';
import { methodArnOf, type RequestSpec } from './request-spec.js';
import { formatAmzDate, maskValue, stringifyJson } from './text.js';

/** `https://lambda.<region>.amazonaws.com/2015-03-31/functions/<arn>/invocations`. */
export function lambdaInvocationUri(region: string, lambdaArn: string): string {
  return `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${lambdaArn}/invocations`;
}

/** The masked SigV4 `Authorization` API Gateway signs Lambda calls with (its last 6 characters stay visible). */
export function maskedSigV4(spec: RequestSpec, service: string): string {
  const signature = createHash('sha256').update(spec.requestId + service).digest('hex');
  const date = formatAmzDate(spec.startTime).slice(0, 8);
  const credential = `ASIA4EXAMPLE7TRACE4O3/${date}/${spec.target.region}/lambda/aws4_request`;
  const signed = 'accept;host;x-amz-date;x-amz-security-token;x-amz-source-arn;x-amzn-apigateway-api-id';
  return maskValue(`AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signed}, Signature=${signature}`);
}

/** `Incoming identity: …` as logged: the token source masked, or every REQUEST identity source masked. */
function incomingIdentity(spec: RequestSpec): string {
  const auth = spec.authorizer;
  if (auth === null || auth.type === 'TOKEN') return `Incoming identity: ${maskValue(spec.caller.authorization)}`;
  const values: Record<string, string> = { Authorization: spec.caller.authorization };
  if (spec.caller.sessionId !== undefined) values['X-Session-Id'] = spec.caller.sessionId;
  const parts = auth.identityHeaders.map((h) => `method.request.header.${h}=${maskValue(values[h] ?? '')}`);
  return `Incoming identity: {${parts.join(', ')}}`;
}

/** The JSON API Gateway sends to the authorizer Lambda (raw token inside: a secret). */
function authorizerRequestBody(spec: RequestSpec, headers: Record<string, string>): string {
  const methodArn = methodArnOf(spec);
  if (spec.authorizer?.type === 'REQUEST') {
    const pathParameters = pathParametersOf(spec.route, spec.path);
    return JSON.stringify({
      type: 'REQUEST', methodArn, resource: spec.route, path: spec.path, httpMethod: spec.verb, headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: spec.query, pathParameters, stageVariables: {},
    });
  }
  const token = spec.caller.authorization;
  return spec.methodArnFirst
    ? JSON.stringify({ type: 'TOKEN', methodArn, authorizationToken: token })
    : JSON.stringify({ type: 'TOKEN', authorizationToken: token, methodArn });
}

/** `{orderId: '42'}` from route `/orders/{orderId}` and path `/orders/42`. */
export function pathParametersOf(route: string, path: string): Record<string, string> {
  const names = route.split('/');
  const values = path.split('/');
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    if (name.startsWith('{')) out[name.slice(1, name.endsWith('+}') ? -2 : -1)] = values[i] ?? '';
  });
  return out;
}

/** The client's headers as the authorizer and integration see them (unmasked: secrets inside). */
export function clientHeaders(spec: RequestSpec, traceRoot: string): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', Authorization: spec.caller.authorization };
  h.Host = `${spec.target.apiId}.execute-api.${spec.target.region}.amazonaws.com`;
  h['User-Agent'] = spec.caller.userAgent;
  h['X-Amzn-Trace-Id'] = `Root=${traceRoot}`;
  h['X-Forwarded-For'] = spec.caller.sourceIp;
  h['X-Forwarded-Port'] = '443';
  h['X-Forwarded-Proto'] = 'https';
  if (spec.caller.apiKey !== undefined) h['x-api-key'] = spec.caller.apiKey;
  if (spec.caller.sessionId !== undefined) h['X-Session-Id'] = spec.caller.sessionId;
  return h;
}

/** The X-Ray root id of a request, derived from its id and time so it is stable. */
export function traceRootOf(spec: RequestSpec): string {
  return `1-${Math.floor(spec.startTime / 1000).toString(16)}-${spec.requestId.replaceAll('-', '').slice(0, 24)}`;
}

/** Logs the Lambda invocation lines: endpoint URI, headers (cut), body, and `Sending request` (not in 2017). */
function logInvocation(spec: RequestSpec, log: EventLog): void {
  const auth = spec.authorizer;
  if (auth === null) return;
  const { region, accountId, apiId } = spec.target;
  const uri = lambdaInvocationUri(region, auth.lambdaArn);
  log.add(`Endpoint request URI: ${uri}`, 1);
  const sourceArn = `arn:aws:execute-api:${region}:${accountId}:${apiId}/authorizers/${auth.id}`;
  log.add(
    `Endpoint request headers: {x-amzn-lambda-integration-tag=${spec.requestId}, ` +
      `Authorization=${maskedSigV4(spec, 'authorizer')}, X-Amz-Date=${formatAmzDate(log.now())}, ` +
      `x-amzn-apigateway-api-id=${apiId}, X-Amz-Source-Arn=${sourceArn}, Accept=application/json, ` +
      `User-Agent=AmazonAPIGateway_${apiId}, X-Amz-Security-Token=${spec.securityToken}}`,
  );
  const body = authorizerRequestBody(spec, clientHeaders(spec, traceRootOf(spec)));
  log.add(`Endpoint request body after transformations: ${body}`);
  if (spec.wording !== '2017') log.add(`Sending request to ${uri}`);
}

const CONFIG_ERROR = 'Execution failed due to configuration error: ';

/**
 * Logs the authorization phase. Returns `true` when the request goes on to the usage plan and integration.
 *
 * @example
 * const log = createEventLog(spec.requestId, spec.startTime);
 * if (logAuthorization(spec, log)) logExecution(spec, log);
 */
export function logAuthorization(spec: RequestSpec, log: EventLog): boolean {
  const arn = methodArnOf(spec);
  switch (spec.outcome) {
    case 'resource-policy-explicit-deny':
      log.add(
        `ExplicitDenyException User: anonymous is not authorized to perform: execute-api:Invoke on resource: ` +
          `${arn} with an explicit deny: ${spec.requestId}`,
      );
      return false;
    case 'resource-policy-implicit-deny':
      log.add(`User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn}`);
      return false;
  }
  const auth = spec.authorizer;
  if (auth === null) return true;
  log.add(`Starting authorizer: ${auth.id} for request: ${spec.requestId}`);
  if (spec.outcome === 'identity-source-missing') {
    log.add(`Unauthorized request: ${spec.requestId}`, 1);
    return false;
  }
  log.add(incomingIdentity(spec));
  const cached = spec.cacheHit;
  if (!cached) logInvocation(spec, log);
  switch (spec.outcome) {
    case 'lambda-unauthorized':
      log.add(`Unauthorized request: ${spec.requestId}`, spec.authorizerLatency);
      return false;
    case 'config-lambda-crash':
      log.add(`${CONFIG_ERROR}Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable`, spec.authorizerLatency);
      log.add('AuthorizerConfigurationException');
      return false;
    case 'config-null-policy':
      log.add('Authorizer result body before parsing: null', spec.authorizerLatency);
      log.add(`${CONFIG_ERROR}Could not parse policy`);
      log.add('AuthorizerConfigurationException');
      return false;
    case 'config-invalid-permissions':
      log.add(`${CONFIG_ERROR}Invalid permissions on Lambda function`, spec.authorizerLatency);
      log.add(`${CONFIG_ERROR}Authorizer error`);
      log.add('AuthorizerConfigurationException');
      return false;
  }
  if (!cached && spec.answer !== null) {
    const result = stringifyJson(spec.answer, auth.dialect);
    log.add(`Authorizer result body before parsing: ${result}`, spec.authorizerLatency);
  }
  log.add(`Using valid authorizer policy for principal: ${maskValue(spec.answer?.principalId ?? '')}`, cached ? 1 : 0);
  log.add('Successfully completed authorizer execution');
  const denied = ['authorizer-explicit-deny', 'authorizer-implicit-deny', 'cached-explicit-deny', 'cached-policy-deny'];
  if (!denied.includes(spec.outcome)) return true;
  log.add('The client is not authorized to perform this operation.');
  if (spec.logDenyStatus) log.add('Method completed with status: 403', 1);
  return false;
}
