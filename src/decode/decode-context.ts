/**
 * The state every container decoder shares: where events come from, the counters, the diagnostics channel and the
 * one place that turns decoded fields into a {@link LogEvent}.
 * @module
 */
import { isUtf8 } from 'node:buffer';
import type {
  DecodeStats,
  Diagnostic,
  DiagnosticCode,
  DiagnosticHandler,
  InputFormat,
  LogEvent,
  SourcePosition,
} from '../types.js';
import { stripAnsi } from './strip-ansi.js';
import { decodeLatin1, decodeUtf8 } from './decode-utf8.js';
import { createViewMarks, type ByteEvent, type EventSink, type ViewMarks } from './event-sink.js';

/** Shared decoding state, handed to each container decoder. Stage-internal. */
export interface DecodeContext {
  readonly file: string;
  readonly logGroup: string | undefined;
  readonly logStream: string | undefined;
  readonly maxRecordBytes: number;
  readonly stats: DecodeStats;
  /** Report a diagnostic that is not a lost record (file-level problems, invalid UTF-8). */
  report(code: DiagnosticCode, severity: Diagnostic['severity'], message: string, source: SourcePosition): void;
  /** Count one lost record and report why: the only way `stats.malformed` grows. */
  malformed(code: 'MALFORMED_RECORD' | 'RECORD_TOO_LONG', message: string, source: SourcePosition): void;
  /** Count one record skipped on purpose (headers, CONTROL_MESSAGE). */
  skip(): void;
  /** Build an event (defaults applied, ANSI stripped) without counting it: {@link commit} does. */
  createEvent(
    timestamp: number | null,
    message: string,
    source: SourcePosition,
    logStream?: string,
    logGroup?: string,
    eventId?: string,
  ): LogEvent;
  /** Count an event made by {@link createEvent} and append it to `out`. */
  commit(out: LogEvent[], event: LogEvent): void;
  /** Build an event (defaults applied, ANSI stripped), count it and append it to `out`. */
  emit(
    out: LogEvent[],
    timestamp: number | null,
    message: string,
    source: SourcePosition,
    logStream?: string,
    logGroup?: string,
    eventId?: string,
  ): void;
  /**
   * The sink's taker of {@link ByteEvent}s, or null: then the fast paths of the decoders stay off and every event
   * is made a LogEvent (the public decode API).
   */
  readonly takesBytes: boolean;
  /** Count a {@link ByteEvent} and hand it over (only when {@link takesBytes}). */
  emitBytes(event: ByteEvent): void;
  /**
   * The latin1 view of `buf` and its {@link ViewMarks}, made once per buffer: decoders ask for each line of a
   * chunk, and only the first call pays the copy.
   */
  viewOf(buf: Buffer): ChunkView;
  /**
   * A log stream or group name from the view, as a fresh string (a slice would keep the whole chunk alive), the
   * same string object as last time when the bytes repeat: a few names recur on every line.
   */
  nameAt(view: string, start: number, end: number): string;
  /** Decode `buf[start, end)` as UTF-8; reports INVALID_UTF8 (the text keeps U+FFFD) at `source`. */
  decodeText(buf: Buffer, start: number, end: number, source: SourcePosition): string;
  /** True once a diagnostic with this code was reported. */
  hasReported(code: DiagnosticCode): boolean;
  /** Remember a format discovered after sniffing (the generic JSON walker learns it late). */
  setFormat(format: InputFormat): void;
}

/** A buffer's latin1 view, for the fast paths. */
export interface ChunkView {
  /** The buffer as a plain Uint8Array (see ByteEvent.array). */
  array: Uint8Array;
  text: string;
  marks: ViewMarks;
}

/** Options the context needs; validated by the caller. */
export interface DecodeContextOptions {
  /** Where events go; default: the `out` arrays of the container decoders. */
  sink?: EventSink | undefined;
  file: string;
  logGroup: string | undefined;
  logStream: string | undefined;
  maxRecordBytes: number;
  onDiagnostic: DiagnosticHandler | undefined;
  onFormat: (format: InputFormat) => void;
}

/**
 * Create the shared state of one decoder.
 *
 * @example
 * const ctx = createDecodeContext({ file: 'x', logGroup: undefined, logStream: undefined, maxRecordBytes: 1 << 22,
 *   onDiagnostic: undefined, onFormat: () => {} });
 */
