import { isWhitespace } from './find-request-id.js';

/**
 * Lines with no `(id) ` prefix: 2016-era execution logs, console test logs, and lines of other services.
 * Only these reach the functions below, so they cost nothing on the hot path of modern logs.
 */

interface Attribution {
  prefix: string;
  /** For `Starting authorizer: <a> for request: <id>`: the id follows this marker. */
  marker?: string;
  /** `Verifying Usage Plan for request: <id>. API Key: …` ends the id with a period. */
  trailingDot?: boolean;
}

/**
 * Lines that name the request the following unprefixed lines of the same stream belong to. The first two are
 * documented (LOG-FORMATS.md §3); `Starting authorizer` names its request too and comes first when an
 * authorizer runs; `Execution log for request <id>` heads console and test-invoke logs (seen).
 */
const ATTRIBUTIONS: readonly Attribution[] = [
  { prefix: 'Verifying Usage Plan for request: ', trailingDot: true },
  { prefix: 'Starting execution for request: ' },
  { prefix: 'Starting authorizer: ', marker: ' for request: ' },
  { prefix: 'Execution log for request ' },
];

/**
 * The request id an unprefixed attribution line names, or null when the line is not one.
 * @example
 * readAttributedRequestId('Verifying Usage Plan for request: 9537d573-87c5. API Key:  API Stage: a/dev'); // → '9537d573-87c5'
 */
export function readAttributedRequestId(message: string): string | null {
  for (const attribution of ATTRIBUTIONS) {
    if (!message.startsWith(attribution.prefix)) continue;
    let from = attribution.prefix.length;
    if (attribution.marker !== undefined) {
      const at = message.indexOf(attribution.marker, from);
      if (at < 0) return null;
      from = at + attribution.marker.length;
    }
    let to = from;
    while (to < message.length && !isWhitespace(message.charCodeAt(to))) to++;
    if (attribution.trailingDot === true && message.charCodeAt(to - 1) === 46 /* . */) to--;
    return to > from ? message.slice(from, to) : null;
  }
  return null;
}

/** Lambda runtime and platform lines that share log exports with execution logs. */
const FOREIGN_PREFIXES: readonly string[] = [
  'START RequestId:',
  'END RequestId:',
  'REPORT RequestId:',
  'INIT_START',
  'INIT_REPORT',
  'INIT_RUNTIME_DONE',
  'EXTENSION',
  'TELEMETRY',
  'XRAY TraceId:',
];

/**
 * True for a line certainly written by another service: a Lambda runtime line or a JSON object (access logs,
 * Lambda JSON-format logs). Such a line never joins a request, even in a 2016 stream.
 * @example
 * isForeignLine('REPORT RequestId: 8329c002 Duration: 352.40 ms'); // → true
 * isForeignLine('{"requestId":"r1","status":"403"}');               // → true
 */
export function isForeignLine(message: string): boolean {
  for (const prefix of FOREIGN_PREFIXES) if (message.startsWith(prefix)) return true;
  return isJsonObjectLine(message);
}

function isJsonObjectLine(message: string): boolean {
  let start = 0;
  while (start < message.length && isWhitespace(message.charCodeAt(start))) start++;
  if (message.charCodeAt(start) !== 123 /* { */ || message.charCodeAt(start + 1) !== 34 /* " */) return false;
  let end = message.length - 1;
  while (end > start && isWhitespace(message.charCodeAt(end))) end--;
  return message.charCodeAt(end) === 125; /* } */
}

/** Openings of execution-log messages (LOG-FORMATS.md §4, plus the integration lines seen in real logs). */
const EXECUTION_LOG_PREFIXES: readonly string[] = [
  'Extended Request Id:',
  'Starting ',
  'Incoming identity:',
  'Endpoint request',
  'Endpoint response',
  'Sending request to',
  'Received response',
  'Authorizer',
  'Using valid authorizer policy',
  'Successfully completed',
  'Unauthorized',
  'The client is not authorized',
  'Execution failed',
  'ExplicitDenyException',
  'User: ',
  'Verifying Usage Plan',
  'API Key',
  'Usage Plan check',
  'Invalid API Key',
  'HTTP Method:',
  'Method request',
  'Method response',
  'Method completed',
  'Gateway response',
  'X-ray Tracing ID',
  'Lambda execution failed',
  'Lambda invocation failed',
  'Request validation',
  'Request body does not match',
];

/**
 * True when an unprefixed line has the opening of an execution-log message: with nothing to attach it to it
 * is an orphan (our loss), not a foreign line (someone else's).
 * @example
 * looksLikeExecutionLog('Method completed with status: 200'); // → true
 */
export function looksLikeExecutionLog(message: string): boolean {
  for (const prefix of EXECUTION_LOG_PREFIXES) if (message.startsWith(prefix)) return true;
  return false;
}
