/**
 * The parts of `--help` that commander does not write: examples, causes, formats, exit status.
 * @module
 */
import { CAUSES, INPUT_FORMATS } from '../types.js';

/** Container names accepted by `--input-format`, `auto` first. */
export const INPUT_FORMAT_CHOICES: readonly string[] = ['auto', ...INPUT_FORMATS];

/** Text shown after the options. */
export const HELP_AFTER = `
Examples:
  # During an incident: pipe CloudWatch Logs straight in (one JSON document, any size; its
  # events do not name their group, so --log-group gives every trace its API id and stage)
  aws logs filter-log-events --log-group-name API-Gateway-Execution-Logs_abc123/prod \\
    --start-time $(( ($(date +%s) - 3600) * 1000 )) | trace403 --log-group API-Gateway-Execution-Logs_abc123/prod

  # Forensics over an S3 export (thousands of .gz files): NDJSON out, progress on the terminal
  trace403 ./exported-logs/ --format ndjson > traces.ndjson

  # CI gate: exit 3 when a cached authorizer policy refused anything; a markdown report for the ticket
  trace403 logs.json --fail-on AUTHORIZER_CACHED_POLICY_DENY,AUTHORIZER_EXPLICIT_DENY --format markdown > report.md

  # Refusals of the last 2 hours for one API and stage, as a self-contained page
  trace403 logs/ --denied --since 2h --api abc123 --stage prod --format html > report.html

Causes (for --cause and --fail-on; case does not matter, lists may be comma-separated):
  ${CAUSES.join('\n  ')}

Input formats (--input-format; detected per file by default, after gunzip):
  ${INPUT_FORMAT_CHOICES.slice(0, 7).join(', ')},
  ${INPUT_FORMAT_CHOICES.slice(7).join(', ')}

Filters choose the traces printed (and checked by --fail-on); a trace whose time, API or stage
the log does not tell is left out by a filter on it. The summary and its accounting always count
everything read. Secrets (bearer tokens, JWTs, X-Amz-Security-Token, authorizer context values,
unmasked identities) are redacted unless --no-redact is given.

Exit status: 0 done, 1 bad input that stopped the run, 2 usage error, 3 --fail-on matched,
130 interrupted (after printing what was read).
`;
