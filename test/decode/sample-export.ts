/**
 * One small export, written once as a list of events (40 events of 3 interleaved requests, a multi-line message, a
 * `[TRUNCATED]` one, a foreign Lambda line, non-ASCII text and characters each container must escape), and rendered
 * into every container. The renderers follow LOG-FORMATS.md §2, not the decoder.
 */
import { gzipSync } from 'node:zlib';

export interface SampleEvent {
  timestamp: number;
  message: string;
  logStream: string;
  eventId: string;
}

export const LOG_GROUP = 'API-Gateway-Execution-Logs_abc123/prod';
export const ACCOUNT = '123456789012';
const STREAM_1 = '9f86d081884c7d659a2feaa0c55ad015';
const STREAM_2 = '2c26b46b68ffc68ff99b453c1d304134';
const A = 'a1b2c3d4-0000-4000-8000-00000000000a';
const B = 'a1b2c3d4-0000-4000-8000-00000000000b';
const C = 'a1b2c3d4-0000-4000-8000-00000000000c';
const ARN = `arn:aws:execute-api:eu-west-1:${ACCOUNT}:abc123/prod`;

/** [request, message] in arrival order; requests interleave. */
const LINES: [string, string, string][] = [
  [A, STREAM_1, `(${A}) Extended Request Id: Kq8xWGs1PHcFiYw=`],
  [A, STREAM_1, `(${A}) Starting authorizer: 7fy2ix for request: ${A}`],
  [B, STREAM_2, `(${B}) Extended Request Id: Lr9yXHt2QIdGjZx=`],
  [A, STREAM_1, `(${A}) Incoming identity: ***************************************************zoë123`],
  [B, STREAM_2, `(${B}) Starting authorizer: 7fy2ix for request: ${B}`],
  [A, STREAM_1, `(${A}) Endpoint request URI: https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:${ACCOUNT}:function:auth/invocations`],
  [B, STREAM_2, `(${B}) Incoming identity: **********************************************xyz789`],
  [A, STREAM_1, `(${A}) Endpoint request headers: {x-amzn-apigateway-api-id=abc123, User-Agent=AmazonAPIGateway_abc123, X-Amz-Source-Arn=arn:aws:execute-api:eu-west-1:${ACCOUNT}:abc123/authorizers/7fy2ix, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQDx [TRUNCATED]`],
  [B, STREAM_2, `(${B}) Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig","methodArn":"${ARN}/DELETE/pets/7"}`],
  [A, STREAM_1, `(${A}) Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"Bearer abc|def, \\"q\\"","methodArn":"${ARN}/GET/pets"}`],
  [C, STREAM_1, `(${C}) Extended Request Id: Ms0zYIu3RJeHkAy=`],
  [B, STREAM_2, `(${B}) Sending request to https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:${ACCOUNT}:function:auth/invocations`],
  [C, STREAM_1, `(${C}) Starting authorizer: 7fy2ix for request: ${C}`],
  [A, STREAM_1, `(${A}) Sending request to https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:${ACCOUNT}:function:auth/invocations`],
  [C, STREAM_1, `(${C}) Unauthorized request: ${C}`],
  [B, STREAM_2, `(${B}) Authorizer result body before parsing: {"principalId":"user-b","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"${ARN}/*/*"}]}}`],
  [A, STREAM_1, `(${A}) Authorizer result body before parsing: {"principalId":"user-a","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN}/GET/pets"}]},"context":{"name":"Zoë"}}`],
  [B, STREAM_2, `(${B}) Using valid authorizer policy for principal: ****er-b`],
  [C, STREAM_1, `(${C}) Method completed with status: 401`],
  [A, STREAM_1, `(${A}) Using valid authorizer policy for principal: ****er-a`],
  [B, STREAM_2, `(${B}) Successfully completed authorizer execution`],
  [A, STREAM_1, `(${A}) Successfully completed authorizer execution`],
  [B, STREAM_2, `(${B}) The client is not authorized to perform this operation.`],
  [A, STREAM_1, `(${A}) Verifying Usage Plan for request: ${A}. API Key:  API Stage: abc123/prod`],
  [B, STREAM_2, `(${B}) Method completed with status: 403`],
  [A, STREAM_1, `(${A}) API Key  authorized because method 'GET /pets' does not require API Key. Request will not contribute to throttle or quota limits`],
  [A, STREAM_1, `(${A}) Usage Plan check succeeded for API Key  and API Stage abc123/prod`],
  [A, STREAM_1, `(${A}) Starting execution for request: ${A}`],
  [A, STREAM_1, `(${A}) HTTP Method: GET, Resource Path: /pets`],
  [A, STREAM_1, `(${A}) Method request path: {}`],
  [A, STREAM_1, `(${A}) Method request query string: {limit=10, tag=a|b}`],
  [A, STREAM_1, `(${A}) Endpoint request URI: https://pets.example.com/pets?limit=10`],
  [A, STREAM_1, `(${A}) Endpoint response status: 200`],
  [A, STREAM_1, `(${A}) Endpoint response body before transformations: [\n  {\n    "id": 1,\n    "name": "Rex, the \\"good\\" dog"\n  }\n]`],
  [A, STREAM_1, `(${A}) Method response body after transformations: [{"id":1,"name":"Rex"}]`],
  [A, STREAM_1, `START RequestId: 6f1c2b3a-1111-4222-8333-944455566677 Version: $LATEST`],
  [A, STREAM_1, `(${A}) Method response headers: {Content-Type=application/json}`],
  [A, STREAM_1, `(${A}) Successfully completed execution`],
  [A, STREAM_1, `(${A}) Method completed with status: 200`],
  [A, STREAM_1, `(${A}) X-ray Tracing ID : Root=1-65d9383f-0123456789abcdef01234567`],
];

