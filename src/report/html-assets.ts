/**
 * The inline stylesheet and script of the HTML report. Both are constants: no log text ever reaches them, and the
 * page's Content-Security-Policy forbids anything that is not inline (so it makes no network request).
 * @module
 */

/** Inline CSS. */
export const HTML_STYLE = `
:root { color-scheme: light dark; --fg: #1b1f23; --bg: #fff; --muted: #6a737d; --line: #d0d7de; --head: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8b949e; --line: #30363d; --head: #161b22; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; word-break: break-all; margin: 4px 0; padding: 6px; background: var(--head); border-radius: 4px; }
.muted { color: var(--muted); } .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.banner { padding: 8px 12px; border: 1px solid #d4ac0d; border-radius: 4px; background: rgba(212, 172, 13, .12); }
#timeline { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
#timeline .axis { stroke: var(--muted); stroke-width: 1; } #timeline .tick, #timeline .empty { fill: var(--muted); font-size: 11px; }
.filters { display: flex; gap: 12px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
.filters input { min-width: 280px; padding: 4px 6px; } [data-filter-cause] { cursor: pointer; }
details > summary { cursor: pointer; } details .evidence { margin: 6px 0; }
td.cause { white-space: nowrap; } tr.trace td { word-break: break-word; }
`;

/** Inline script: filters the trace table by text and cause. Reads the DOM only, never writes HTML. */
export const HTML_SCRIPT = `
(() => {
  const rows = Array.from(document.querySelectorAll('#trace-table tbody tr.trace'));
  const text = document.getElementById('filter-text');
  const cause = document.getElementById('filter-cause');
  const count = document.getElementById('filter-count');
  if (!text || !cause || !count) return;
  const apply = () => {
    const q = text.value.trim().toLowerCase();
    const c = cause.value;
    let shown = 0;
    for (const row of rows) {
      const ok = (c === '' || row.dataset.cause === c) && (q === '' || row.textContent.toLowerCase().includes(q));
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' rows';
  };
  text.addEventListener('input', apply);
  cause.addEventListener('change', apply);
  for (const el of document.querySelectorAll('[data-filter-cause]')) {
    el.addEventListener('click', () => {
      cause.value = el.getAttribute('data-filter-cause') || '';
      apply();
      document.getElementById('traces').scrollIntoView();
    });
  }
  apply();
})();
`;
