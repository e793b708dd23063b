/**
 * Reassemble stage: log events → one `RawTrace` per request (LOG-FORMATS.md §3).
 * @module
 */
export { createReassembler, type Reassembler } from './create-reassembler.js';
export type { ReassembleOptions } from './read-options.js';
export { DEFAULT_CLOSE_CHECK_EVENTS, DEFAULT_GRACE_MS, DEFAULT_IDLE_MS, DEFAULT_MAX_OPEN_TRACES } from './read-options.js';
export { findRequestIdEnd, MAX_REQUEST_ID_LENGTH, readRequestId } from './find-request-id.js';
export { isTerminalLine, TERMINAL_LINES, type TerminalLine } from './terminal-lines.js';
