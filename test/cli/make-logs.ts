/** Generates NDJSON execution-log events of allowed requests (for streaming, EPIPE and SIGINT tests). */

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets';
const T0 = Date.parse('2024-02-24T00:29:03Z');

/** `count` complete allowed requests, 9 events each, one JSON event per line. */
export function makeAllowedRequests(count: number, first = 0): string {
  let out = '';
  let id = first * 9;
  for (let i = first; i < first + count; i++) {
    const rid = `${String(i).padStart(8, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`;
    const base = T0 + i * 100;
    const lines: [number, string][] = [
      [0, `Starting authorizer: auth01 for request: ${rid}`],
      [1, 'Incoming identity: ************abc123'],
      [5, `Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"allow","methodArn":"${ARN}"}`],
      [20, `Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN}"}]}}`],
      [21, 'Using valid authorizer policy for principal: ****user42'],
      [22, 'Successfully completed authorizer execution'],
      [24, `Starting execution for request: ${rid}`],
      [25, 'HTTP Method: GET, Resource Path: /pets'],
      [40, 'Method completed with status: 200'],
    ];
    for (const [ms, text] of lines) {
      out += `${JSON.stringify({ logStreamName: '0123456789abcdef0123456789abcdef', timestamp: base + ms, message: `(${rid}) ${text}`, eventId: String(++id) })}\n`;
    }
  }
  return out;
}
