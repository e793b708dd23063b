import { salvagePolicy } from '../policy/index.js';
import type { Trace } from '../types.js';
import { toEvidenceLine } from './collect-evidence.js';
import type { Signals } from './read-signals.js';
import type { CachedOrigin } from './types.js';

/**
 * The fresh policy of a trace, as a later cache hit would reuse it: the trace must show the Lambda's result body
 * (complete or salvaged) with a policy document. Null otherwise.
 * @example const origin = readCachedOrigin(trace); classifyTrace(hit, { cachedOrigin: origin ?? undefined })
 */
export function readCachedOrigin(trace: Trace): CachedOrigin | null {
  const authorizer = trace.authorizer;
  if (!authorizer || authorizer.resultBody === null) return null;
  return originOf(trace, salvagePolicy(authorizer.resultBody, authorizer.resultTruncated), null);
}

/** {@link readCachedOrigin} from signals already read (the policy is salvaged once per trace). */
export function originFromSignals(s: Signals): CachedOrigin | null {
  if (s.fresh === null) return null;
  return originOf(s.trace, s.fresh, s);
}

function originOf(trace: Trace, policy: CachedOrigin['policy'], s: Signals | null): CachedOrigin | null {
  if (policy.policyDocument === null || trace.authorizer === null) return null;
  const authorizer = trace.authorizer;
  const at = trace.marks.authorizerResult;
  const line = at === undefined ? undefined : trace.lines[at];
  return {
    requestId: trace.requestId,
    time: line?.timestamp ?? trace.startTime,
    file: trace.lines[0]?.source.file ?? '-',
    authorizerId: authorizer.id,
    authorizerType: authorizer.type,
    lambdaArn: authorizer.lambdaArn,
    apiId: s?.apiId ?? trace.apiId,
    stage: s?.stage ?? trace.stage,
    identity: authorizer.identity,
    principal: authorizer.principal,
    methodArn: trace.methodArn,
    policy,
    evidence: line === undefined ? null : toEvidenceLine(line),
  };
}
