/**
 * The report's first screen: run status, adapters and backends, totals by
 * status (unsupported, unavailable and expected failures apart from passes
 * and failures), the failure navigator, filters, and one row per
 * kernel x output x backend with its status and worst error against its
 * tolerance. Every failed row links to its failure.
 */
import { escapeHtml as h } from './escape.ts';
import type { PageModel, PageRow } from './page-model.ts';

const COLUMNS = ['kernel', 'output', 'backend', 'status', 'cases', 'worst error (tolerance)', 'GPU per case', 'time'];

/** |worst| / tolerance as a bar, the tolerance at its middle; red past it or where the policy refused the value. */
function meter(ratio: number | undefined, refused: boolean): string {
  if (ratio === undefined) return '';
  const pct = Math.min(100, (ratio / 2) * 100).toFixed(1);
  const title = h(Number.isFinite(ratio) ? `${ratio.toPrecision(3)} x tolerance` : 'past a tolerance of 0');
  const bar = `<span style="width:${pct}%"></span>`;
  return `<span class="meter${ratio > 1 || refused ? ' over' : ''}" title="${title}">${bar}</span>`;
}

function row(r: PageRow): string {
  const kernel = r.failure ? `<a href="#${h(r.failure)}" data-open="${h(r.failure)}">${h(r.kernel)}</a>` : h(r.kernel);
  const notes = [r.reason, r.note]
    .filter(Boolean)
    .map((t) => `<span class="reason">${h(t)}</span>`)
    .join('');
  const text = h(`${r.kernel} ${r.output} ${r.backend}`.toLowerCase());
  const cells = [
    `<td>${kernel}</td>`,
    `<td>${h(r.output)}</td>`,
    `<td>${h(r.backend)}</td>`,
    `<td><span class="badge st-${r.status}" title="${h(r.text)}">${h(r.label)}</span>${notes}</td>`,
    `<td class="n">${h(r.cases)}</td>`,
    `<td>${meter(r.ratio, r.failure !== undefined)}${h(r.worst)}</td>`,
    `<td class="n">${h(r.gpu)}</td>`,
    `<td class="n">${h(r.seconds)}</td>`,
  ];
  const data = `data-kernel="${h(r.kernel)}" data-status="${r.status}" data-text="${text}"`;
  return `<tr class="row st-${r.status}" ${data}>${cells.join('')}</tr>`;
}

const plural = (n: number, word: string) => `${word}${n > 1 ? 's' : ''}`;

/** The header, totals, navigator, filters and summary table. */
export function summaryHtml(m: PageModel): string {
  const run = `<span class="badge run-${h(m.runStatus)}" data-run-status="${h(m.runStatus)}">run ${h(m.runStatus)}</span>`;
  const totals = m.totals
    .filter((t) => t.count > 0 || t.status === 'fail' || t.status === 'pass')
    .map((t) => {
      const button = `<button type="button" data-filter-status="${t.status}" title="gate: ${h(t.gate)}">`;
      return `<li class="total st-${t.status}">${button}<b>${t.count}</b> ${h(t.label)}</button></li>`;
    })
    .join('');
  const options = m.totals.map((t) => `<option value="${t.status}">${h(t.label)}</option>`).join('');
  const n = m.failures.length;
  const adapters = m.adapters.length ? m.adapters.map(h).join('<br>') : 'no adapter reached';
  const where = n ? `${n} ${plural(n, 'failure')}: press <kbd>j</kbd> for the first` : 'no failures';
  const disabled = n ? '' : ' disabled';
  return `<header class="top">
<h1>twinpath report ${run}</h1>
<p class="runline">${h(m.runLine)}</p>
<dl class="facts"><dt>${plural(m.adapters.length, 'adapter')}</dt><dd>${adapters}</dd>
<dt>${plural(m.backends.length, 'backend')}</dt><dd>${m.backends.map(h).join(', ') || '-'}</dd>
<dt>date</dt><dd>${h(m.date)}</dd>
<dt>tests</dt><dd>${m.tests.passed} passed, ${m.tests.failed} failed, ${m.tests.skipped} skipped</dd></dl>
<ul class="totals" aria-label="sweeps by status">${totals}</ul>
</header>
<nav class="bar" aria-label="failures and filters">
<button type="button" id="prev" aria-keyshortcuts="k p"${disabled}>&#9664; prev <kbd>k</kbd></button>
<span id="where" aria-live="polite">${where}</span>
<button type="button" id="next" aria-keyshortcuts="j n"${disabled}>next <kbd>j</kbd> &#9654;</button>
<label>filter <input id="fk" type="search" placeholder="kernel, output, backend"></label>
<label>status <select id="fs"><option value="">all</option>${options}</select></label>
<span id="shown"></span>
</nav>
<main>
<table class="summary"><caption>one row per kernel, output and backend; failures first</caption>
<thead><tr>${COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody>${m.rows.map(row).join('')}</tbody></table>`;
}
