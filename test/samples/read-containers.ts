/**
 * Naive in-memory readers of the sample containers, for the sample and generator tests: they check that each
 * container holds the events it should. Not the product's decoders (those stream and handle bad input).
 */
import { gunzipSync } from 'node:zlib';

export interface PlainEvent {
  timestamp: number;
  logStream: string;
  message: string;
}

interface JsonEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
}

export function readFilterLogEvents(text: string): PlainEvent[] {
  const doc = JSON.parse(text) as { events: JsonEvent[] };
  return doc.events.map((e) => ({ timestamp: e.timestamp, logStream: e.logStreamName, message: e.message }));
}

export function readNdjson(text: string): PlainEvent[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JsonEvent)
    .map((e) => ({ timestamp: e.timestamp, logStream: e.logStreamName, message: e.message }));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z /;
const TAIL = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})000\+00:00 ([0-9a-f]{32}) /;

/** Timestamped lines start events; other lines continue the previous event (multi-line messages). */
function readLines(text: string, start: (line: string) => { timestamp: number; logStream: string; message: string } | null): PlainEvent[] {
  const events: PlainEvent[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    const event = start(line);
    if (event !== null) events.push(event);
    else {
      const last = events.at(-1);
      if (last === undefined) throw new Error(`continuation line before any event: ${line.slice(0, 80)}`);
      last.message += `\n${line}`;
    }
  }
  return events;
}

export function readS3Export(gz: Buffer, logStream: string): PlainEvent[] {
  return readLines(gunzipSync(gz).toString('utf8'), (line) =>
    ISO.test(line) ? { timestamp: Date.parse(line.slice(0, 24)), logStream, message: line.slice(25) } : null,
  );
}

export function readTail(text: string): PlainEvent[] {
  return readLines(text, (line) => {
    const m = TAIL.exec(line);
    if (m === null) return null;
    return { timestamp: Date.parse(`${m[1]}Z`), logStream: m[2] as string, message: line.slice(m[0].length) };
  });
}

/** Splits concatenated JSON objects (`{…}{…}`) by brace depth, skipping strings. */
export function splitConcatenatedJson(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++ === 0 && (start = i);
    else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

interface SubscriptionMessage {
  messageType: string;
  logStream: string;
  logEvents: { id: string; timestamp: number; message: string }[];
}

/** A Firehose object: gzip members back to back (gunzipSync reads them all), DATA_MESSAGEs kept. */
export function readFirehose(object: Buffer): { events: PlainEvent[]; messageTypes: string[] } {
  const messages = splitConcatenatedJson(gunzipSync(object).toString('utf8')) as SubscriptionMessage[];
  const events = messages
    .filter((m) => m.messageType === 'DATA_MESSAGE')
    .flatMap((m) => m.logEvents.map((e) => ({ timestamp: e.timestamp, logStream: m.logStream, message: e.message })));
  return { events, messageTypes: messages.map((m) => m.messageType) };
}

/** Sorts for comparison: time, stream, message. */
export function sortEvents(events: readonly PlainEvent[]): PlainEvent[] {
  return [...events].sort(
    (a, b) => a.timestamp - b.timestamp || a.logStream.localeCompare(b.logStream) || a.message.localeCompare(b.message),
  );
}
