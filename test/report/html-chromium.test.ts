/**
 * Renders the HTML report in real headless Chromium (Debian's `chromium`; CI installs it) and checks what a reader
 * sees: the page's own script ran under its CSP, log text injected no element, the chart and the counts equal the
 * summary. Without Chromium the test is registered as skipped (never as passed) with the reason in its title.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { renderReport } from '../../src/report/index.js';
import { RECORDS, SUMMARY } from '../fixtures/report/records.js';
import { countOccurrences, elementsWith } from './helpers.js';

const run = promisify(execFile);

function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'chromium'))];
  for (const path of candidates) {
    if (path === undefined || path === '') continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not there: try the next
    }
  }
  return null;
}

const chromium = findChromium();
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function render(t: { teardown(fn: () => void): void }, args: string[]): Promise<{ stdout: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'trace403-chromium-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const page = join(dir, 'report.html');
  writeFileSync(page, renderReport('html', RECORDS, SUMMARY));
  const { stdout } = await run(chromium ?? 'chromium', [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, ...args.map((a) => a.replace('{dir}', dir)), `file://${page}`], {
    timeout: 90_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout, dir };
}

const whenChromium = chromium === null ? test.skip : test;
const reason = chromium === null ? ' (skipped: no chromium at /usr/bin/chromium, $CHROMIUM_PATH or on PATH)' : '';

whenChromium(`html renders in headless Chromium: script ran, no injected element, counts and chart equal the summary${reason}`, async (t) => {
  const { stdout: dom } = await render(t, ['--virtual-time-budget=5000', '--dump-dom']);
  // The page's filter script ran (the CSP allows inline script) and counted every row.
  t.regex(dom, /<span id="filter-count" class="muted">8 of 8 rows<\/span>/);
  // Only the report's two script elements exist in the live DOM: nothing from log text became markup.
  t.is(countOccurrences(dom, '<script'), 2);
  t.is(elementsWith(dom, 'img', 'src').length, 0);
  const counts = Object.fromEntries(
    elementsWith(dom, 'tr', 'data-count').filter((r) => 'data-cause' in r).map((r) => [r['data-cause'], Number(r['data-count'])]),
  );
  t.deepEqual(counts, Object.fromEntries(Object.entries(SUMMARY.traces.byCause).filter(([, n]) => n > 0)));
  t.regex(dom, /<svg id="timeline"/);
  const series = elementsWith(dom, 'g', 'data-cause');
  for (const g of series) {
    const cause = g['data-cause'] as keyof typeof SUMMARY.traces.byCause;
    // Every charted cause's total is its summary count (the one INCOMPLETE trace has no time and is not charted).
    t.is(Number(g['data-total']), SUMMARY.traces.byCause[cause], cause);
  }
  t.is(series.length, 4);
  t.true(dom.includes('req-&lt;script&gt;alert(1)&lt;/script&gt;'));
});

whenChromium(`html screenshot in headless Chromium is a real image${reason}`, async (t) => {
  const { dir } = await render(t, ['--window-size=1280,2000', '--screenshot={dir}/shot.png']);
  const png = readFileSync(join(dir, 'shot.png'));
  t.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
  t.is(png.readUInt32BE(16), 1280); // IHDR width
  t.true(png.length > 20_000, `a blank page compresses to almost nothing; got ${png.length} bytes`);
});
