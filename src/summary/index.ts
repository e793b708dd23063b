export {
  DIAGNOSTIC_SAMPLES_PER_CODE,
  addDecodeStats,
  addDiagnostic,
  addReassembleStats,
  addRecord,
  buildSummary,
  createSummaryParts,
  mergeSummaryParts,
} from './summary-builder.js';
export type { SummaryParts } from './summary-builder.js';
