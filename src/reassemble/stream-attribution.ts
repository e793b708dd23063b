import type { LogEvent } from '../types.js';
import { isForeignLine, readAttributedRequestId } from './unprefixed-lines.js';

/** Which request the unprefixed lines of each stream belong to. See {@link createStreamAttribution}. */
export interface StreamAttribution {
  /** Makes `id` the current request of the event's stream. */
  remember(event: LogEvent, id: string): void;
  /** The request an unprefixed event belongs to, or null when it belongs to none (foreign or orphan). */
  attribute(event: LogEvent): string | null;
  /** Forgets every stream (end of input). */
  clear(): void;
}

/**
 * Creates the per-stream memory that gives unprefixed lines a request: in 2016 logs the latest
 * `Verifying Usage Plan for request: <id>.` or `Starting execution for request: <id>` of the same stream
 * (LOG-FORMATS.md §3), in console tests `Execution log for request <id>`, and in untimed copy-paste the
 * request of the line before (the reassembler remembers it). Lines of other services never join a request.
 *
 * Only unprefixed or untimed lines come here, so the stream key's string concatenation stays off the hot
 * path of modern logs.
 * @example
 * const streams = createStreamAttribution();
 * streams.attribute({ timestamp: 0, message: 'Starting execution for request: r1', source: { file: 'a' } }); // → 'r1'
 * streams.attribute({ timestamp: 1, message: 'HTTP Method: GET, Resource Path: /', source: { file: 'a' } }); // → 'r1'
 */
export function createStreamAttribution(): StreamAttribution {
  const currentIdByStream = new Map<string, string>();
  return {
    remember(event, id) {
      currentIdByStream.set(streamKeyOf(event), id);
    },
    attribute(event) {
      if (isForeignLine(event.message)) return null;
      const named = readAttributedRequestId(event.message);
      if (named === null) return currentIdByStream.get(streamKeyOf(event)) ?? null;
      currentIdByStream.set(streamKeyOf(event), named);
      return named;
    },
    clear() {
      currentIdByStream.clear();
    },
  };
}

/** A stream name is unique within its group; events with no stream (copy-paste) share their file's. */
function streamKeyOf(event: LogEvent): string {
  return event.logStream === undefined ? `\u0000${event.source.file}` : `${event.logGroup ?? ''}\u0000${event.logStream}`;
}
