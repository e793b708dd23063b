import type { AuthorizerFacts, LineMark, Trace } from '../types.js';
import type { ExecuteApiArn } from './read-arn.js';

/** What the line readers collect for one trace; `finishTrace` turns it into a {@link Trace}. */
export interface TraceDraft {
  extendedRequestId: string | null;
  authorizer: AuthorizerFacts | null;
  executionStarted: boolean;
  integrationError: string | null;
  httpMethod: string | null;
  resourcePath: string | null;
  /** `methodArn` of the authorizer request body, only when its closing quote survived truncation. */
  bodyMethodArn: string | null;
  /** `x-amzn-apigateway-api-id` of an endpoint request. */
  headerApiId: string | null;
  /** The authorizer's `X-Amz-Source-Arn` (`…:<api>/authorizers/<id>`). */
  authorizerSourceArn: ExecuteApiArn | null;
  /** An integration's `X-Amz-Source-Arn`: api and stage are right, the path is the route template. */
  integrationSourceArn: ExecuteApiArn | null;
  /** The resource of a resource-policy refusal. */
  denyArn: ExecuteApiArn | null;
  /** Region of the authorizer's Lambda endpoint host (`lambda.<region>.amazonaws.com`). */
  lambdaHostRegion: string | null;
  /** `<api>/<stage>` of the usage-plan lines. */
  usagePlanStage: string | null;
  resourcePolicyDeny: Trace['resourcePolicyDeny'];
  gatewayResponse: Trace['gatewayResponse'];
  /** `Method completed with status: <n>`. */
  completedStatus: number | null;
  marks: Partial<Record<LineMark, number>>;
  /** The line indexes of {@link marks}, in the order they were marked (one per mark). */
  marked: number[];
}

/**
 * An empty draft: every fact unknown.
 * @example
 * createDraft().authorizer; // → null
 */
export function createDraft(): TraceDraft {
  return {
    extendedRequestId: null,
    authorizer: null,
    executionStarted: false,
    integrationError: null,
    httpMethod: null,
    resourcePath: null,
    bodyMethodArn: null,
    headerApiId: null,
    authorizerSourceArn: null,
    integrationSourceArn: null,
    denyArn: null,
    lambdaHostRegion: null,
    usagePlanStage: null,
    resourcePolicyDeny: null,
    gatewayResponse: null,
    completedStatus: null,
    marks: {},
    marked: [],
  };
}

/** The authorizer facts, created at the first authorizer line. */
export function authorizerOf(draft: TraceDraft): AuthorizerFacts {
  return (draft.authorizer ??= {
    id: null,
    type: null,
    lambdaArn: null,
    identity: null,
    invoked: false,
    resultBody: null,
    resultTruncated: false,
    principal: null,
    configurationError: null,
    completed: false,
  });
}

/** The gateway response, created at its first line. */
export function gatewayResponseOf(draft: TraceDraft): NonNullable<Trace['gatewayResponse']> {
  return (draft.gatewayResponse ??= { type: null, status: null, body: null });
}

/** Marks a line; the first line of a kind keeps the mark. */
export function mark(draft: TraceDraft, name: LineMark, index: number): void {
  if (draft.marks[name] !== undefined) return;
  draft.marks[name] = index;
  draft.marked.push(index);
}
