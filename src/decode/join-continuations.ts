/**
 * Hold the last event of a line-oriented container until the next line decides whether it continues it.
 *
 * A multi-line message (a pretty-printed body, a mapping-template result) arrives as one line that starts like an
 * event followed by lines that do not: those are joined to it with `\n`. The held event is bounded by
 * `maxRecordBytes`: a record that grows past it is dropped as RECORD_TOO_LONG and its further lines are ignored.
 * @module
 */
import type { LogEvent } from '../types.js';
import type { ChunkView, DecodeContext } from './decode-context.js';
import { decodeLatin1 } from './decode-utf8.js';
import { createByteEvent, setByteMessage, type ByteEvent } from './event-sink.js';

const EMPTY = Buffer.alloc(0);

/** What a line-oriented container does with a line that continues nothing (no event held yet). */
export type OrphanLinePolicy = 'malformed' | 'event';

/** Collects events from classified lines. */
export interface ContinuationJoiner {
  /** A line that starts a new event. Emits the held one. */
  start(
    timestamp: number | null,
    message: string,
    line: number,
    bytes: number,
    logStream?: string,
    logGroup?: string,
    eventId?: string,
  ): void;
  /**
   * A line that starts a new event whose message is `buf[start, end)` of a plain line (ASCII, no ESC), for a
   * context that takes ByteEvents: held as positions, handed over as a ByteEvent unless a continuation line
   * follows (then it becomes a LogEvent first, as {@link start} would have made it).
   */
  startBytes(buf: Buffer, view: ChunkView, start: number, end: number, timestamp: number, line: number, bytes: number): void;
  /** A line that continues the held event (or, with none held, follows the orphan policy). */
  continueWith(text: string, line: number, bytes: number): void;
  /** A record that was too long to read: it ends the held event (when `startsEvent`) or spoils it. */
  dropTooLong(line: number, startsEvent: boolean, what: string): void;
  /** True when an event is held (a following line may continue it). */
  readonly holding: boolean;
  /** Emit the held event. */
  flush(): void;
  /** Where the events go: swapped by the owner for each push. */
  out: LogEvent[];
}

/**
 * Create a joiner bound to `ctx`. `describe` names the container in diagnostics ("S3 export line").
 *
 * @example
 * const joiner = createContinuationJoiner(ctx, 'malformed', 'S3 export');
 * joiner.start(0, '(id) body:', 1, 10); joiner.continueWith('{', 2, 1); joiner.flush(); // message '(id) body:\n{'
 */
export function createContinuationJoiner(
  ctx: DecodeContext,
  orphans: OrphanLinePolicy,
  describe: string,
): ContinuationJoiner {
  /** The held event, built at once (one allocation per event); continuation lines grow its message. */
  let held: LogEvent | null = null;
  /** Or the held event still in bytes (see startBytes): one object, reused. */
  const span: ByteEvent = createByteEvent();
  let holdingSpan = false;
  let heldLine = 0;
  let heldBytes = 0;
  /** Blank lines after the held event: joined only when a non-blank continuation follows (a trailing blank line
   * at the end of a file must not change the last message). */
  let blankLines = 0;
  /** True after a too-long record: its continuation lines belong to it and are dropped with it. */
  let spoiled = false;

  /**
   * Stop holding the span and let go of its chunk: the buffer, its array and its latin1 view (as large as the
   * chunk), which the reused span would otherwise keep alive until the next plain line.
   */
  function dropSpan(): void {
    holdingSpan = false;
    span.bytes = EMPTY;
    span.array = EMPTY;
    span.view = '';
  }

  const joiner: ContinuationJoiner = {
    out: [],
    get holding() {
      return held !== null || holdingSpan;
    },
    startBytes(buf, view, start, end, timestamp, line, bytes) {
      if (held !== null || holdingSpan) joiner.flush();
      spoiled = false;
      blankLines = 0;
      setByteMessage(span, buf, view, start, end, -1, timestamp, line, -1);
      span.logStream = ctx.logStream;
      span.streamStart = span.streamEnd = -1;
      span.logGroup = ctx.logGroup;
      holdingSpan = true;
      heldLine = line;
      heldBytes = bytes;
    },
    start(timestamp, message, line, bytes, logStream, logGroup, eventId) {
      if (held !== null || holdingSpan) joiner.flush();
      spoiled = false;
      blankLines = 0;
      held = ctx.createEvent(timestamp, message, { file: ctx.file, line }, logStream, logGroup, eventId);
      heldLine = line;
      heldBytes = bytes;
    },
    continueWith(text, line, bytes) {
      if (spoiled) return;
      if (holdingSpan) {
        // A continuation: the event grows, so it becomes the LogEvent the general way makes.
        const message = decodeLatin1(span.bytes, span.start, span.end);
        held = ctx.createEvent(span.timestamp, message, { file: ctx.file, line: span.line });
        dropSpan();
      }
      if (held === null) {
        if (text.length === 0) return;
        if (orphans === 'event') joiner.start(null, text, line, bytes);
        else {
          ctx.malformed(
            'MALFORMED_RECORD',
            `${describe} line does not start like an event and follows none`,
            { file: ctx.file, line },
          );
        }
        return;
      }
      if (text.length === 0) {
        blankLines++;
        return;
      }
      heldBytes += bytes + 1 + blankLines;
      if (heldBytes > ctx.maxRecordBytes) {
        ctx.malformed(
          'RECORD_TOO_LONG',
          `${describe} event with its continuation lines exceeds ${ctx.maxRecordBytes} bytes`,
          { file: ctx.file, line: heldLine },
        );
        held = null;
        spoiled = true;
        return;
      }
      // An event line with no message text (`aws logs tail --format json` puts a JSON message on the next lines)
      // takes its continuation as the message, without a leading newline.
      held.message = held.message.length === 0 ? text : held.message + '\n'.repeat(blankLines + 1) + text;
      blankLines = 0;
    },
    dropTooLong(line, startsEvent, what) {
      if (startsEvent) {
        joiner.flush();
        ctx.malformed('RECORD_TOO_LONG', `${what} exceeds ${ctx.maxRecordBytes} bytes`, { file: ctx.file, line });
      } else if (held !== null || holdingSpan) {
        ctx.malformed('RECORD_TOO_LONG', `${what} exceeds ${ctx.maxRecordBytes} bytes`, {
          file: ctx.file,
          line: heldLine,
        });
        held = null;
        dropSpan();
      } else if (!spoiled) {
        ctx.malformed('RECORD_TOO_LONG', `${what} exceeds ${ctx.maxRecordBytes} bytes`, { file: ctx.file, line });
      }
      spoiled = true;
      blankLines = 0;
    },
    flush() {
      if (holdingSpan) {
        ctx.emitBytes(span);
        dropSpan();
        blankLines = 0;
        return;
      }
      if (held === null) return;
      ctx.commit(joiner.out, held);
      held = null;
      blankLines = 0;
    },
  };
  return joiner;
}
