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
import { decodeUtf8 } from './decode-utf8.js';

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
  /** Decode `buf[start, end)` as UTF-8; reports INVALID_UTF8 (the text keeps U+FFFD) at `source`. */
  decodeText(buf: Buffer, start: number, end: number, source: SourcePosition): string;
  /** True once a diagnostic with this code was reported. */
  hasReported(code: DiagnosticCode): boolean;
  /** Remember a format discovered after sniffing (the generic JSON walker learns it late). */
  setFormat(format: InputFormat): void;
}

/** Options the context needs; validated by the caller. */
export interface DecodeContextOptions {
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
      out.push(event);
    },
    emit(out, timestamp, message, source, logStream, logGroup, eventId) {
      stats.events++;
      out.push(createEvent(timestamp, message, source, logStream, logGroup, eventId));
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
}
