import type { Trace } from '../types.js';

/**
 * True when the trace does not start with a line a request starts with, so its first lines may sit at the end of
 * another input: `Extended Request Id` in logs that have it (API Gateway since 2019), else `Starting authorizer`,
 * `Verifying Usage Plan` or `Starting execution` (in 2019+ logs those come mid-request). Only such traces near
 * the start of an input go to the main thread, so joining costs almost nothing where no request straddles inputs.
 */
export function mayHaveBegunElsewhere(trace: Trace, extendedIds: boolean): boolean {
  const m = trace.marks;
  if (m.extendedRequestId === 0) return false;
  if (extendedIds || m.extendedRequestId !== undefined) return true;
  return m.authorizerStart !== 0 && m.usagePlan !== 0 && m.executionStart !== 0;
}
