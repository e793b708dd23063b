/**
 * The classifier: one cause per trace, with confidence, evidence and fix; cache hits correlated with the
 * request whose policy was cached.
 * @module
 */
export { classifyTrace } from './classify-trace.js';
export { createClassifier, createLocalClassifier } from './create-classifier.js';
export { readCachedOrigin } from './cached-origin.js';
export { pickClassifyOptions } from './read-options.js';
export { validateTraceRecord } from './validate-trace-record.js';
export type { Classifier, LocalClassifier, LocalVerdict } from './create-classifier.js';
export type { CachedOrigin, ClassifyOptions } from './types.js';
