import type { LogEvent, RawTrace, ReassembleStats } from '../../src/types.js';

/** 2017-06-05T17:52:57.673Z: old on purpose, so nothing can lean on the wall clock. */
export const T0 = 1496685177673;

/** A prefixed execution-log event of request `id` at `T0 + ms`. */
export function line(id: string, ms: number | null, text: string, extra: Partial<LogEvent> = {}): LogEvent {
  return {
    timestamp: ms === null ? null : T0 + ms,
    message: `(${id}) ${text}`,
    logStream: 'stream-a',
    source: { file: 'test.log' },
    ...extra,
  };
}

/** An event with a raw message (no prefix added). */
export function raw(message: string, ms: number | null, extra: Partial<LogEvent> = {}): LogEvent {
  return { timestamp: ms === null ? null : T0 + ms, message, logStream: 'stream-a', source: { file: 'test.log' }, ...extra };
}

/** The traces as `{id: [messages]}` with the close reason, sorted by id: comparable across runs. */
export function summarize(traces: RawTrace[]): Record<string, { closedBy: string; messages: string[] }> {
  const out: Record<string, { closedBy: string; messages: string[] }> = {};
  for (const trace of [...traces].sort((a, b) => (a.requestId < b.requestId ? -1 : 1))) {
    out[trace.requestId] = { closedBy: trace.closedBy, messages: trace.events.map((e) => e.message) };
  }
  return out;
}

/** The accounting invariant of a flushed reassembler. */
export function accounted(stats: Readonly<ReassembleStats>): boolean {
  return stats.events === stats.inTraces + stats.orphans + stats.duplicates + stats.foreign;
}

/** Events of one complete request: authorizer lines, a terminal line, an X-ray trailer. */
export function request(id: string, startMs: number, stepMs = 1): LogEvent[] {
  const texts = [
    'Extended Request Id: Bs3HgFhVoAMFhXw=',
    `Starting authorizer: 62mgrc for request: ${id}`,
    'Incoming identity: ****hjk123',
    'Successfully completed authorizer execution',
    'The client is not authorized to perform this operation.',
    'X-ray Tracing ID : Root=1-6962324d-273b8749616a929c8bd4fd14',
  ];
  return texts.map((text, i) => line(id, startMs + i * stepMs, text));
}
