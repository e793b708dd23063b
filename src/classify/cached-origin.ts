import { salvagePolicy } from '../policy/index.js';
import type { EvidenceLine, Trace } from '../types.js';
import { ownCopyOrNull } from '../extract/own-copy.js';
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
  // Origins are kept by the thousand: each string is copied out of its line, which a slice would keep alive (the
  // method ARN alone kept the whole request body, about 1 KB: 22 MB at 20,000 origins).
  return {
    requestId: trace.requestId,
    time: line?.timestamp ?? trace.startTime,
    file: trace.lines[0]?.source.file ?? '-',
    authorizerId: ownCopyOrNull(authorizer.id),
    authorizerType: authorizer.type,
    lambdaArn: ownCopyOrNull(authorizer.lambdaArn),
    apiId: ownCopyOrNull(s?.apiId ?? trace.apiId),
    stage: ownCopyOrNull(s?.stage ?? trace.stage),
    identity: ownCopyOrNull(authorizer.identity),
    principal: ownCopyOrNull(authorizer.principal),
    methodArn: ownCopyOrNull(trace.methodArn),
    // Origins are kept by the thousand for later cache hits: keep what re-evaluation needs, not the whole parsed
    // answer (its context is secret and can be large), and at most ORIGIN_EVIDENCE_CHARS of the result line
    // (execution logs delivered through CloudWatch log delivery allow events of 1 MB).
    policy: { ...policy, value: undefined },
    evidence: line === undefined ? null : capEvidence(toEvidenceLine(line)),
    body: authorizer.resultBody,
    truncated: authorizer.resultTruncated,
  };
}

/** Characters of an origin's result line kept as evidence; standard execution logs cut events at 1024 bytes. */
const ORIGIN_EVIDENCE_CHARS = 4096;

function capEvidence(evidence: EvidenceLine): EvidenceLine {
  if (evidence.text.length <= ORIGIN_EVIDENCE_CHARS) return evidence;
  return { ...evidence, text: `${evidence.text.slice(0, ORIGIN_EVIDENCE_CHARS)} [cut by trace403]` };
}
