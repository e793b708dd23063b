/**
 * The human reports (text and markdown) of the bundled incident, as snapshots (`test/report/snapshots/`), plus the
 * facts a person checks by eye on them, so a snapshot update cannot quietly accept a wrong report: every cause of
 * SPEC.md in the cause table once, with the count of the ground truth (`samples/expected/incident.json`), an
 * accounting that adds up, and no secret of the samples reprinted.
 *
 * After an intended change of a report: `npx ava test/report/samples-snapshot.test.ts --update-snapshots`, then read
 * the diff of `snapshots/samples-snapshot.test.ts.md` before committing it.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findSecretLeaks } from '../../benchmarks/lib/secrets.js';
import { main } from '../../src/cli/main.js';
import { CAUSES } from '../../src/types.js';
import { fakeIo } from '../cli/fake-io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INCIDENT = `${ROOT}samples/incident/`;
const EXPECTED = JSON.parse(readFileSync(`${ROOT}samples/expected/incident.json`, 'utf8')) as {
  events: number;
  requests: { cause: string }[];
};
const EXPECTED_COUNTS = new Map<string, number>();
for (const r of EXPECTED.requests) EXPECTED_COUNTS.set(r.cause, (EXPECTED_COUNTS.get(r.cause) ?? 0) + 1);

/**
 * Runs the CLI in-process on the incident and returns stdout, made independent of the machine.
 *
 * What could vary between runs: the reports print the input paths as given, and the samples' absolute path depends
 * on the checkout, so it is cut back to `samples/incident/…`. They hold no wall-clock time or duration (checked: two
 * runs a second apart print the same bytes; every time shown comes from the logs). `now` is fixed anyway so that
 * nothing read through the io clock can creep in. The environment is empty (no NO_COLOR, TERM or COLUMNS from the
 * machine running the tests), and `-j 1` keeps the workers out.
 */
async function runReport(t: { is: (a: unknown, b: unknown, m?: string) => void }, args: readonly string[]): Promise<string> {
  const io = fakeIo({ now: Date.parse('2026-03-15T00:00:00Z') });
  const code = await main([...args, INCIDENT], io);
  t.is(code, 0, io.stderr.text);
  t.is(io.stderr.text, '', 'nothing on stderr');
  return io.stdout.text.replaceAll(ROOT, '');
}

/** `[cause, count]` of each row of a cause table, in report order. */
type CauseRows = [string, number][];

/** The rows of the text report's cause table: the lines after the `Causes` header, up to the first blank line. */
function textCauseRows(text: string): CauseRows {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Causes '));
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end).map((l) => {
    const [cause = '', count = ''] = l.trim().split(/ +/, 2);
    return [cause, Number(count)];
  });
}

/** The rows of the markdown report's cause table: `| \`CAUSE\` | n | …` under `## Causes`. */
function markdownCauseRows(markdown: string): CauseRows {
  const section = markdown.slice(markdown.indexOf('## Causes\n'), markdown.indexOf('\n## ', markdown.indexOf('## Causes\n')));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => {
      const cells = l.split(' | ');
      return [(cells[0] ?? '').slice(3, -1), Number(cells[1])];
    });
}

/** Every cause of SPEC.md once, each with the count of the ground truth. */
function checkCauseTable(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }, rows: CauseRows): void {
  t.deepEqual(rows.map(([cause]) => cause).sort(), [...CAUSES].sort(), 'every cause named once');
  const sorted = (entries: Iterable<[string, number]>): [string, number][] => [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
  t.deepEqual(sorted(rows), sorted(EXPECTED_COUNTS), 'counts of samples/expected/incident.json');
}

test('text report of the incident: snapshot, cause table, accounting, no secret', async (t) => {
  const text = await runReport(t, ['--format', 'text', '--no-color', '-j', '1']);
  t.false(text.includes('\u001b['), 'no colour codes');
  t.true(text.startsWith(`trace403: ${EXPECTED.requests.length} traces in ${EXPECTED.events} events from 3 inputs`));
  checkCauseTable(t, textCauseRows(text));
  const accounting = text.split('\n').find((l) => l.trimStart().startsWith('events read '));
  t.is(accounting, `  events read ${EXPECTED.events} = in traces ${EXPECTED.events} + orphans 0 + malformed 0 + duplicates 0 + foreign 0 (adds up)`);
  t.deepEqual(findSecretLeaks(text), [], 'a secret of benchmarks/lib/secrets.ts is reprinted');
  t.false(text.includes(ROOT), 'paths normalised');
  t.snapshot(text);
});

test('markdown report of the incident: snapshot, cause table, accounting, no secret', async (t) => {
  const markdown = await runReport(t, ['--format', 'markdown', '-j', '1']);
  t.true(markdown.startsWith('# trace403 report\n'));
  t.true(markdown.includes(`**${EXPECTED.requests.length} traces** in ${EXPECTED.events} events from 3 inputs`));
  checkCauseTable(t, markdownCauseRows(markdown));
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| Events read |'));
  t.true(lines[header]?.endsWith('| Adds up |'));
  t.is(lines[header + 2], `| ${EXPECTED.events} | ${EXPECTED.events} | 0 | 0 | 0 | 0 | yes |`);
  t.deepEqual(findSecretLeaks(markdown), [], 'a secret of benchmarks/lib/secrets.ts is reprinted');
  t.false(markdown.includes(ROOT), 'paths normalised');
  t.snapshot(markdown);
});
