/**
 * The parameters of one API Gateway request, from which the line renderers write its execution-log events.
 * A spec says what happened (the ground truth); the rendered lines are what a reader of the log gets to see.
 * @module
 */
import type { Cause } from '../../src/types.js';
import type { JsonDialect } from './text.js';

/** The REST API stage the logs come from. */
export interface ApiTarget {
  apiId: string;
  stage: string;
  region: string;
  accountId: string;
}

/** A Lambda authorizer as configured on the API. */
export interface AuthorizerSpec {
  id: string;
  type: 'TOKEN' | 'REQUEST';
  lambdaArn: string;
  /** How the authorizer's runtime serialises its answer (the log shows it raw). */
  dialect: JsonDialect;
  /** REQUEST authorizers: the header names of the identity sources, e.g. `['Authorization', 'X-Session-Id']`. */
  identityHeaders: readonly string[];
}

/** One IAM-style policy statement as an authorizer returns it. */
export interface PolicyStatement {
  Action: string | string[];
  Effect: 'Allow' | 'Deny';
  Resource: string | string[];
}

/** The authorizer's answer (LOG-FORMATS.md §5). */
export interface AuthorizerAnswer {
  principalId: string;
  policyDocument: { Version: string; Statement: PolicyStatement[] };
  context?: Record<string, string | number | boolean>;
}

/** The caller: what it sends and who the authorizer says it is. */
export interface CallerSpec {
  /** The `Authorization` header value (secret; logged raw in request bodies, masked elsewhere). */
  authorization: string;
  /** REQUEST authorizers: a second identity-source header (secret), e.g. a session id. */
  sessionId?: string;
  /** The `x-api-key` header, when the caller sends one (logged masked). */
  apiKey?: string;
  sourceIp: string;
  userAgent: string;
}

/**
 * What happened to the request. Each maps to exactly one {@link Cause} through {@link causeOfOutcome}.
 * `cached-*` outcomes are refusals by a cached policy; an allowed request may be a cache hit too
 * ({@link RequestSpec.cacheHit}).
 */
export type Outcome =
  | 'allowed'
  | 'allowed-integration-502'
  | 'authorizer-explicit-deny'
  | 'authorizer-implicit-deny'
  | 'cached-explicit-deny'
  | 'cached-policy-deny'
  | 'resource-policy-explicit-deny'
  | 'resource-policy-implicit-deny'
  | 'identity-source-missing'
  | 'lambda-unauthorized'
  | 'config-lambda-crash'
  | 'config-null-policy'
  | 'config-invalid-permissions'
  | 'api-key-refused';

/** Log wording by era: 2017 lacks `Extended Request Id` and `Sending request to`; 2026 adds an X-Ray line. */
export type Wording = '2017' | 'standard' | '2026';

/** Everything needed to render one request's events. */
export interface RequestSpec {
  requestId: string;
  /** Base64-ish id of `Extended Request Id:` (absent from 2017 wording). */
  extendedRequestId: string;
  /** Epoch ms of the first event. */
  startTime: number;
  target: ApiTarget;
  wording: Wording;
  verb: string;
  /** The concrete path, e.g. `/orders/42` (may hold non-ASCII characters). */
  path: string;
  /** The route template, e.g. `/orders/{orderId}`. */
  route: string;
  query: Record<string, string>;
  /** Request body as sent; a pretty JSON body makes a multi-line event. */
  body: string;
  /** Null for routes without authorizer. */
  authorizer: AuthorizerSpec | null;
  caller: CallerSpec;
  outcome: Outcome;
  /** The authorizer cache answered: no Lambda invocation lines. True for `cached-*` outcomes. */
  cacheHit: boolean;
  /** The answer the Lambda returned (fresh) or the one cached earlier (cache hit); null when none. */
  answer: AuthorizerAnswer | null;
  /** TOKEN request body key order: `methodArn` before (2019+) or after (older) `authorizationToken`. */
  methodArnFirst: boolean;
  /** Log `Method completed with status: 403` after an authorizer deny (it may or may not follow). */
  logDenyStatus: boolean;
  /** Sampled by X-Ray: with 2026 wording, `X-ray Tracing ID : Root=…` follows the last line. */
  xraySampled: boolean;
  /** The `X-Amz-Security-Token` API Gateway sends to Lambda (secret, logged raw in headers). */
  securityToken: string;
  /** The integration Lambda's ARN. */
  integrationArn: string;
  /** Response status and body of the integration when reached. */
  response: { status: number; body: string };
  /** Milliseconds the authorizer and the integration took. */
  authorizerLatency: number;
  integrationLatency: number;
}

/** A rendered CloudWatch event: what a container will carry. */
export interface RenderedEvent {
  timestamp: number;
  /** The message, `(requestId) ` prefix included; may contain newlines. */
  message: string;
}

const CAUSE_OF: Record<Outcome, Cause> = {
  allowed: 'ALLOWED',
  'allowed-integration-502': 'ALLOWED',
  'authorizer-explicit-deny': 'AUTHORIZER_EXPLICIT_DENY',
  'authorizer-implicit-deny': 'AUTHORIZER_IMPLICIT_DENY',
  // A cached policy that explicitly denies is an authorizer decision the cache merely repeated: flushing the
  // cache or widening the Resource would not help, so the ground truth is the explicit deny.
  'cached-explicit-deny': 'AUTHORIZER_EXPLICIT_DENY',
  'cached-policy-deny': 'AUTHORIZER_CACHED_POLICY_DENY',
  'resource-policy-explicit-deny': 'RESOURCE_POLICY_EXPLICIT_DENY',
  'resource-policy-implicit-deny': 'RESOURCE_POLICY_IMPLICIT_DENY',
  'identity-source-missing': 'IDENTITY_SOURCE_MISSING',
  'lambda-unauthorized': 'AUTHORIZER_UNAUTHORIZED',
  'config-lambda-crash': 'AUTHORIZER_CONFIGURATION_ERROR',
  'config-null-policy': 'AUTHORIZER_CONFIGURATION_ERROR',
  'config-invalid-permissions': 'AUTHORIZER_CONFIGURATION_ERROR',
  'api-key-refused': 'OTHER_ACCESS_DENIAL',
};

/**
 * The cause a correct classifier should report for an outcome.
 *
 * @example
 * causeOfOutcome('cached-policy-deny'); // 'AUTHORIZER_CACHED_POLICY_DENY'
 */
export function causeOfOutcome(outcome: Outcome): Cause {
  return CAUSE_OF[outcome];
}

/** The status the client received (not necessarily logged: denies often end without `Method completed`). */
export function clientStatusOf(spec: Pick<RequestSpec, 'outcome' | 'response'>): number {
  switch (causeOfOutcome(spec.outcome)) {
    case 'ALLOWED':
      return spec.outcome === 'allowed-integration-502' ? 502 : spec.response.status;
    case 'IDENTITY_SOURCE_MISSING':
    case 'AUTHORIZER_UNAUTHORIZED':
      return 401;
    case 'AUTHORIZER_CONFIGURATION_ERROR':
      return 500;
    default:
      return 403;
  }
}

/** Every outcome, for tables and tests. */
export const OUTCOMES = Object.keys(CAUSE_OF) as Outcome[];

/** The method ARN of a request: concrete verb and path (LOG-FORMATS.md §4). */
export function methodArnOf(spec: Pick<RequestSpec, 'target' | 'verb' | 'path'>): string {
  const { region, accountId, apiId, stage } = spec.target;
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${spec.verb}/${spec.path.slice(1)}`;
}