const BASE = Date.UTC(2024, 1, 24, 0, 29, 3, 163);

/** The sample, in arrival order. Times advance 7–977 ms per event and cross a second boundary often. */
export const SAMPLE: SampleEvent[] = LINES.map(([, stream, message], i) => ({
  timestamp: BASE + i * 353 + ((i * 7919) % 977),
  message,
  logStream: stream,
  eventId: `3781${String(BASE + i).padStart(15, '0')}${String(i).padStart(5, '0')}`,
}));

export const REQUESTS = { A, B, C };

export function requestOf(event: SampleEvent): string | null {
  const close = event.message.indexOf(')');
  return event.message.startsWith('(') ? event.message.slice(1, close) : null;
}

// ─── Renderers ────────────────────────────────────────────────────────────────────────────────────

const iso = (ms: number): string => new Date(ms).toISOString();

export function renderFilterLogEvents(events = SAMPLE): string {
  // The AWS CLI prints JSON with a 4-space indent.
  return `${JSON.stringify(
    {
      events: events.map((e) => ({
        logStreamName: e.logStream,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.timestamp + 412,
        eventId: e.eventId,
      })),
      searchedLogStreams: [
        { logStreamName: STREAM_1, searchedCompletely: true },
        { logStreamName: STREAM_2, searchedCompletely: true },
      ],
    },
    null,
    4,
  )}\n`;
}

export function renderGetLogEvents(events = SAMPLE): string {
  return `${JSON.stringify(
    {
      events: events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.timestamp + 412 })),
      nextForwardToken: 'f/38111111111111111111111111111111111111111111111111111111/s',
      nextBackwardToken: 'b/38111111111111111111111111111111111111111111111111111110/s',
    },
    null,
    4,
  )}\n`;
}

export function renderNdjson(events = SAMPLE): string {
  return events
    .map((e, i) =>
      JSON.stringify(
        i % 2 === 0
          ? { id: e.eventId, timestamp: e.timestamp, message: e.message, logStreamName: e.logStream }
          : { logStreamName: e.logStream, timestamp: e.timestamp, message: e.message, ingestionTime: 1, eventId: e.eventId },
      ),
    )
    .join('\n')
    .concat('\n');
}

export function renderS3Export(events = SAMPLE): string {
  return events.map((e) => `${iso(e.timestamp)} ${e.message}\n`).join('');
}

function payload(stream: string, events: SampleEvent[]): object {
  return {
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup: LOG_GROUP,
    logStream: stream,
    subscriptionFilters: ['to-firehose'],
    logEvents: events.map((e) => ({ id: e.eventId, timestamp: e.timestamp, message: e.message })),
  };
}

