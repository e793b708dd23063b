import {
  evaluatePolicy, parseMethodArn, salvagePolicy, validateAuthorizerResponse,
  type AuthorizerResponseCheck, type PolicyEvaluation, type SalvagedPolicy,
} from '../policy/index.js';
import type { LineMark, Trace } from '../types.js';

/** A refusal not made by an authorizer or a resource policy. */
export type OtherDenialKind = 'api-key' | 'waf' | 'missing-token' | 'sigv4';

/** What the client was told, read from the gateway response body. */
export type ToldDenial = 'explicit-deny' | 'implicit-deny' | 'resource-policy' | 'resource-policy-explicit';

/** The facts of one trace the decision rules need, derived once per trace. */
export interface Signals {
  trace: Trace;
  methodArn: string | null;
  apiId: string | null;
  stage: string | null;
  region: string | null;
  accountId: string | null;
  httpMethod: string | null;
  resourcePath: string | null;
  status: number | null;
  /** The reason of a configuration error logged before `Starting execution` (the authorizer phase). */
  authorizerError: string | null;
  /** The authorizer phase failed (a reason, `AuthorizerConfigurationException`, a 500 gateway response…). */
  authorizerFailed: boolean;
  /** The integration's failure: a configuration error after `Starting execution`. */
  integrationError: string | null;
  /** A 401: `Unauthorized request`, status 401 or an UNAUTHORIZED gateway response. */
  unauthorized: boolean;
  /** `The client is not authorized to perform this operation.` */
  clientDenied: boolean;
  told: ToldDenial | null;
  otherDenial: OtherDenialKind | null;
  invoked: boolean;
  /** The authorizer decided without invoking its Lambda. */
  cacheHit: boolean;
  /** The fresh answer of the Lambda, when its result body was logged. */
  fresh: SalvagedPolicy | null;
  freshEvaluation: PolicyEvaluation | null;
  freshCheck: AuthorizerResponseCheck | null;
}

const OTHER_TYPES: Record<string, OtherDenialKind> = {
  INVALID_API_KEY: 'api-key',
  WAF_FILTERED: 'waf',
  MISSING_AUTHENTICATION_TOKEN: 'missing-token',
  EXPIRED_TOKEN: 'sigv4',
  INVALID_SIGNATURE: 'sigv4',
};
const CONFIG_PREFIX = 'configuration error: ';

/**
 * Reads the decision-relevant facts of a trace: one pass over its marks, one policy salvage and evaluation.
 * @example readSignals(trace).cacheHit // true when the authorizer decided without invoking its Lambda
 */
export function readSignals(trace: Trace): Signals {
  const { marks } = trace;
  const authorizer = trace.authorizer;
  const arn = trace.methodArn === null ? null : parseMethodArn(trace.methodArn);
  const exec = marks.executionStart;
  // Position decides who failed: the same error text appears for authorizers and integrations.
  const beforeExecution = (mark: LineMark): boolean => {
    const at = marks[mark];
    return at !== undefined && (exec === undefined || at < exec);
  };
  const configLine = lineText(trace, 'authorizerConfigurationError');
  const configReason = reasonOf(configLine) ?? configLine;
  // Filed under the authorizer but logged after `Starting execution`: the integration's after all.
  const configAfterExecution = marks.authorizerConfigurationError !== undefined && !beforeExecution('authorizerConfigurationError');
  const authorizerError = configAfterExecution ? null : authorizer?.configurationError ?? configReason;
  const integrationError = trace.integrationError
    ?? (configAfterExecution ? configReason ?? authorizer?.configurationError ?? null : null);

  const status = trace.status ?? trace.gatewayResponse?.status ?? null;
  const gatewayType = trace.gatewayResponse?.type ?? null;
  const told = readTold(trace.gatewayResponse?.body ?? null);
  // A result body proves the Lambda ran even where the invocation lines are missing (2017-era logs).
  const invoked = authorizer !== null && (authorizer.invoked || authorizer.resultBody !== null);
  const unauthorized = marks.unauthorized !== undefined || status === 401 || gatewayType === 'UNAUTHORIZED';
  const clientDenied = marks.clientNotAuthorized !== undefined;
  const authorizerFailed = authorizerError !== null
    || beforeExecution('authorizerError')
    || gatewayType === 'AUTHORIZER_CONFIGURATION_ERROR'
    || gatewayType === 'AUTHORIZER_FAILURE'
    || (status === 500 && authorizer !== null && !trace.executionStarted && !clientDenied && !unauthorized);

  const fresh = authorizer === null || authorizer.resultBody === null ? null : salvagePolicy(authorizer.resultBody, authorizer.resultTruncated);
  const freshEvaluation = fresh?.policyDocument && trace.methodArn !== null ? evaluatePolicy(fresh.policyDocument, trace.methodArn) : null;
  const freshCheck = fresh?.parsed ? validateAuthorizerResponse(fresh.value) : null;

  const cacheHit = authorizer !== null && !invoked && authorizer.resultBody === null && !unauthorized
    && authorizerError === null
    && (authorizer.principal !== null || authorizer.completed || clientDenied || trace.executionStarted || status === 403);

  return {
    trace,
    methodArn: trace.methodArn,
    apiId: trace.apiId ?? arn?.apiId ?? null,
    stage: trace.stage ?? arn?.stage ?? null,
    region: trace.region ?? arn?.region ?? null,
    accountId: trace.accountId ?? arn?.accountId ?? null,
    httpMethod: trace.httpMethod ?? arn?.verb ?? null,
    resourcePath: trace.resourcePath ?? (arn ? `/${arn.path}` : null),
    status,
    authorizerError,
    authorizerFailed,
    integrationError,
    unauthorized,
    clientDenied,
    told,
    otherDenial: readOtherDenial(trace, gatewayType),
    invoked,
    cacheHit,
    fresh,
    freshEvaluation,
    freshCheck,
  };
}

/** The text of a marked line, or null. */
export function lineText(trace: Trace, mark: LineMark): string | null {
  const at = trace.marks[mark];
  return at === undefined ? null : trace.lines[at]?.text ?? null;
}

function reasonOf(line: string | null): string | null {
  if (line === null) return null;
  const at = line.indexOf(CONFIG_PREFIX);
  return at < 0 ? null : line.slice(at + CONFIG_PREFIX.length).trim();
}

function readTold(body: string | null): ToldDenial | null {
  if (body === null) return null;
  const explicit = body.includes('with an explicit deny');
  if (body.includes('execute-api:Invoke')) return explicit ? 'resource-policy-explicit' : 'resource-policy';
  if (body.includes('not authorized to access this resource')) return explicit ? 'explicit-deny' : 'implicit-deny';
  return null;
}

function readOtherDenial(trace: Trace, gatewayType: string | null): OtherDenialKind | null {
  if (trace.marks.apiKeyError !== undefined) return 'api-key';
  const byType = gatewayType === null ? undefined : OTHER_TYPES[gatewayType];
  if (byType) return byType;
  const body = trace.gatewayResponse?.body ?? '';
  if (body.includes('Missing Authentication Token')) return 'missing-token';
  if (body.includes('security token included in the request') || body.includes('Signature expired')
    || body.includes('request signature we calculated')) return 'sigv4';
  return null;
}