export function createDecodeContext(options: DecodeContextOptions): DecodeContext {
  const { file, onDiagnostic, onFormat } = options;
  const defaultGroup = options.logGroup;
  const defaultStream = options.logStream;
  const stats: DecodeStats = { bytes: 0, events: 0, malformed: 0, skipped: 0 };
  const sink = options.sink;
  const takeBytes = sink?.bytes ?? null;
  let viewBuffer: Buffer | null = null;
  /** The view of {@link viewBuffer}: none until a decoder asks. */
  let view: ChunkView | null = null;
  const names: string[] = [];
  let nextName = 0;

  const reported = new Set<DiagnosticCode>();
  const report: DecodeContext['report'] = (code, severity, message, source) => {
    reported.add(code);
    onDiagnostic?.({ code, severity, message, source });
  };

  const createEvent: DecodeContext['createEvent'] = (timestamp, message, source, logStream, logGroup, eventId) => {
    // One indexOf per message: ESC is rare, and the scan is native, so stripping costs nothing when absent.
    if (message.indexOf('\u001b') !== -1) message = stripAnsi(message);
    const event: LogEvent = { timestamp, message, source };
    const stream = logStream ?? defaultStream;
    if (stream !== undefined) event.logStream = stream;
    const group = logGroup ?? defaultGroup;
    if (group !== undefined) event.logGroup = group;
    if (eventId !== undefined) event.eventId = eventId;
    return event;
  };

  return {
    file,
    logGroup: defaultGroup,
    logStream: defaultStream,
    maxRecordBytes: options.maxRecordBytes,
    stats,
    report,
    malformed(code, message, source) {
      stats.malformed++;
      report(code, 'error', message, source);
    },
    skip() {
      stats.skipped++;
    },
    createEvent,
    commit(out, event) {
      stats.events++;
      if (sink === undefined) out.push(event);
      else sink.event(event);
    },
    emit(out, timestamp, message, source, logStream, logGroup, eventId) {
      stats.events++;
      const event = createEvent(timestamp, message, source, logStream, logGroup, eventId);
      if (sink === undefined) out.push(event);
      else sink.event(event);
    },
    takesBytes: takeBytes !== null,
    emitBytes(event) {
      stats.events++;
      (takeBytes as (event: ByteEvent) => void)(event);
    },
    viewOf(buf) {
      if (view === null || buf !== viewBuffer) {
        viewBuffer = buf;
        const text = decodeLatin1(buf, 0, buf.length);
        view = { array: new Uint8Array(buf.buffer, buf.byteOffset, buf.length), text, marks: createViewMarks(buf, text) };
      }
      return view;
    },
    nameAt(text, start, end) {
      const length = end - start;
      for (const name of names) if (name.length === length && text.startsWith(name, start)) return name;
      // Fresh: decodeLatin1 of the view's characters would need the buffer; a concatenation then slice copies.
      const name = (' ' + text.slice(start, end)).slice(1);
      names[nextName] = name;
      nextName = (nextName + 1) % NAMES_KEPT;
      return name;
    },
    decodeText(buf, start, end, source) {
      const text = decodeUtf8(buf, start, end);
      // V8 answers this in O(1) for one-byte (Latin-1) strings, so ASCII lines pay nothing. A literal U+FFFD in the
      // input is valid UTF-8, hence the isUtf8 check before complaining.
      if (text.indexOf('\ufffd') !== -1 && !isUtf8(buf.subarray(start, end))) {
        report('INVALID_UTF8', 'warning', 'Bytes that are not valid UTF-8 were replaced with U+FFFD', source);
      }
      return text;
    },
    hasReported(code) {
      return reported.has(code);
    },
    setFormat(format) {
      onFormat(format);
    },
  };
}

/** Distinct stream and group names {@link DecodeContext.nameAt} remembers: more than the streams a stage interleaves. */
const NAMES_KEPT = 32;

/**
 * Cut and quote input text for a diagnostic message: it is attacker-controlled and may be huge.
 *
 * @example
 * quoteSnippet('Items'); // '"Items"'
 */
export function quoteSnippet(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

/** The decoder of one container: bytes in, events appended to `out`. Stage-internal. */
export interface ContainerDecoder {
  push(chunk: Buffer, out: LogEvent[]): void;
  end(out: LogEvent[]): void;
  /**
   * True when its ByteEvents point into the chunks it is pushed, so the reassembler keeps those very chunks and
   * gives them back to the read-buffer pool (read-buffers.ts): only then is copying inflated text into the pool
   * worth it. False for decoders that gather records into buffers of their own or make LogEvents.
   */
  readonly keepsChunks: boolean;
}
