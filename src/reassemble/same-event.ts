import type { LogEvent } from '../types.js';

/**
 * The duplicate rule for two events of one request at the same time: the same event id when both have one,
 * else the same stream and message. Shared by the reassembler and the main thread's joiner of pieces cut by file
 * boundaries. The line store reads the same rule on lines and events still in bytes (open-trace.ts: isSameAsStored,
 * isSameAsBytes), with no LogEvent made; test/reassemble/same-event.test.ts holds every such reading to this one.
 */
export function isSameEvent(a: LogEvent, b: LogEvent): boolean {
  if (a.eventId !== undefined && b.eventId !== undefined) return isSameText(a.eventId, b.eventId);
  return a.logStream === b.logStream && isSameText(a.message, b.message);
}

/**
 * `a === b`, rejecting most unequal pairs on their last character first. Event ids of one stream share all but
 * their last digits, and messages of one request share their `(id) ` prefix; V8 compares two sliced strings in
 * a runtime call that starts from the front.
 */
export function isSameText(a: string, b: string): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  return n === 0 || (a.charCodeAt(n - 1) === b.charCodeAt(n - 1) && a === b);
}

/**
 * Time order, where an untimed event (a continuation with no time of its own) takes the time of the timed event
 * before it (the first timed event's, at the start), so it stays behind its line. Events at the same time keep
 * the order of their files (by name) and of their places in them, so pieces joined from several files come out
 * the same whichever file was read first (worker threads finish in any order); within one file that is arrival
 * order.
 */
export function sortByInheritedTime(events: LogEvent[]): LogEvent[] {
  const keys = new Float64Array(events.length);
  let current = events.find((e) => e.timestamp !== null)?.timestamp ?? 0;
  for (let i = 0; i < events.length; i++) {
    current = events[i]!.timestamp ?? current;
    keys[i] = current;
  }
  const place = (e: LogEvent): number => e.source.line ?? e.source.offset ?? 0;
  const order = events.map((_, i) => i).sort((a, b) => {
    const ea = events[a]!;
    const eb = events[b]!;
    if (keys[a] !== keys[b]) return keys[a]! - keys[b]!;
    if (ea.source.file !== eb.source.file) return ea.source.file < eb.source.file ? -1 : 1;
    return place(ea) - place(eb) || a - b;
  });
  return order.map((i) => events[i]!);
}
