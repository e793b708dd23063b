import type { EvidenceLine, LineMark, Trace, TraceLine } from '../types.js';
import { isoTime } from './describe.js';

/** One trace line as an (unredacted) evidence line. */
export function toEvidenceLine(line: TraceLine): EvidenceLine {
  return { time: isoTime(line.timestamp), text: line.text, file: line.source.file, line: line.source.line ?? null };
}

/**
 * The lines behind a verdict, in log order, each once. Marks the trace lacks are skipped; when none is present
 * the last line stands in, so a record always shows where its trace ended.
 */
export function collectEvidence(trace: Trace, marks: readonly LineMark[], before: EvidenceLine | null): EvidenceLine[] {
  const indexes = new Set<number>();
  for (const mark of marks) {
    const at = trace.marks[mark];
    if (at !== undefined && trace.lines[at] !== undefined) indexes.add(at);
  }
  if (indexes.size === 0 && trace.lines.length > 0) indexes.add(trace.lines.length - 1);
  const lines = [...indexes].sort((a, b) => a - b).map((at) => toEvidenceLine(trace.lines[at] as TraceLine));
  return before === null ? lines : [before, ...lines];
}
