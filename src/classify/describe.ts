import type { Signals } from './read-signals.js';

/**
 * Names the request in its own terms: `GET /pets/42 on stage prod`, or `this request` when the log gives neither
 * verb nor path.
 * @example describeRequest(signals) // 'POST /orders on stage prod'
 */
export function describeRequest(s: Signals): string {
  const stage = s.stage === null ? '' : ` on stage ${s.stage}`;
  if (s.httpMethod === null && s.resourcePath === null) return s.stage === null ? 'this request' : `this request${stage}`;
  return `${s.httpMethod ?? '?'} ${s.resourcePath ?? '?'}${stage}`;
}

/** `authorizer abc123`, or `the authorizer` when its id is unknown. */
export function describeAuthorizer(s: Signals): string {
  const id = s.trace.authorizer?.id ?? null;
  return id === null ? 'the authorizer' : `authorizer ${id}`;
}

/** ` for principal ***abc123` when a (masked) principal is known, else ''. */
export function forPrincipal(principal: string | null): string {
  return principal === null ? '' : ` for principal ${principal}`;
}

/**
 * The function name of a Lambda ARN (`arn:aws:lambda:<region>:<acct>:function:<name>[:alias]`), or null.
 * @example functionName('arn:aws:lambda:us-east-1:1:function:auth:live') // 'auth'
 */
export function functionName(lambdaArn: string | null): string | null {
  if (lambdaArn === null) return null;
  const at = lambdaArn.indexOf(':function:');
  if (at < 0) return null;
  const rest = lambdaArn.slice(at + ':function:'.length);
  const colon = rest.indexOf(':');
  return colon < 0 ? rest : rest.slice(0, colon);
}

/** Real ids where the log has them, visible placeholders where it does not, for commands a user pastes. */
export interface Ids {
  api: string;
  stage: string;
  authorizer: string;
  region: string;
  account: string;
}

export function readIds(s: Signals): Ids {
  return {
    api: s.apiId ?? '<rest-api-id>',
    stage: s.stage ?? '<stage>',
    authorizer: s.trace.authorizer?.id ?? '<authorizer-id>',
    region: s.region ?? '<region>',
    account: s.accountId ?? '<account-id>',
  };
}

// `000Z` … `999Z`, built once: one concatenation per call instead of a template of four parts, whose nested
// cons string JSON.stringify must flatten later (classify and NDJSON output each ~4 ms faster on the 100 MB
// benchmark's 60k times: small, but free).
const MILLIS = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);

// The second last formatted, and its ISO text up to the seconds.
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * Formats an epoch-ms time as ISO 8601 UTC (`2024-02-24T00:29:03.163Z`), or null.
 * Why the one-entry cache: every record formats its start, end and each evidence line, nearly all within the
 * same second, and `toISOString` was the classifier's largest single cost (16 % of its time in a profile).
 * @example isoTime(0) // '1970-01-01T00:00:00.000Z'
 */
export function isoTime(ms: number | null): string | null {
  // Date covers ±8.64e15 ms; a garbage timestamp beyond it would make toISOString throw.
  if (ms === null || !(Math.abs(ms) <= 8.64e15)) return null;
  const whole = Math.trunc(ms); // as Date does
  const second = Math.floor(whole / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, -4);
  }
  const milli = whole - second * 1000;
  return cachedPrefix + MILLIS[milli];
}

/** The text with its first letter in upper case, to start a sentence with a phrase. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
