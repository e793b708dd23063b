/**
 * Small text helpers shared by the line renderers and the containers: API Gateway's masking and 1024-byte
 * truncation, the time formats of each container, and the JSON dialects authorizers answer in.
 * @module
 */
import { createHash } from 'node:crypto';

/** The marker API Gateway appends to a cut event (LOG-FORMATS.md §3). */
export const TRUNCATED_MARKER = ' [TRUNCATED]';

/** Standard execution logs keep at most this many bytes of an event before the marker. */
export const EVENT_BYTE_LIMIT = 1024;

/**
 * Masks a value as API Gateway does in `Incoming identity`, `Authorization=` and principals: stars except the
 * last 6 characters, or about half of a short value.
 *
 * @example
 * maskValue('Bearer abcdefghijkl'); // '*************ghijkl'
 */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  const keep = chars.length > 12 ? 6 : Math.floor(chars.length / 2);
  return '*'.repeat(chars.length - keep) + chars.slice(chars.length - keep).join('');
}

/**
 * Cuts a message longer than `limit` UTF-8 bytes to at most `limit` bytes (never inside a character) and appends
 * ` [TRUNCATED]`, as standard execution logs do to every event, the `(requestId) ` prefix included.
 *
 * @param limit - bytes kept before the marker; default 1024.
 * @example
 * truncateMessage('x'.repeat(2000)).length; // 1024 + 12
 */
export function truncateMessage(message: string, limit = EVENT_BYTE_LIMIT): string {
  // Most messages are short: the length test avoids measuring bytes at all (a UTF-16 unit is at most 3 bytes).
  if (message.length * 3 <= limit) return message;
  const bytes = Buffer.byteLength(message);
  if (bytes <= limit) return message;
  if (bytes === message.length) return message.slice(0, limit) + TRUNCATED_MARKER;
  const buffer = Buffer.from(message);
  let end = limit;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so the cut falls between characters.
  while (end > 0 && ((buffer[end] as number) & 0xc0) === 0x80) end--;
  return buffer.subarray(0, end).toString('utf8') + TRUNCATED_MARKER;
}

/** A UUID-shaped id derived from `seed` (e.g. the Lambda request id of an API Gateway request). */
export function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Base64url without padding, as in JWTs. */
export function encodeBase64Url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2026-03-14T09:12:03.100Z`: S3 export lines. */
export function formatIsoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2026-03-14T09:12:03.100000+00:00`: `aws logs tail --format detailed`. */
export function formatTailTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;
}

/** `Thu Aug 31 01:07:25 UTC 2017`: the console's test log (Java's `Date.toString()` in UTC). */
export function formatConsoleTime(ms: number): string {
  const d = new Date(ms);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/** `20260314T091203Z`: the `X-Amz-Date` header. */
export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replaceAll('-', '').replaceAll(':', '') + 'Z';
}

/** `Sat, 14 Mar 2026 09:12:03 GMT`: HTTP `Date` headers. */
export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** How an authorizer's runtime serialised its answer; the log shows the raw bytes. */
export type JsonDialect = 'node' | 'python' | 'jackson-pretty';

/**
 * Serialises a JSON value the way a runtime would: `node` is `JSON.stringify`; `python` is `json.dumps` defaults
 * (`", "` and `": "` separators, non-ASCII as `\uXXXX`); `jackson-pretty` is Jackson's default pretty printer
 * (two-space indent, `" : "`, arrays as `[ … ]`), which makes the event span several lines.
 *
 * @example
 * stringifyJson({ a: [1] }, 'python'); // '{"a": [1]}'
 */
export function stringifyJson(value: unknown, dialect: JsonDialect): string {
  if (dialect === 'node') return JSON.stringify(value);
  return dialect === 'python' ? writePython(value) : writeJackson(value, 0);
}

function writePython(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(writePython).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${escapeAscii(JSON.stringify(k))}: ${writePython(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return escapeAscii(JSON.stringify(value));
}

function escapeAscii(json: string): string {
  let out = '';
  for (const ch of json) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out += ch;
    else for (const unit of ch.split('')) out += `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
  return out;
}

function writeJackson(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    // Jackson indents arrays with fixed spaces but still counts them as a nesting level for the objects inside.
    return value.length === 0 ? '[ ]' : `[ ${value.map((v) => writeJackson(v, depth + 1)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{ }';
    const inner = '  '.repeat(depth + 1);
    const body = entries.map(([k, v]) => `\n${inner}${JSON.stringify(k)} : ${writeJackson(v, depth + 1)}`);
    return `{${body.join(',')}\n${'  '.repeat(depth)}}`;
  }
  return JSON.stringify(value);
}
