/**
 * The accumulator the line renderers write one request's events into: it adds the `(requestId) ` prefix,
 * advances the request's own clock and applies API Gateway's 1024-byte cut to every event.
 * @module
 */
import type { RenderedEvent } from './request-spec.js';
import { truncateMessage } from './text.js';

/** Appends events of one request. */
export interface EventLog {
  /** Adds an event `delayMs` after the previous one. */
  add(text: string, delayMs?: number): void;
  /** Epoch ms of the next event if added now. */
  now(): number;
  /** The events so far. */
  readonly events: RenderedEvent[];
}

/**
 * Creates an event log for a request starting at `startTime`.
 *
 * @param prefix - `true` (default) for CloudWatch messages `(id) text`; `false` for the console's test log,
 *   whose lines carry no request id (the cut still counts the prefix, as the stored event has it).
 * @example
 * const log = createEventLog('abc', 0);
 * log.add('Starting execution for request: abc');
 * log.events[0].message; // '(abc) Starting execution for request: abc'
 */
export function createEventLog(requestId: string, startTime: number, prefix = true): EventLog {
  const events: RenderedEvent[] = [];
  const head = `(${requestId}) `;
  let clock = startTime;
  return {
    events,
    now: () => clock,
    add(text, delayMs = 0) {
      clock += delayMs;
      const message = truncateMessage(head + text);
      events.push({ timestamp: clock, message: prefix ? message : message.slice(head.length) });
    },
  };
}
