/**
 * What follows a granted authorization: the usage-plan check and a Lambda proxy integration, ending in
 * `Method completed with status`. These lines are most of an archive's bytes.
 * @module
 */
import { clientHeaders, lambdaInvocationUri, maskedSigV4, pathParametersOf, traceRootOf } from './authorizer-lines.js';
import type { EventLog } from './event-log.js';
import type { RequestSpec } from './request-spec.js';
import { derivedUuid, formatAmzDate, formatHttpDate, maskValue } from './text.js';

const API_KEY_ROUTES = new Set(['/partners/feeds']);

/** True when the route requires an API key (the samples' `/partners/feeds`). */
export function requiresApiKey(route: string): boolean {
  return API_KEY_ROUTES.has(route);
}

/** Logs the usage-plan lines. Returns `false` when the API key was refused. */
export function logUsagePlan(spec: RequestSpec, log: EventLog): boolean {
  const stage = `${spec.target.apiId}/${spec.target.stage}`;
  const key = spec.caller.apiKey === undefined ? '' : maskValue(spec.caller.apiKey);
  const method = `'${spec.verb} ${spec.route}'`;
  log.add(`Verifying Usage Plan for request: ${spec.requestId}. API Key: ${key} API Stage: ${stage}`);
  if (spec.outcome === 'api-key-refused') {
    log.add(
      `API Key ${key} not authorized because method ${method} requires API Key and API Key is not associated ` +
        `with a Usage Plan for API Stage ${stage}: Invalid API Key identifier specified`,
    );
    return false;
  }
  if (!requiresApiKey(spec.route)) {
    log.add(
      `API Key ${key} authorized because method ${method} does not require API Key. ` +
        'Request will not contribute to throttle or quota limits',
    );
  }
  log.add(`Usage Plan check succeeded for API Key ${key} and API Stage ${stage}`);
  return true;
}

/** `{a=1, b=2}`: how API Gateway prints maps. */
function formatMap(map: Record<string, string>): string {
  return `{${Object.entries(map).map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

/** The Lambda proxy event the integration receives (cut at 1024 bytes in the log; the token shows raw). */
function proxyEvent(spec: RequestSpec, headers: Record<string, string>, traceRoot: string): string {
  const { apiId, stage, accountId } = spec.target;
  return JSON.stringify({
    resource: spec.route, path: spec.path, httpMethod: spec.verb, headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: Object.keys(spec.query).length === 0 ? null : spec.query,
    pathParameters: pathParametersOf(spec.route, spec.path),
    requestContext: {
      resourcePath: spec.route, httpMethod: spec.verb, stage, accountId, apiId, requestId: spec.requestId,
      identity: { sourceIp: spec.caller.sourceIp, userAgent: spec.caller.userAgent }, traceRoot,
      authorizer: spec.answer === null ? null : { principalId: spec.answer.principalId, ...spec.answer.context },
    },
    body: spec.body === '' ? null : spec.body,
    isBase64Encoded: false,
  });
}

/**
 * Logs the execution phase: method request, integration request and response, method response, status.
 * `allowed-integration-502` ends with the malformed-proxy-response configuration error.
 *
 * @example
 * if (logAuthorization(spec, log) && logUsagePlan(spec, log)) logExecution(spec, log);
 */
export function logExecution(spec: RequestSpec, log: EventLog): void {
  const { region, apiId, stage, accountId } = spec.target;
  const traceRoot = traceRootOf(spec);
  const sampled = spec.xraySampled ? 1 : 0;
  const headers = clientHeaders(spec, traceRoot);
  const shown: Record<string, string> = { ...headers, Authorization: maskValue(spec.caller.authorization) };
  if (spec.caller.apiKey !== undefined) shown['x-api-key'] = maskValue(spec.caller.apiKey);
  log.add(`Starting execution for request: ${spec.requestId}`, 1);
  log.add(`HTTP Method: ${spec.verb}, Resource Path: ${spec.path}`);
  log.add(`Method request path: ${formatMap(pathParametersOf(spec.route, spec.path))}`);
  log.add(`Method request query string: ${formatMap(spec.query)}`);
  log.add(`Method request headers: ${formatMap(shown)}`);
  log.add(`Method request body before transformations: ${spec.body}`);
  const uri = lambdaInvocationUri(region, spec.integrationArn);
  log.add(`Endpoint request URI: ${uri}`, 1);
  const sourceArn = `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${spec.verb}${spec.route}`;
  log.add(
    `Endpoint request headers: {x-amzn-lambda-integration-tag=${spec.requestId}, ` +
      `Authorization=${maskedSigV4(spec, 'integration')}, X-Amz-Date=${formatAmzDate(log.now())}, ` +
      `x-amzn-apigateway-api-id=${apiId}, Accept=application/json, User-Agent=AmazonAPIGateway_${apiId}, ` +
      `X-Amz-Source-Arn=${sourceArn}, X-Amz-Security-Token=${spec.securityToken}}`,
  );
  log.add(`Endpoint request body after transformations: ${proxyEvent(spec, headers, traceRoot)}`);
  if (spec.wording !== '2017') log.add(`Sending request to ${uri}`);
  const failed = spec.outcome === 'allowed-integration-502';
  const lambdaBody = failed
    ? JSON.stringify({ statusCode: 200, body: JSON.parse(spec.response.body) as unknown })
    : JSON.stringify({ statusCode: spec.response.status, headers: { 'Content-Type': 'application/json' }, body: spec.response.body });
  log.add(`Received response. Status: 200, Integration latency: ${spec.integrationLatency} ms`, spec.integrationLatency);
  log.add(
    `Endpoint response headers: {Date=${formatHttpDate(log.now())}, Content-Type=application/json, ` +
      `Content-Length=${Buffer.byteLength(lambdaBody)}, Connection=keep-alive, ` +
      `x-amzn-RequestId=${derivedUuid(spec.requestId)}, x-amzn-Remapped-Content-Length=0, ` +
      `X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=${traceRoot};sampled=${sampled}}`,
  );
  log.add(`Endpoint response body before transformations: ${lambdaBody}`);
  if (failed) {
    log.add('Execution failed due to configuration error: Malformed Lambda proxy response');
    log.add('Method completed with status: 502');
    return;
  }
  log.add(`Method response body after transformations: ${spec.response.body}`, 1);
  log.add(`Method response headers: {X-Amzn-Trace-Id=Root=${traceRoot};Sampled=${sampled}, Content-Type=application/json}`);
  log.add('Successfully completed execution');
  log.add(`Method completed with status: ${spec.response.status}`);
}
