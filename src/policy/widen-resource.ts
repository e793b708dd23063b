import { parseMethodArn } from './parse-method-arn.js';

/**
 * The Resource an authorizer should return so that its cached policy covers every method and path of the stage:
 * `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/*\/*`. Returning the request's own method ARN is what
 * makes a cached policy refuse the caller's next, different request.
 *
 * @returns the widened ARN, or null when `methodArn` is not a method ARN.
 * @example
 * widenResource('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/42')
 * // 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*\/*'
 */
export function widenResource(methodArn: string): string | null {
  const arn = parseMethodArn(methodArn);
  if (!arn) return null;
  return `arn:${arn.partition}:execute-api:${arn.region}:${arn.accountId}:${arn.apiId}/${arn.stage}/*/*`;
}
