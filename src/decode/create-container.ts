/**
 * Which decoder reads which container.
 * @module
 */
import type { InputFormat } from '../types.js';
import type { ContainerDecoder, DecodeContext } from './decode-context.js';
import { createConcatenatedJsonDecoder } from './decode-concatenated-json.js';
import { createCsvTableDecoder } from './decode-csv-table.js';
import { createEventsDocumentDecoder } from './decode-events-document.js';
import { createJsonTokensDecoder } from './decode-json-tokens.js';
import { createNdjsonDecoder } from './decode-ndjson.js';
import { createTextLinesDecoder } from './decode-text-lines.js';

/**
 * Create the decoder of `format`. filter-log-events and get-log-events share one (they differ only in the fields
 * their events carry); the rare nested JSON shapes share the stream-json reader.
 *
 * @example
 * const container = createContainer('ndjson', ctx);
 */
export function createContainer(format: InputFormat, ctx: DecodeContext): ContainerDecoder {
  switch (format) {
    case 'ndjson':
      return createNdjsonDecoder(ctx);
    case 'filter-log-events':
    case 'get-log-events':
      return createEventsDocumentDecoder(ctx);
    case 'subscription':
      return createConcatenatedJsonDecoder(ctx);
    case 'insights-csv':
      return createCsvTableDecoder(ctx);
    case 'insights-json':
    case 'test-invoke':
      return createJsonTokensDecoder(ctx);
    case 's3-export':
    case 'tail':
    case 'console':
    case 'copy-paste':
    case 'insights-markdown':
      return createTextLinesDecoder(format, ctx);
  }
}
