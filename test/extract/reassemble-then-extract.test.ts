import test from 'ava';
import { extractTrace } from '../../src/extract/index.js';
import { createReassembler } from '../../src/reassemble/index.js';
import type { LogEvent } from '../../src/types.js';

const group = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
const t0 = Date.parse('2024-02-24T00:29:03.163Z');

function at(ms: number, id: string, text: string): LogEvent {
  return { timestamp: t0 + ms, message: `(${id}) ${text}`, logGroup: group, logStream: '0f3c2b1a', source: { file: 'export.ndjson', line: ms } };
}

test('two interleaved requests, one denied by its authorizer and one refused by the resource policy', (t) => {
  const a = 'aaaaaaaa-0000-4000-8000-000000000001';
  const b = 'bbbbbbbb-0000-4000-8000-000000000002';
  const events = [
    at(0, a, 'Extended Request Id: Aa1='),
    at(1, b, 'Extended Request Id: Bb2='),
    at(2, a, `Starting authorizer: 62mgrc for request: ${a}`),
    at(3, b, `ExplicitDenyException User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/admin with an explicit deny: ${b}`),
    at(4, a, 'Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"t","methodArn":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets"}'),
    at(5, a, 'Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[]}}'),
    at(6, a, 'Successfully completed authorizer execution'),
    at(7, a, 'The client is not authorized to perform this operation.'),
    at(9, b, 'X-ray Tracing ID : Root=1-b'),
    at(8, a, 'X-ray Tracing ID : Root=1-a'),
    at(60_000, 'cccccccc-0000-4000-8000-000000000003', 'Extended Request Id: Cc3='),
  ];
  const reassembler = createReassembler({ closeCheckEvents: 1 }); // decide after every event, as a live tail would
  const closed = reassembler.push(events);
  const traces = closed.map(extractTrace);
  t.deepEqual(traces.map((trace) => [trace.requestId, trace.closedBy, trace.status, trace.lines.length]), [
    [a, 'terminal', 403, 7],
    [b, 'terminal', 403, 3],
  ]);
  t.is(traces[0]!.authorizer?.id, '62mgrc');
  t.is(traces[0]!.methodArn, 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets');
  t.is(traces[0]!.lines.at(-1)!.text, 'X-ray Tracing ID : Root=1-a', 'the trailer sorted into place');
  t.deepEqual(traces[1]!.resourcePolicyDeny && { explicit: traces[1]!.resourcePolicyDeny.explicit, caller: traces[1]!.resourcePolicyDeny.caller }, { explicit: true, caller: 'anonymous' });
  t.is(traces[1]!.authorizer, null);
  t.is(reassembler.flush().length, 1);
});
