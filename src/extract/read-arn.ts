/** The parts of an ARN that locate an API: enough to rebuild a method ARN. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth `:` (`function:name`, `abc123/prod/GET/pets`). */
  resource: string;
}

/** An execute-api ARN read as `<apiId>/<stage>/<rest>`; `stage` is null for `<apiId>/authorizers/<id>`. */
export interface ExecuteApiArn extends ArnParts {
  apiId: string;
  stage: string | null;
  /** The authorizer id of an `X-Amz-Source-Arn` such as `…:abc123/authorizers/xyz`, else null. */
  authorizerId: string | null;
}

/**
 * Splits `arn:<partition>:<service>:<region>:<account>:<resource>` with indexOf (ARNs come from log text).
 * @returns the parts, or null when the text is not an ARN with all five colons.
 * @example
 * readArn('arn:aws:lambda:us-east-1:123456789012:function:auth')?.account; // → '123456789012'
 */
export function readArn(arn: string): ArnParts | null {
  if (!arn.startsWith('arn:')) return null;
  const pieces: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return null;
    pieces.push(arn.slice(start, colon));
    start = colon + 1;
  }
  const [partition = '', service = '', region = '', account = ''] = pieces;
  if (partition === '') return null;
  return { partition, service, region, account, resource: arn.slice(start) };
}

/**
 * Reads an execute-api ARN: a method ARN, an integration's or authorizer's `X-Amz-Source-Arn`, or the
 * resource of a resource-policy refusal.
 * @example
 * readExecuteApiArn('arn:aws:execute-api:us-east-1:123:abc123/prod/GET/pets')?.stage;     // → 'prod'
 * readExecuteApiArn('arn:aws:execute-api:us-east-1:123:abc123/authorizers/x1')?.authorizerId; // → 'x1'
 */
export function readExecuteApiArn(arn: string): ExecuteApiArn | null {
  const parts = readArn(arn);
  if (parts === null || parts.service !== 'execute-api') return null;
  const { partition, service, region, account, resource } = parts;
  const slash = resource.indexOf('/');
  const apiId = slash < 0 ? resource : resource.slice(0, slash);
  if (apiId === '') return null;
  let stage: string | null = null;
  let authorizerId: string | null = null;
  if (slash >= 0) {
    const next = resource.indexOf('/', slash + 1);
    const second = next < 0 ? resource.slice(slash + 1) : resource.slice(slash + 1, next);
    if (second !== 'authorizers') stage = second === '' ? null : second;
    else if (next >= 0) authorizerId = resource.slice(next + 1) || null;
  }
  // One literal of one shape (no spread): this runs for every trace and keeps V8's object shapes stable.
  return { partition, service, region, account, resource, apiId, stage, authorizerId };
}

/**
 * The partition of a region, for rebuilding an ARN when no ARN was seen to copy it from.
 * @example
 * partitionOfRegion('cn-north-1'); // → 'aws-cn'
 */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}
