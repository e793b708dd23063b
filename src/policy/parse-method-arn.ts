import type { MethodArn } from './types.js';

/** Names of the pieces {@link splitArn} returns, in order. */
export const ARN_PIECES = ['prefix', 'partition', 'service', 'region', 'account', 'api id', 'stage', 'verb', 'path'] as const;

/** One piece of an ARN and where it starts in the ARN text. */
export interface ArnPiece {
  text: string;
  start: number;
}

/**
 * Splits an ARN into at most 9 pieces: 6 separated by `:` (the last holds the rest), that last one into at most
 * 4 separated by `/` (the path keeps its own slashes). Works on patterns too: `arn:aws:execute-api:*` gives 4
 * pieces, the last absorbing whatever follows. indexOf-based, linear, no regex (ARNs come from log text).
 *
 * @example
 * splitArn('arn:aws:execute-api:us-east-1:1:abc/prod/GET/a/b').map((p) => p.text)
 * // ['arn', 'aws', 'execute-api', 'us-east-1', '1', 'abc', 'prod', 'GET', 'a/b']
 */
export function splitArn(arn: string): ArnPiece[] {
  const pieces: ArnPiece[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) break;
    pieces.push({ text: arn.slice(start, colon), start });
    start = colon + 1;
  }
  if (pieces.length < 5) {
    pieces.push({ text: arn.slice(start), start });
    return pieces;
  }
  for (let i = 0; i < 3; i++) {
    const slash = arn.indexOf('/', start);
    if (slash < 0) break;
    pieces.push({ text: arn.slice(start, slash), start });
    start = slash + 1;
  }
  pieces.push({ text: arn.slice(start), start });
  return pieces;
}

/**
 * Parses an execute-api method ARN, `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<VERB>/<path>`.
 * The root resource is `…/GET/` (path `''`); a missing trailing slash (`…/GET`) is tolerated. Wildcards are
 * kept as written, so policy ARNs that name every part (`arn:aws:execute-api:*:*:abc/prod/GET/*`) parse too.
 *
 * @returns the parts, or null when the text is not an execute-api ARN with api id, stage and verb.
 * @example
 * parseMethodArn('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/42')
 * // { partition: 'aws', region: 'us-east-1', accountId: '123456789012', apiId: 'abc123', stage: 'prod',
 * //   verb: 'GET', path: 'pets/42' }
 */
export function parseMethodArn(arn: string): MethodArn | null {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return null;
  const p = splitArn(arn).map((piece) => piece.text);
  const [, partition, service, region, accountId, apiId, stage, verb, path] = p;
  if (service !== 'execute-api' || !partition || !region || !accountId || !apiId || !stage || !verb) return null;
  return { partition, region, accountId, apiId, stage, verb, path: path ?? '' };
}

/**
 * Writes a method ARN back as text; the inverse of {@link parseMethodArn}.
 *
 * @example
 * formatMethodArn({ partition: 'aws', region: 'eu-west-1', accountId: '1', apiId: 'a', stage: 's', verb: 'GET', path: '' })
 * // 'arn:aws:execute-api:eu-west-1:1:a/s/GET/'
 */
export function formatMethodArn(arn: MethodArn): string {
  return `arn:${arn.partition}:execute-api:${arn.region}:${arn.accountId}:${arn.apiId}/${arn.stage}/${arn.verb}/${arn.path}`;
}
