/** The API and stage a log group name gives. */
export interface LogGroupApi {
  apiId: string;
  stage: string;
  /** The group of a canary (`…/<stage>/Canary`). */
  canary: boolean;
}

const PREFIX_SEEN = 'API-Gateway-Execution-Logs_';
const PREFIX_DOC = 'API-Gateway-Execution-Logs/';

/**
 * Reads `API-Gateway-Execution-Logs_<apiId>/<stage>` (seen) or `API-Gateway-Execution-Logs/<apiId>/<stage>`
 * (doc), with an optional `/Canary` suffix for canary stages (LOG-FORMATS.md §1).
 * @returns the API id and stage (frozen: shared between calls), or null for any other group name.
 * @example
 * readLogGroup('API-Gateway-Execution-Logs_abc123/prod');          // → { apiId: 'abc123', stage: 'prod', canary: false }
 * readLogGroup('API-Gateway-Execution-Logs/abc123/prod/Canary');   // → { apiId: 'abc123', stage: 'prod', canary: true }
 */
export function readLogGroup(logGroup: string | null): LogGroupApi | null {
  if (logGroup === null) return null;
  // Consecutive traces nearly always share their group: remember the last answer.
  if (logGroup === lastGroup) return lastResult;
  lastGroup = logGroup;
  lastResult = parseLogGroup(logGroup);
  if (lastResult !== null) Object.freeze(lastResult);
  return lastResult;
}

let lastGroup: string | null = null;
let lastResult: LogGroupApi | null = null;

function parseLogGroup(logGroup: string): LogGroupApi | null {
  // Some tools print the group with a leading slash.
  const name = logGroup.startsWith('/') ? logGroup.slice(1) : logGroup;
  let rest: string;
  if (name.startsWith(PREFIX_SEEN)) rest = name.slice(PREFIX_SEEN.length);
  else if (name.startsWith(PREFIX_DOC)) rest = name.slice(PREFIX_DOC.length);
  else return null;
  const parts = rest.split('/');
  const [apiId, stage, third] = parts;
  if (apiId === undefined || apiId === '' || stage === undefined || stage === '') return null;
  const canary = third === 'Canary';
  if (parts.length > (canary ? 3 : 2)) return null;
  return { apiId, stage, canary };
}
