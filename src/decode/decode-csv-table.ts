/**
 * Logs Insights results exported as CSV: a header row naming the fields (`@timestamp,@message,…`), then one row per
 * event, fields quoted RFC 4180 style (`"` doubled inside quotes; a quoted field may span lines).
 * @module
 */
import type { ContainerDecoder, DecodeContext } from './decode-context.js';
import type { LogEvent } from '../types.js';
import { readEventFields } from './read-event-fields.js';
import { createLineSplitter } from './split-lines.js';

/**
 * Create the CSV decoder. A record (one row, possibly over several lines) is bounded by `maxRecordBytes`.
 *
 * @example
 * const decoder = createCsvTableDecoder(ctx);
 * decoder.push(Buffer.from('@timestamp,@message\n2024-05-19 06:10:35.743,"(id) a, b"\n'), out);
 */
export function createCsvTableDecoder(ctx: DecodeContext): ContainerDecoder {
  let columns: Map<string, number> | null = null;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let recordLine = 0;
  let recordBytes = 0;
  /** The rest of a record that grew too long: ignored up to the line where its quotes close. */
  let spoiled = false;
  let out: LogEvent[] = [];

  function finishRecord(): void {
    fields.push(field);
    const row = fields;
    fields = [];
    field = '';
    if (spoiled) {
      spoiled = false;
      return;
    }
    if (columns === null) {
      columns = new Map(row.map((name, index) => [name.trim(), index]));
      ctx.skip();
      return;
    }
    const index = columns;
    const event = readEventFields((name) => {
      const i = index.get(name);
      return i === undefined ? undefined : row[i];
    });
    if (event.message === null) {
      ctx.malformed('MALFORMED_RECORD', 'CSV row has no @message field', { file: ctx.file, line: recordLine });
      return;
    }
    ctx.emit(out, event.timestamp, event.message, { file: ctx.file, line: recordLine }, event.logStream,
      event.logGroup, event.eventId);
  }

  /** Parse one line into the current record; a quote left open continues the record on the next line. */
  function readLine(text: string, line: number, bytes: number): void {
    if (inQuotes) {
      recordBytes += bytes + 1;
      if (!spoiled && recordBytes > ctx.maxRecordBytes) {
        ctx.malformed('RECORD_TOO_LONG', `CSV row exceeds ${ctx.maxRecordBytes} bytes`, {
          file: ctx.file,
          line: recordLine,
        });
        spoiled = true;
      }
      if (!spoiled) field += '\n';
    } else {
      if (text.length === 0) return; // blank lines are not records
      recordLine = line;
      recordBytes = bytes;
    }
    let p = 0;
    let fieldStart = !inQuotes;
    for (;;) {
      if (inQuotes) {
        const quote = text.indexOf('"', p);
        if (quote === -1) {
          if (!spoiled) field += text.slice(p);
          return; // the record goes on
        }
        if (!spoiled) field += text.slice(p, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          if (!spoiled) field += '"';
          p = quote + 2;
          continue;
        }
        inQuotes = false;
        p = quote + 1;
      }
      if (fieldStart && text.charCodeAt(p) === 34) {
        inQuotes = true;
        fieldStart = false;
        p++;
        continue;
      }
      const comma = text.indexOf(',', p);
      if (comma === -1) {
        field += text.slice(p);
        finishRecord();
        return;
      }
      field += text.slice(p, comma);
      fields.push(field);
      field = '';
      fieldStart = true;
      p = comma + 1;
    }
  }

  const splitter = createLineSplitter(
    ctx.maxRecordBytes,
    (buf, start, end, line) => readLine(ctx.decodeText(buf, start, end, { file: ctx.file, line }), line, end - start),
    (_head, line) => {
      if (!spoiled) {
        ctx.malformed('RECORD_TOO_LONG', `CSV line exceeds ${ctx.maxRecordBytes} bytes`, {
          file: ctx.file,
          line: inQuotes ? recordLine : line,
        });
      }
      // Whether its quotes closed is unknown: drop the record and start afresh on the next line.
      fields = [];
      field = '';
      inQuotes = false;
      spoiled = false;
    },
  );

  return {
    keepsChunks: false,
    push(chunk, target) {
      out = target;
      splitter.push(chunk);
    },
    end(target) {
      out = target;
      splitter.end();
      if (inQuotes) {
        inQuotes = false;
        if (!spoiled) {
          ctx.report('TRUNCATED_INPUT', 'warning', 'CSV input ends inside a quoted field', {
            file: ctx.file,
            line: recordLine,
          });
        }
        finishRecord();
      }
    },
  };
}
