import { widenResource } from '../policy/index.js';
import { functionName, readIds } from './describe.js';
import type { Signals } from './read-signals.js';

// Each fix is one action: a short instruction, then after ': ' the command or value to paste, with the
// request's real ids wherever the log gave them.

/** Flush the stage's authorizer cache. */
export function fixFlushCache(s: Signals): string {
  const id = readIds(s);
  return `Flush the authorizer cache of the stage now: aws apigateway flush-stage-authorizers-cache --rest-api-id ${id.api} --stage-name ${id.stage}`;
}

/** Return a Resource covering the whole stage instead of one method ARN: the cached policy serves them all. */
export function fixWidenResource(s: Signals, methodArn: string | null): string {
  return `Have the authorizer return a Resource that covers every method the caller may call, not just the method ARN it was invoked for (the cached policy is reused for all of them): ${stageWide(s, methodArn)}`;
}

/** Return an Allow covering the refused ARN. */
export function fixAllowArn(s: Signals, methodArn: string | null): string {
  const arn = methodArn ?? 'the request\'s method ARN';
  return `If this caller should pass, return an Allow whose Resource covers ${arn}, or the whole stage: ${stageWide(s, methodArn)}`;
}

function stageWide(s: Signals, methodArn: string | null): string {
  const id = readIds(s);
  return (methodArn === null ? null : widenResource(methodArn)) ?? `arn:aws:execute-api:${id.region}:${id.account}:${id.api}/${id.stage}/*/*`;
}

/** Turn the authorizer cache off. */
export function fixTtlZero(s: Signals): string {
  const id = readIds(s);
  return `Or turn the authorizer cache off (TTL 0), then redeploy: aws apigateway update-authorizer --rest-api-id ${id.api} --authorizer-id ${id.authorizer} --patch-operations op=replace,path=/authorizerResultTtlInSeconds,value=0`;
}

/** Put the method into the cache key. */
export function fixCacheKey(s: Signals): string {
  const id = readIds(s);
  return `Or make the cache key tell the methods apart: a REQUEST authorizer can add context.httpMethod and context.resourcePath to its identity sources (a TOKEN authorizer caches by token alone): aws apigateway update-authorizer --rest-api-id ${id.api} --authorizer-id ${id.authorizer} --patch-operations 'op=replace,path=/identitySource,value=method.request.header.Authorization,context.httpMethod,context.resourcePath'`;
}

/** Redeploy the stage after an API change. */
export function fixRedeploy(s: Signals): string {
  const id = readIds(s);
  return `Changes to the API take effect after a deployment: aws apigateway create-deployment --rest-api-id ${id.api} --stage-name ${id.stage}`;
}

/** Read the authorizer's settings. */
export function fixShowAuthorizer(s: Signals): string {
  const id = readIds(s);
  return `Check the authorizer's identity sources and validation expression: aws apigateway get-authorizer --rest-api-id ${id.api} --authorizer-id ${id.authorizer} --query '[type,identitySource,identityValidationExpression,authorizerResultTtlInSeconds]'`;
}

/** Read the authorizer Lambda's own log. */
export function fixLambdaLogs(lambdaArn: string | null): string {
  const name = functionName(lambdaArn) ?? '<authorizer-function>';
  return `Read the authorizer Lambda's log for this time: aws logs tail /aws/lambda/${name} --since 1h`;
}

/** Let API Gateway invoke the authorizer Lambda. */
export function fixLambdaPermission(s: Signals): string {
  const id = readIds(s);
  const fn = s.trace.authorizer?.lambdaArn ?? '<authorizer-function-arn>';
  return `Allow API Gateway to invoke the authorizer Lambda: aws lambda add-permission --function-name ${fn} --statement-id apigateway-authorizer-${id.authorizer} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:${id.region}:${id.account}:${id.api}/authorizers/${id.authorizer}`;
}

/** Read the API's resource policy. */
export function fixShowResourcePolicy(s: Signals): string {
  return `Read the API's resource policy: aws apigateway get-rest-api --rest-api-id ${readIds(s).api} --query policy --output text`;
}
