import type { CloseReason, LineMark, Trace, TraceLine } from '../types.js';
import type { SlimTrace } from './slim-trace.js';
import { partitionOfRegion, readArn, readExecuteApiArn } from './read-arn.js';
import { readLogGroup } from './read-log-group.js';
import type { TraceDraft } from './trace-draft.js';

/** What a trace is known by before its lines are read: its id, why it closed, and its first group and stream. */
export interface TraceHead {
  requestId: string;
  closedBy: CloseReason;
  /** The first log group of its lines in time order, or null. */
  logGroup: string | null;
  logStream: string | null;
}

/**
 * Turns the facts the line readers collected into a {@link Trace}: resolves the API, stage, region and
 * account from the best source available, rebuilds the method ARN when the authorizer's was not logged, and
 * settles the status. `lineCount` and `print` are the {@link SlimTrace} fields (the caller knows them).
 */
export function finishTrace(
  head: TraceHead,
  draft: TraceDraft,
  lines: TraceLine[],
  startTime: number | null,
  endTime: number | null,
  lineCount = lines.length,
  print = 0,
): SlimTrace {
  const { logGroup, logStream } = head;
  const group = readLogGroup(logGroup);
  const authorizerSource = draft.authorizerSourceArn;
  const integrationSource = draft.integrationSourceArn;
  const methodArn = draft.bodyMethodArn === null ? null : readExecuteApiArn(draft.bodyMethodArn);
  const usagePlan = readApiStage(draft.usagePlanStage);
  const deny = draft.denyArn;
  const lambdaArn = draft.authorizer?.lambdaArn ?? null;
  const lambda = lambdaArn === null ? null : readArn(lambdaArn);
  // Brief order: log group, then endpoint headers, then the method ARN, then the usage plan.
  const apiId =
    group?.apiId ?? draft.headerApiId ?? authorizerSource?.apiId ?? integrationSource?.apiId ?? methodArn?.apiId ?? usagePlan?.apiId ?? deny?.apiId ?? null;
  const stage = readStage(group?.stage ?? integrationSource?.stage ?? methodArn?.stage ?? usagePlan?.stage ?? deny?.stage ?? null);
  // The API's own ARNs first: a Lambda authorizer may live in another account.
  const apiArn = authorizerSource ?? integrationSource ?? methodArn ?? deny;
  const region = apiArn?.region || draft.lambdaHostRegion || lambda?.region || null;
  const accountId = apiArn?.account || lambda?.account || null;
  const partition = apiArn?.partition ?? lambda?.partition ?? (region === null ? 'aws' : partitionOfRegion(region));

  let methodArnText: string | null = draft.bodyMethodArn;
  let methodArnSource: Trace['methodArnSource'] = methodArnText === null ? null : 'authorizer-request';
  const { httpMethod, resourcePath } = draft;
  if (methodArnText === null && httpMethod !== null && resourcePath !== null && region && accountId && apiId && stage) {
    const path = resourcePath.startsWith('/') ? resourcePath : `/${resourcePath}`;
    methodArnText = `arn:${partition}:execute-api:${region}:${accountId}:${apiId}/${stage}/${httpMethod}${path}`;
    methodArnSource = 'rebuilt';
  }

  return {
    requestId: head.requestId,
    extendedRequestId: draft.extendedRequestId,
    logGroup,
    logStream,
    apiId,
    stage,
    region,
    accountId,
    startTime,
    endTime,
    httpMethod,
    resourcePath,
    methodArn: methodArnText,
    methodArnSource,
    authorizer: draft.authorizer,
    resourcePolicyDeny: draft.resourcePolicyDeny,
    gatewayResponse: draft.gatewayResponse,
    status: draft.completedStatus ?? draft.gatewayResponse?.status ?? inferStatus(draft.marks),
    executionStarted: draft.executionStarted,
    integrationError: draft.integrationError,
    lines,
    marks: draft.marks,
    closedBy: head.closedBy,
    // In the literal, not added later: every trace then has one shape, which the classifier's reads rely on.
    lineCount,
    print,
  };
}

/** `<api>/<stage>` of the usage-plan lines. */
function readApiStage(text: string | null): { apiId: string; stage: string } | null {
  if (text === null) return null;
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return null;
  return { apiId: text.slice(0, slash), stage: text.slice(slash + 1) };
}

/** Test invokes put the literal `null` in the stage slot of their ARNs (seen): no stage. */
function readStage(stage: string | null): string | null {
  return stage === 'null' ? null : stage;
}

/** The status a refusal line implies when neither `Method completed` nor a gateway response says it. */
const IMPLIED_STATUS: readonly (readonly [LineMark, number])[] = [
  ['clientNotAuthorized', 403],
  ['resourcePolicyDeny', 403],
  ['unauthorized', 401],
  ['authorizerError', 500],
  ['authorizerConfigurationError', 500],
];

/** The status implied by the last refusal line of the trace, or null. */
function inferStatus(marks: Partial<Record<LineMark, number>>): number | null {
  let status: number | null = null;
  let last = -1;
  for (const [name, implied] of IMPLIED_STATUS) {
    const index = marks[name];
    if (index !== undefined && index > last) {
      last = index;
      status = implied;
    }
  }
  return status;
}
