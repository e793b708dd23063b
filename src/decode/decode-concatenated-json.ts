/**
 * Subscription / Firehose output: JSON payloads concatenated with no separator (`{…}{…}`) or one per line, each
 * `{"messageType":"DATA_MESSAGE","logGroup":…,"logStream":…,"logEvents":[{id,timestamp,message}]}`; also the
 * Lambda subscriber form `{"awslogs":{"data":"<base64 gzip>"}}`.
 *
 * A payload is bounded (CloudWatch delivers at most ~1 MB of events per payload), so each one is found with the
 * byte-level boundary scan, then read in place when it is a `DATA_MESSAGE` in CloudWatch's own layout and the
 * context takes ByteEvents (read-data-message.ts), else parsed whole with `JSON.parse`.
 * @module
 */
import type { LogEvent } from '../types.js';
import type { ContainerDecoder, DecodeContext } from './decode-context.js';
import { appendObjectEvents } from './append-object-events.js';
import { createByteCapture } from './capture-bytes.js';
import { readDataMessage } from './read-data-message.js';
import { createValueScan, resetValueScan, scanJsonValue } from './scan-json-value.js';

const enum State {
  Top,
  Garbage,
  Payload,
  PayloadSkip,
}

/**
 * Create the decoder of concatenated JSON payloads. A payload that is not valid JSON is one MALFORMED_RECORD (byte
 * offset); bytes between payloads that are not JSON are one MALFORMED_RECORD per run, skipped to the next `{`.
 *
 * @example
 * const decoder = createConcatenatedJsonDecoder(ctx);
 * decoder.push(Buffer.from('{"messageType":"CONTROL_MESSAGE","logEvents":[]}{"logEvents":[…]}'), out);
 */
export function createConcatenatedJsonDecoder(ctx: DecodeContext): ContainerDecoder {
  const file = ctx.file;
  const scan = createValueScan();
  const capture = createByteCapture(ctx.maxRecordBytes);
  let state = State.Top;
  let base = 0;
  let recordOffset = 0;
  let out: LogEvent[] = [];
  const fast = ctx.takesBytes;

  function tooLong(): void {
    ctx.malformed('RECORD_TOO_LONG', `Payload exceeds ${ctx.maxRecordBytes} bytes`, { file, offset: recordOffset });
  }

  function readPayload(bytes: Buffer): void {
    const source = { file, offset: recordOffset };
    if (fast && readDataMessage(ctx, bytes, source, out)) return;
    const text = ctx.decodeText(bytes, 0, bytes.length, source);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.malformed('MALFORMED_RECORD', 'Payload at this offset is not valid JSON', source);
      return;
    }
    appendObjectEvents(value, text, ctx, source, out);
  }

  function push(chunk: Buffer): void {
    const length = chunk.length;
    let p = 0;
    while (p < length) {
      if (state === State.Top) {
        const c = chunk[p] as number;
        if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0) {
          p++; // whitespace, and the NUL padding some writers leave between records
        } else if (c === 123) {
          state = State.Payload;
          resetValueScan(scan);
          recordOffset = base + p;
          capture.begin(p);
        } else {
          ctx.malformed('MALFORMED_RECORD', 'Unexpected data between payloads', { file, offset: base + p });
          state = State.Garbage;
        }
      } else if (state === State.Garbage) {
        const brace = chunk.indexOf(123, p);
        if (brace === -1) p = length;
        else {
          p = brace;
          state = State.Top;
        }
      } else {
        const end = scanJsonValue(chunk, p, scan);
        if (end === -1) {
          if (state === State.Payload && !capture.carry(chunk)) {
            tooLong();
            state = State.PayloadSkip;
          }
          p = length;
        } else {
          if (state === State.Payload) {
            const bytes = capture.finish(chunk, end);
            if (bytes === null) tooLong();
            else readPayload(bytes);
          }
          state = State.Top;
          p = end;
        }
      }
    }
    base += length;
  }

  return {
    keepsChunks: false,
    push(chunk, target) {
      out = target;
      push(chunk);
    },
    end(target) {
      out = target;
      if (state === State.Payload) {
        ctx.malformed('MALFORMED_RECORD', 'Payload cut off by the end of input', { file, offset: recordOffset });
      }
      if (state === State.Payload || state === State.PayloadSkip) {
        ctx.report('TRUNCATED_INPUT', 'error', 'Input ends inside a payload', { file, offset: base });
      }
      capture.clear();
      state = State.Top;
    },
  };
}