const CONTROL = {
  messageType: 'CONTROL_MESSAGE',
  owner: 'CloudwatchLogs',
  logGroup: '',
  logStream: '',
  subscriptionFilters: [],
  logEvents: [{ id: '', timestamp: 1708734000000, message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.' }],
};

/** Firehose to S3: payloads concatenated with no separator, a control message first. */
export function renderSubscription(events = SAMPLE, separator = ''): string {
  const byStream = [STREAM_1, STREAM_2].map((s) => events.filter((e) => e.logStream === s));
  return [CONTROL, ...byStream.map((list, i) => payload(i === 0 ? STREAM_1 : STREAM_2, list))]
    .map((p) => JSON.stringify(p))
    .join(separator);
}

/** What a Lambda subscriber receives. */
export function renderAwslogs(events = SAMPLE): string {
  const data = gzipSync(JSON.stringify(payload(STREAM_1, events.filter((e) => e.logStream === STREAM_1))));
  return JSON.stringify({ awslogs: { data: data.toString('base64') } });
}

const ESC = '\u001b';
/** `aws logs tail --format detailed` on a TTY: microseconds, +00:00, coloured. */
export function renderTailDetailed(events = SAMPLE): string {
  return events
    .map((e) => {
      const time = iso(e.timestamp).replace('Z', '000+00:00');
      return `${ESC}[32m${time}${ESC}[0m ${ESC}[36m${e.logStream}${ESC}[0m ${e.message}\n`;
    })
    .join('');
}

/** `aws logs tail --format short`: seconds, no zone (UTC). */
export function renderTailShort(events = SAMPLE): string {
  return events.map((e) => `${iso(e.timestamp).slice(0, 19)} ${e.message}\n`).join('');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function consoleTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Console test output of one request: a header, then its lines without the `(id) ` prefix. */
export function renderConsole(requestId: string, events = SAMPLE): string {
  const lines = events
    .filter((e) => requestOf(e) === requestId)
    .map((e) => `${consoleTime(e.timestamp)} : ${e.message.slice(requestId.length + 3)}\n`);
  return `Execution log for request ${requestId}\n${lines.join('')}`;
}

export function renderTestInvoke(requestId: string, events = SAMPLE): string {
  return JSON.stringify({
    status: 200,
    body: '[{"id":1,"name":"Rex"}]',
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: { 'Content-Type': ['application/json'] },
    log: renderConsole(requestId, events),
    latency: 312,
  });
}

/** Copied from the console table: `<local time with offset> | <message>`. */
export function renderCopyPasteTable(events = SAMPLE): string {
  return events
    .map((e) => {
      const local = new Date(e.timestamp + 3_600_000).toISOString().replace('Z', '+01:00');
      return `${local} | ${e.message}\n`;
    })
    .join('');
}

/** Copied from the console's expanded rows: the time alone on a line, then the message. */
export function renderCopyPasteTwoLines(events = SAMPLE): string {
  return events.map((e) => `${iso(e.timestamp)}\n${e.message}\n`).join('');
}

export function renderBare(events = SAMPLE): string {
  return events.map((e) => `${e.message}\n`).join('');
}

const insightsTime = (ms: number): string => iso(ms).replace('T', ' ').replace('Z', '');

/** `aws logs get-query-results`: newest first. */
export function renderInsightsResults(events = SAMPLE): string {
  const rows = [...events].reverse().map((e) => [
    { field: '@timestamp', value: insightsTime(e.timestamp) },
    { field: '@message', value: e.message },
    { field: '@logStream', value: e.logStream },
    { field: '@log', value: `${ACCOUNT}:${LOG_GROUP}` },
    { field: '@ptr', value: 'CnUKcQ==' },
  ]);
  return JSON.stringify({ results: rows, statistics: { recordsMatched: rows.length }, status: 'Complete' }, null, 2);
}

export function renderInsightsJsonArray(events = SAMPLE): string {
  return JSON.stringify(
    [...events].reverse().map((e) => ({ '@timestamp': insightsTime(e.timestamp), '@message': e.message })),
    null,
    2,
  );
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function renderInsightsCsv(events = SAMPLE): string {
  const rows = [...events]
    .reverse()
    .map((e) => [insightsTime(e.timestamp), e.message, e.logStream].map(csvField).join(','));
  return `@timestamp,@message,@logStream\n${rows.join('\n')}\n`;
}

/** Markdown: pipes escaped, a multi-line message continues on lines that do not start with `|` (inferred). */
export function renderInsightsMarkdown(events = SAMPLE): string {
  const rows = [...events].reverse().map((e) => {
    const [first, ...rest] = e.message.replace(/\|/g, '\\|').split('\n');
    return [`| ${insightsTime(e.timestamp)} | ${first} |`, ...rest].join('\n');
  });
  return `| @timestamp | @message |\n|---|---|\n${rows.join('\n')}\n`;
}
