/**
 * Tell the container from the first bytes (LOG-FORMATS.md §2). Decisions rest on anchored prefixes and on JSON
 * keys, never on a regex over a whole line.
 * @module
 */
import type { InputFormat } from '../types.js';
import { hasRequestIdPrefix } from './recognize-event-start.js';
import { parseConsoleTimestamp, parseIsoTimestamp, type IsoParse } from './parse-timestamp.js';
import { readJsonHead } from './read-json-head.js';
import { isSpace } from './scan-flat-event.js';
import { stripAnsi } from './strip-ansi.js';

/** How many decoded bytes the decoder gathers at most before it must decide. */
export const SNIFF_BYTES = 16 * 1024;
/** Lines of text looked at before falling back to copy-paste (bare messages). */
const SNIFF_LINES = 20;

const DOCUMENT_KEYS = new Set(['events', 'searchedLogStreams', 'nextToken', 'nextForwardToken', 'nextBackwardToken']);
const SUBSCRIPTION_KEYS = new Set(['messageType', 'owner', 'logGroup', 'logStream', 'subscriptionFilters',
  'logEvents', 'awslogs']);
const INSIGHTS_KEYS = new Set(['results', 'statistics']);
const TEST_INVOKE_KEYS = new Set(['log', 'latency', 'clientStatus', 'multiValueHeaders']);
const EVENT_KEYS = new Set(['message', 'timestamp', 'eventId', 'id', 'logStreamName', 'ingestionTime', '@message',
  '@timestamp']);

const iso: IsoParse = { end: 0, zoned: false, fractionDigits: 0 };

/**
 * Decide the container from a head of the input (decoded text). Returns null for binary data, JSON of no known
 * export, and empty text. Text that matches nothing else is `copy-paste` (bare messages).
 *
 * @example
 * sniffFormat('2024-02-24T00:29:03.163Z (id) Extended Request Id: x\n'); // 's3-export'
 * sniffFormat('{"events":[{"logStreamName":"abc","timestamp":1'); // 'filter-log-events'
 */
export function sniffFormat(head: string): InputFormat | null {
  return sniffHead(head, true) ?? null;
}

/**
 * Like {@link sniffFormat}, but `undefined` when `head` is not final (`complete` false) and does not yet decide.
 * A decision, once made on a prefix, is the one any longer prefix gives: the result never depends on chunking.
 *
 * @example
 * sniffHead('2024-02-24T00:29:03.163Z (id) x', false); // undefined: the line may not be complete
 * sniffHead('2024-02-24T00:29:03.163Z (id) x\n', false); // 's3-export'
 */
export function sniffHead(head: string, complete: boolean): InputFormat | null | undefined {
  let text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  if (start === text.length) return complete ? null : undefined;
  text = text.slice(start);
  const first = text.charCodeAt(0);
  if (first === 123 /* { */) return sniffJsonObject(text, complete);
  if (first === 91 /* [ */ && startsJsonArray(text)) return 'insights-json';
  return sniffText(text, complete);
}

/**
 * A NUL, or many control / replacement characters: bytes that are no text. Judged line by line so that the verdict
 * on a prefix never changes when more input arrives (a single invalid byte in a short message is not binary).
 */
function looksBinary(line: string): boolean {
  const limit = Math.min(line.length, 1024);
  let odd = 0;
  for (let i = 0; i < limit; i++) {
    const c = line.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 13 && c !== 27) || c === 0xfffd || c === 0x7f) odd++;
  }
  return odd > 4 && odd > limit * 0.1;
}

/** `[` then `{`, `[`, `]` or end: a JSON array, not a text line like `[INFO] …`. */
function startsJsonArray(text: string): boolean {
  let i = 1;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i === text.length) return true;
  const c = text.charCodeAt(i);
  return c === 123 || c === 91 || c === 93;
}

function sniffJsonObject(text: string, complete: boolean): InputFormat | null | undefined {
  const head = readJsonHead(text);
  for (const key of head.topKeys) {
    if (DOCUMENT_KEYS.has(key)) {
      const keys = new Set(head.topKeys);
      if (keys.has('nextForwardToken') || keys.has('nextBackwardToken')) return 'get-log-events';
      if (keys.has('searchedLogStreams')) return 'filter-log-events';
      const inner = head.innerKeys;
      if (inner !== null && (inner.includes('logStreamName') || inner.includes('eventId'))) return 'filter-log-events';
      // The first event closed without a stream name: get-log-events (both decode the same way).
      if (inner !== null && inner.length > 0 && head.innerComplete) return 'get-log-events';
      return complete || head.firstComplete ? 'filter-log-events' : undefined;
    }
    if (SUBSCRIPTION_KEYS.has(key)) return 'subscription';
    if (INSIGHTS_KEYS.has(key)) return 'insights-json';
    if (TEST_INVOKE_KEYS.has(key)) return 'test-invoke';
    if (EVENT_KEYS.has(key)) return 'ndjson';
  }
  return complete || head.firstComplete ? null : undefined;
}

function sniffText(text: string, complete: boolean): InputFormat | null | undefined {
  let from = 0;
  for (let n = 0; n < SNIFF_LINES; n++) {
    const nl = text.indexOf('\n', from);
    if (nl === -1 && !complete) return undefined;
    let line = text.slice(from, nl === -1 ? text.length : nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.indexOf('\u001b') !== -1) line = stripAnsi(line);
    const format = sniffLine(line, n === 0);
    if (format !== undefined) return format;
    if (looksBinary(line)) return null;
    if (nl === -1) return 'copy-paste';
    from = nl + 1;
  }
  return 'copy-paste';
}

function sniffLine(line: string, isFirst: boolean): InputFormat | undefined {
  if (line.startsWith('Execution log for request ')) return 'console';
  if (!Number.isNaN(parseConsoleTimestamp(line, 0, iso)) && line.startsWith(' :', iso.end)) return 'console';
  const headerPart = line.slice(0, 1024);
  const namesInsightsField = headerPart.includes('@timestamp') || headerPart.includes('@message');
  // A markdown table may follow a title line; a CSV header is the first line or nothing.
  if (namesInsightsField && line.trimStart().startsWith('|')) return 'insights-markdown';
  if (namesInsightsField && isFirst && headerPart.includes(',')) return 'insights-csv';
  if (!Number.isNaN(parseIsoTimestamp(line, 0, iso))) {
    const end = iso.end;
    const next = line.charCodeAt(end);
    if (end === line.length || line.slice(end).trim().length === 0) return 'copy-paste';
    if (next === 124 /* | */ || next === 9 || line.startsWith(' | ', end)) return 'copy-paste';
    if (next === 32) {
      if (!iso.zoned) return 'tail';
      return line.charCodeAt(end - 1) === 90 /* Z */ ? 's3-export' : 'tail';
    }
  }
  if (hasRequestIdPrefix(line)) return 'copy-paste';
  return undefined;
}
