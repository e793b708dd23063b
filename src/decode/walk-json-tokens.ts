/**
 * Recognise log records in a stream-json token stream (fully streamed tokens: keys, strings and numbers arrive in
 * chunks). Each container gets a role from its parent's role and key; only the values of records are collected.
 * @module
 */
import type { Token } from 'stream-json/core/parser.js';
import type { InputFormat } from '../types.js';
import type { FieldReader } from './read-event-fields.js';

const enum Role {
  /** Contents ignored. */
  None,
  RootObject,
  /** A top-level array: Logs Insights console JSON export, one record per element. */
  RootArray,
  /** `results` of get-query-results: one row (an array of cells) per element. */
  Results,
  Row,
  /** `{"field":…,"value":…}` */
  Cell,
  /** `events` / `logEvents`: one event object per element. */
  EventList,
  /** An object whose scalar fields are collected. */
  Record,
}

interface Frame {
  role: Role;
  key: string | null;
}

type Scalar = string | number | boolean | null;

/** Callbacks of {@link walkJsonTokens}. */
export interface JsonWalkHandlers {
  /** Cap on one collected string (UTF-16 units, close enough to bytes for a cap). */
  maxValueBytes: number;
  /** A record ended: read its fields by name. `tooLong` when a value went over the cap. */
  onRecord(read: FieldReader, tooLong: boolean): void;
  /** An element of a record list that is not a record. */
  onBadElement(): void;
  /**
   * The exact offset of the element of a top-level array that begins now (called once per element, in order);
   * `undefined`, or no handler: the element is placed at {@link JsonWalker.offset}, the start of its block.
   */
  takeElementOffset?(): number | undefined;
  /** Nesting went past {@link MAX_JSON_DEPTH}: the caller stops feeding (the walker ignores the rest). */
  onTooDeep(): void;
  /** The document's shape says which container it is. */
  onShape(format: InputFormat): void;
  /** A top-level `log` string (test-invoke output) starts, continues, ends. */
  onLogStart(): void;
  onLogChunk(text: string): void;
  onLogEnd(): void;
}

/** The token walker. */
export interface JsonWalker {
  push(token: Token): void;
  /** Offset of the input block being fed (set by the owner), used for records that start in it. */
  offset: number;
  readonly recordOffset: number;
  readonly depth: number;
  readonly inRecord: boolean;
  /** A log shape (records, results, a `log` field) was found. */
  readonly recognized: boolean;
  /** Keys of the first top-level object (the first 12), for NOT_A_LOG_EXPORT. */
  readonly topKeys: string[];
}

const RECORD_LIST_KEYS = new Set(['events', 'logEvents']);

/**
 * Deepest nesting read. No log export nests past ~6; without a cap, `[[[[…` would grow the stack (here and in the
 * tokenizer) with the input: hostile input must not set the memory bound.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Create a walker.
 *
 * @example
 * const walker = walkJsonTokens({ maxValueBytes: 1 << 20, onRecord: (read) => console.log(read('@message')), … });
 * for (const token of tokens) walker.push(token);
 */
