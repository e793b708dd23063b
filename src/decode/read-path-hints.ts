/**
 * What an export's file path says about its events: S3 exports keep the log stream only in the key path
 * (`<prefix>/<taskId>/<logStream>/000000.gz`), and users often name the prefix after the log group.
 * @module
 */

/** Log group and stream implied by a path; either may be absent. */
export interface PathHints {
  logGroup?: string;
  logStream?: string;
}

const GROUP_PREFIX = 'API-Gateway-Execution-Logs';
/** `000000.gz`, `000001.gz`… (the S3 export object names); also without `.gz` once decompressed. */
const EXPORT_OBJECT = /^\d{6}(\.gz)?$/;
/** create-export-task ids are UUIDs. */
const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Read the log group (`API-Gateway-Execution-Logs_<api>/<stage>`, the `API-Gateway-Execution-Logs/<api>/<stage>`
 * spelling, and a `/Canary` suffix) and the log stream (the segment(s) between an export task id and the
 * `000000.gz` object; without a task id, the parent folder) from a path.
 *
 * @example
 * readPathHints('exports/API-Gateway-Execution-Logs_abc123/prod/0b1c2d3e-4f5a-6b7c-8d9e-0a1b2c3d4e5f/9f86d081884c7d659a2feaa0c55ad015/000000.gz');
 * // { logGroup: 'API-Gateway-Execution-Logs_abc123/prod', logStream: '9f86d081884c7d659a2feaa0c55ad015' }
 */
export function readPathHints(path: string): PathHints {
  const segments = path.split(/[\\/]/).filter((s) => s.length > 0);
  const hints: PathHints = {};
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i] as string;
    let group: string | null = null;
    let next = i + 1;
    if (segment.startsWith(`${GROUP_PREFIX}_`) && segment.length > GROUP_PREFIX.length + 1) {
      const stage = segments[i + 1];
      if (stage !== undefined && i + 1 < segments.length - 1) {
        group = `${segment}/${stage}`;
        next = i + 2;
      }
    } else if (segment === GROUP_PREFIX && i + 2 < segments.length - 1) {
      group = `${segment}/${segments[i + 1] as string}/${segments[i + 2] as string}`;
      next = i + 3;
    }
    if (group !== null) {
      if (segments[next] === 'Canary' && next < segments.length - 1) group += '/Canary';
      hints.logGroup = group;
      break;
    }
  }
  const name = segments[segments.length - 1];
  if (name !== undefined && EXPORT_OBJECT.test(name) && segments.length >= 2) {
    let task = -1;
    for (let i = segments.length - 3; i >= 0; i--) {
      if (TASK_ID.test(segments[i] as string)) {
        task = i;
        break;
      }
    }
    hints.logStream =
      task === -1 ? (segments[segments.length - 2] as string) : segments.slice(task + 1, -1).join('/');
  }
  return hints;
}
