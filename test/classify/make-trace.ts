/**
 * Builds `Trace` objects by hand for the classifier's tests, from compact JSON specs (test/fixtures/classify).
 * Lines are `[mark, text]` pairs (mark null for unmarked lines) or macros that expand to the usual runs of lines:
 *   @invocation  Starting authorizer … Incoming identity … Endpoint request URI/body … Sending request to
 *   @result      Authorizer result body … Using valid authorizer policy … Successfully completed
 *   @cached      Starting authorizer … Using valid authorizer policy … Successfully completed (no invocation)
 *   @denied      The client is not authorized … Method completed with status: 403
 *   @execution   Starting execution … HTTP Method: <verb>, Resource Path: <path>
 * `$id`, `$arn`, `$body`, `$identity`, `$principal` in texts are replaced with the trace's values.
 */
import type { AuthorizerFacts, LineMark, Trace, TraceLine } from '../../src/types.js';

export const IDS = {
  api: 'abc123def4',
  stage: 'prod',
  region: 'us-east-1',
  account: '123456789012',
  authorizer: 'a1b2c3',
  lambda: 'arn:aws:lambda:us-east-1:123456789012:function:token-auth',
} as const;

/** `arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/<verb>/<path>` */
export function methodArn(verb: string, path: string, stage: string = IDS.stage): string {
  return `arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.api}/${stage}/${verb}/${path}`;
}

export type LineSpec = string | [LineMark | null, string];

export interface TraceSpec extends Partial<Omit<Trace, 'lines' | 'marks' | 'authorizer'>> {
  /** ISO time of the first line (lines follow 10 ms apart); null for untimed lines. Default 2024-02-24T00:29:03Z. */
  t0?: string | null;
  file?: string;
  /** Line number of the first line in its file. Default 1. */
  firstLine?: number;
  lines?: LineSpec[];
  /** `result` is serialised into `resultBody`; `truncateBefore` cuts it just before that text, as the log's 1024-byte limit would. */
  authorizer?: (Partial<AuthorizerFacts> & { result?: unknown; truncateBefore?: string }) | null;
}

const MACROS: Record<string, Array<[LineMark | null, string]>> = {
  '@invocation': [
    ['authorizerStart', `Starting authorizer: ${IDS.authorizer} for request: $id`],
    ['incomingIdentity', 'Incoming identity: $identity'],
    ['authorizerRequestUri', `Endpoint request URI: https://lambda.${IDS.region}.amazonaws.com/2015-03-31/functions/${IDS.lambda}/invocations`],
    ['authorizerRequestBody', 'Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLXNlY3JldA","methodArn":"$arn"}'],
    ['authorizerSend', `Sending request to https://lambda.${IDS.region}.amazonaws.com/2015-03-31/functions/${IDS.lambda}/invocations`],
  ],
  '@result': [
    ['authorizerResult', 'Authorizer result body before parsing: $body'],
    ['authorizerPrincipal', 'Using valid authorizer policy for principal: $principal'],
    ['authorizerCompleted', 'Successfully completed authorizer execution'],
  ],
  '@cached': [
    ['authorizerStart', `Starting authorizer: ${IDS.authorizer} for request: $id`],
    ['authorizerPrincipal', 'Using valid authorizer policy for principal: $principal'],
    ['authorizerCompleted', 'Successfully completed authorizer execution'],
  ],
  '@denied': [
    ['clientNotAuthorized', 'The client is not authorized to perform this operation.'],
    ['methodCompleted', 'Method completed with status: 403'],
  ],
  '@execution': [
    ['executionStart', 'Starting execution for request: $id'],
    ['methodLine', 'HTTP Method: $verb, Resource Path: $path'],
  ],
};

const DEFAULT_T0 = '2024-02-24T00:29:03.000Z';

/** A complete Trace from a partial spec; see the module comment. */
export function makeTrace(spec: TraceSpec = {}): Trace {
  const { t0 = DEFAULT_T0, file = 'test.log', firstLine = 1, lines: lineSpecs = [], authorizer: authorizerSpec, ...rest } = spec;
  const requestId = spec.requestId ?? 'req-1';
  const arn = spec.methodArn ?? null;
  const authorizer = buildAuthorizer(authorizerSpec);
  const body = authorizer?.resultBody ?? '';
  const bodyText = authorizer?.resultTruncated ? `${body} [TRUNCATED]` : body;
  const [verb, path] = splitArn(arn);
  const substitute = (text: string): string => text
    .replaceAll('$id', requestId)
    .replaceAll('$arn', arn ?? '')
    .replaceAll('$identity', authorizer?.identity ?? '')
    .replaceAll('$principal', authorizer?.principal ?? '')
    .replaceAll('$verb', spec.httpMethod ?? verb)
    .replaceAll('$path', spec.resourcePath ?? path)
    .replaceAll('$body', bodyText);

  const expanded = lineSpecs.flatMap((line): Array<[LineMark | null, string]> => {
    if (typeof line !== 'string') return [line];
    const macro = MACROS[line];
    if (!macro) throw new Error(`makeTrace: unknown macro ${line}`);
    return macro;
  });
  const start = t0 === null ? null : Date.parse(t0);
  const lines: TraceLine[] = [];
  const marks: Trace['marks'] = {};
  expanded.forEach(([mark, text], i) => {
    lines.push({
      timestamp: start === null ? null : start + i * 10,
      text: substitute(text),
      source: { file, line: firstLine + i },
    });
    if (mark !== null && marks[mark] === undefined) marks[mark] = i;
  });
  const times = lines.map((l) => l.timestamp).filter((t): t is number => t !== null);
  return {
    requestId,
    extendedRequestId: null,
    logGroup: null,
    logStream: null,
    apiId: IDS.api,
    stage: IDS.stage,
    region: null,
    accountId: null,
    startTime: times.length > 0 ? Math.min(...times) : null,
    endTime: times.length > 0 ? Math.max(...times) : null,
    httpMethod: null,
    resourcePath: null,
    methodArn: arn,
    methodArnSource: arn === null ? null : 'authorizer-request',
    authorizer,
    resourcePolicyDeny: null,
    gatewayResponse: null,
    status: null,
    executionStarted: marks.executionStart !== undefined,
    integrationError: null,
    closedBy: 'terminal',
    ...rest,
    lines,
    marks,
  };
}

function buildAuthorizer(spec: TraceSpec['authorizer']): AuthorizerFacts | null {
  if (spec === undefined || spec === null) return null;
  const { result, truncateBefore, ...facts } = spec;
  let resultBody = facts.resultBody ?? null;
  let resultTruncated = facts.resultTruncated ?? false;
  if (result !== undefined && resultBody === null) {
    resultBody = typeof result === 'string' ? result : JSON.stringify(result);
    if (truncateBefore !== undefined) {
      const at = resultBody.indexOf(truncateBefore);
      if (at < 0) throw new Error(`makeTrace: ${truncateBefore} is not in the result body`);
      resultBody = resultBody.slice(0, at);
      resultTruncated = true;
    }
  }
  return {
    id: IDS.authorizer,
    type: 'TOKEN',
    lambdaArn: null,
    identity: null,
    invoked: false,
    principal: null,
    configurationError: null,
    completed: false,
    ...facts,
    resultBody,
    resultTruncated,
  };
}

function splitArn(arn: string | null): [string, string] {
  if (arn === null) return ['GET', '/'];
  const parts = arn.split('/');
  return [parts[2] ?? 'GET', `/${parts.slice(3).join('/')}`];
}
