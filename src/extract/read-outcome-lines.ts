import { readExecuteApiArn } from './read-arn.js';
import { readStatus, restOf, tokenAt } from './read-text.js';
import { gatewayResponseOf, mark, type TraceDraft } from './trace-draft.js';

/** Readers of the request's own lines and of its outcome (LOG-FORMATS.md §4, "The other outcomes"). */

const NOT_AUTHORIZED = ' is not authorized to perform: execute-api:Invoke';
const ON_RESOURCE = ' on resource: ';
const EXPLICIT = 'with an explicit deny';

/**
 * The resource-policy refusal, in the three shapes seen or documented:
 * `ExplicitDenyException User: <caller> is not authorized to perform: execute-api:Invoke on resource: <arn> with an explicit deny: <requestId>`,
 * the same without `ExplicitDenyException`, and without `with an explicit deny` (implicit: nothing allowed).
 * @param from - where `User: ` starts (after `ExplicitDenyException ` when present), or -1 when it is absent.
 */
export function readResourcePolicyDeny(draft: TraceDraft, text: string, from: number, exception: boolean, index: number): void {
  mark(draft, 'resourcePolicyDeny', index);
  if (draft.resourcePolicyDeny !== null) return;
  let caller: string | null = null;
  const callerEnd = from < 0 ? -1 : text.indexOf(NOT_AUTHORIZED, from);
  if (callerEnd >= 0) {
    caller = text.slice(from + 'User: '.length, callerEnd) || null;
    const arnAt = text.indexOf(ON_RESOURCE, callerEnd);
    if (arnAt >= 0) draft.denyArn = readExecuteApiArn(tokenAt(text, arnAt + ON_RESOURCE.length));
  }
  const explicit = exception || text.includes(EXPLICIT, callerEnd < 0 ? 0 : callerEnd);
  draft.resourcePolicyDeny = { explicit, caller, text };
}

/** True when `User: …` is the resource-policy refusal (and not some other line starting with `User: `). */
export function isResourcePolicyUserLine(text: string): boolean {
  return text.includes(NOT_AUTHORIZED, 6);
}

const WITH_STATUS = ' with status code:';

/** `Gateway response type: <TYPE> with status code: <n>` (inferred for REST). */
export function readGatewayResponseType(draft: TraceDraft, text: string, from: number, index: number): void {
  mark(draft, 'gatewayResponseType', index);
  const response = gatewayResponseOf(draft);
  const end = text.indexOf(WITH_STATUS, from);
  response.type ??= (end < 0 ? tokenAt(text, from) : text.slice(from, end).trim()) || null;
  if (end >= 0) response.status ??= readStatus(text, end + WITH_STATUS.length);
}

/** `Gateway response body: <client-visible body>` */
export function readGatewayResponseBody(draft: TraceDraft, text: string, from: number, index: number): void {
  mark(draft, 'gatewayResponseBody', index);
  gatewayResponseOf(draft).body ??= restOf(text, from).trimStart();
}

const RESOURCE_PATH = ', Resource Path: ';

/** `HTTP Method: <VERB>, Resource Path: <concrete path>` */
export function readMethodLine(draft: TraceDraft, text: string, from: number, index: number): void {
  mark(draft, 'methodLine', index);
  if (draft.httpMethod !== null) return;
  const comma = text.indexOf(RESOURCE_PATH, from);
  const verb = comma < 0 ? tokenAt(text, from) : text.slice(from, comma);
  draft.httpMethod = verb === '' ? null : verb;
  if (comma >= 0) draft.resourcePath = restOf(text, comma + RESOURCE_PATH.length) || null;
}

/**
 * `API Stage: <api>/<stage>` of `Verifying Usage Plan for request: <id>. API Key: <k> API Stage: <api>/<stage>`
 * or `and API Stage <api>/<stage>` of the `Usage Plan check …` lines.
 */
export function readUsagePlanStage(draft: TraceDraft, text: string, marker: string): void {
  if (draft.usagePlanStage !== null) return;
  const at = text.indexOf(marker);
  if (at < 0) return;
  const value = tokenAt(text, at + marker.length);
  if (value.includes('/')) draft.usagePlanStage = value;
}

/** `Method completed with status: <n>` */
export function readMethodCompleted(draft: TraceDraft, text: string, from: number, index: number): void {
  mark(draft, 'methodCompleted', index);
  draft.completedStatus ??= readStatus(text, from);
}
