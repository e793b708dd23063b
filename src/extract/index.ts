/**
 * Extract stage: a `RawTrace` → a `Trace`, its lines understood (LOG-FORMATS.md §4).
 * @module
 */
export { extractTrace } from './extract-trace.js';
export { readLogGroup, type LogGroupApi } from './read-log-group.js';
