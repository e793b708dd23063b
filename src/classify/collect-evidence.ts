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
  // A handful of lines: kept in order by insertion, with no Set, spread or sort (each allocated per record).
  const indexes: number[] = [];
  for (const mark of marks) {
    const at = trace.marks[mark];
    if (at === undefined || trace.lines[at] === undefined || indexes.includes(at)) continue;
    let k = indexes.length;
    while (k > 0 && indexes[k - 1]! > at) k--;
    indexes.splice(k, 0, at);
  }
  if (indexes.length === 0 && trace.lines.length > 0) indexes.push(trace.lines.length - 1);
  const lines: EvidenceLine[] = before === null ? [] : [before];
  for (const at of indexes) lines.push(toEvidenceLine(trace.lines[at] as TraceLine));
  return lines;
}