export function walkJsonTokens(handlers: JsonWalkHandlers): JsonWalker {
  const stack: Frame[] = [];
  let key = '';
  let inKey = false;
  /** What the current string or number feeds. */
  let sink: 'none' | 'log' | 'value' = 'none';
  let text = '';
  let record: Map<string, Scalar> | null = null;
  let recordDepth = -1;
  let tooLong = false;
  let cellField: string | null = null;
  let cellValue: string | null = null;
  let keysOfFirstObject: string[] | null = null;
  let recognized = false;
  let tooDeep = false;
  let recordOffset = 0;

  const walker: JsonWalker = {
    offset: 0,
    get recordOffset() {
      return recordOffset;
    },
    get depth() {
      return stack.length;
    },
    get inRecord() {
      return record !== null;
    },
    get recognized() {
      return recognized;
    },
    get topKeys() {
      return keysOfFirstObject ?? [];
    },
    push(token) {
      if (tooDeep) return;
      switch (token.name) {
        case 'startObject':
        case 'startArray':
          open(token.name === 'startObject');
          break;
        case 'endObject':
        case 'endArray':
          close();
          break;
        case 'startKey':
          inKey = true;
          key = '';
          break;
        case 'endKey': {
          inKey = false;
          const top = stack[stack.length - 1];
          if (top !== undefined) top.key = key;
          if (stack.length === 1 && top?.role === Role.RootObject && keysOfFirstObject !== null) {
            if (keysOfFirstObject.length < 12) keysOfFirstObject.push(key);
          }
          break;
        }
        case 'stringChunk':
          if (inKey) {
            if (key.length < 1024) key += token.value;
          } else if (sink === 'log') handlers.onLogChunk(token.value);
          else if (sink === 'value') append(token.value);
          break;
        case 'numberChunk':
          if (sink === 'value') append(token.value);
          break;
        case 'startString':
          startScalar(true);
          break;
        case 'startNumber':
          startScalar(false);
          break;
        case 'endString':
          if (sink === 'log') handlers.onLogEnd();
          else if (sink === 'value') store(text);
          sink = 'none';
          break;
        case 'endNumber':
          if (sink === 'value') store(Number(text));
          sink = 'none';
          break;
        case 'nullValue':
        case 'trueValue':
        case 'falseValue':
          startScalar(false);
          if (sink === 'value') store(token.value);
          sink = 'none';
          break;
        default:
          break;
      }
    },
  };

  function setRecognized(): void {
    recognized = true;
  }

  function append(chunk: string): void {
    if (text.length + chunk.length > handlers.maxValueBytes) tooLong = true;
    else text += chunk;
  }

  /** A string, number or literal begins as a value of the top frame. */
  function startScalar(isString: boolean): void {
    text = '';
    sink = 'none';
    const top = stack[stack.length - 1];
    if (top === undefined) return;
    switch (top.role) {
      case Role.RootObject:
        if (isString && top.key === 'log') {
          setRecognized();
          sink = 'log';
          handlers.onLogStart();
        }
        break;
      case Role.Record:
        if (stack.length - 1 === recordDepth && top.key !== null) sink = 'value';
        break;
      case Role.Cell:
        if (top.key === 'field' || top.key === 'value') sink = 'value';
        break;
      case Role.RootArray:
      case Role.Results:
      case Role.EventList:
        startRecordOffset();
        handlers.onBadElement();
        break;
      default:
        break;
    }
  }

  function store(value: Scalar): void {
    const top = stack[stack.length - 1];
    if (top === undefined || top.key === null) return;
    if (top.role === Role.Record && record !== null) record.set(top.key, value);
    else if (top.role === Role.Cell) {
      const asText = value === null ? null : String(value);
      if (top.key === 'field') cellField = asText;
      else cellValue = asText;
    }
  }

  /** Called with the element's parent on top of the stack (before its own frame is pushed). */
  function startRecordOffset(): void {
    const parent = stack[stack.length - 1];
    recordOffset = (parent?.role === Role.RootArray ? handlers.takeElementOffset?.() : undefined) ?? walker.offset;
  }

  function beginRecord(): void {
    record = new Map();
    recordDepth = stack.length; // index the record's frame will have
    tooLong = false;
    startRecordOffset();
  }

  function open(isObject: boolean): void {
    if (stack.length >= MAX_JSON_DEPTH) {
      tooDeep = true;
      handlers.onTooDeep();
      return;
    }
    const parent = stack[stack.length - 1];
    let role = Role.None;
    if (parent === undefined) {
      if (isObject) {
        role = Role.RootObject;
        keysOfFirstObject ??= [];
      } else {
        role = Role.RootArray;
        setRecognized();
        handlers.onShape('insights-json');
      }
    } else {
      switch (parent.role) {
        case Role.RootObject:
          if (!isObject && parent.key === 'results') {
            role = Role.Results;
            setRecognized();
            handlers.onShape('insights-json');
          } else if (!isObject && parent.key !== null && RECORD_LIST_KEYS.has(parent.key)) {
            role = Role.EventList;
            setRecognized();
          }
          break;
        case Role.RootArray:
        case Role.EventList:
          if (isObject) role = Role.Record;
          else {
            startRecordOffset();
            handlers.onBadElement();
          }
          break;
        case Role.Results:
          if (!isObject) role = Role.Row;
          else {
            startRecordOffset();
            handlers.onBadElement();
          }
          break;
        case Role.Row:
          if (isObject) {
            role = Role.Cell;
            cellField = null;
            cellValue = null;
          }
          break;
        default:
          break;
      }
    }
    if (role === Role.Record || role === Role.Row) beginRecord();
    stack.push({ role, key: null });
  }

  function close(): void {
    const frame = stack.pop();
    if (frame === undefined) return;
    if (frame.role === Role.Cell && record !== null && cellField !== null) {
      record.set(cellField, cellValue);
    } else if ((frame.role === Role.Record || frame.role === Role.Row) && stack.length === recordDepth) {
      const fields = record;
      record = null;
      recordDepth = -1;
      if (fields !== null) handlers.onRecord((name) => fields.get(name) ?? undefined, tooLong);
    }
  }

  return walker;
}
