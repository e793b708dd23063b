import type { PolicyDecision } from '../types.js';

/** The parts of an execute-api method ARN: `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<VERB>/<path>`. */
export interface MethodArn {
  /** `aws`, `aws-cn`, `aws-us-gov`… */
  partition: string;
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  /** The HTTP verb as written (`GET`; `*` or `ANY` in policy ARNs). */
  verb: string;
  /** The resource path without its leading `/`: `pets/42`; `''` for the root (`…/GET/`). */
  path: string;
}

/** How one policy statement fared against one method ARN. */
export interface StatementEvaluation {
  /** Position in the policy's `Statement` list. */
  index: number;
  /** `Effect` as returned (`Allow`, `Deny`, or whatever the Lambda wrote). */
  effect: string;
  /** `Action` as a list ([] when absent or when the statement uses `NotAction`). */
  action: string[];
  /** `Resource` as a list ([] when absent or when the statement uses `NotResource`). */
  resource: string[];
  /** True when the statement covers `execute-api:Invoke` on the ARN (Condition assumed to hold). */
  applies: boolean;
  /** True when the statement uses `NotAction`, `NotResource`, `Condition` or an odd `Effect`: API Gateway's handling is not documented. */
  uncertain: boolean;
  /** One sentence: why it applies or does not. */
  explanation: string;
}

/** The verdict of one policy on one method ARN, with its reasons. */
export interface PolicyEvaluation {
  /** IAM precedence: a matching Deny wins, then a matching Allow, else implicit deny. */
  decision: PolicyDecision;
  /** True when any statement could not be evaluated with certainty (see {@link StatementEvaluation.uncertain}). */
  uncertain: boolean;
  /** The statement that decided (first matching Deny, else first matching Allow); null for an implicit deny. */
  matched: StatementEvaluation | null;
  statements: StatementEvaluation[];
  /** One sentence per statement, then problems with the document itself (no `Statement`, not an object). */
  explanation: string[];
}

/** What {@link salvagePolicy} recovered from an authorizer result body. */
export interface SalvagedPolicy {
  /** True when the whole body parsed as JSON (then {@link value} holds it). */
  parsed: boolean;
  /** The parsed body when {@link parsed}; otherwise undefined. */
  value: unknown;
  /** True when the log cut the body (` [TRUNCATED]`). */
  truncated: boolean;
  principalId: string | null;
  /** Keys of `context` whose values survived (values are secrets: callers must not print them). */
  contextKeys: string[];
  /** `{ Version?, Statement }` with every statement complete before the cut; null when none was reached. */
  policyDocument: { Version?: string; Statement: unknown[] } | null;
  /** What could not be recovered, one phrase each; empty for a complete body. */
  lost: string[];
}

/** The verdict of {@link validateAuthorizerResponse}. */
export interface AuthorizerResponseCheck {
  /** True when the answer matches the documented authorizer response. Warnings do not make it invalid. */
  valid: boolean;
  /** The reason API Gateway logs after `Execution failed due to configuration error: ` for this answer, when known. */
  configurationError: string | null;
  /** Schema violations, one sentence each (`/policyDocument must have required property 'Statement'`). */
  errors: string[];
  /** Problems API Gateway accepts now but that fail later (object or array `context` values break the integration). */
  warnings: string[];
}
