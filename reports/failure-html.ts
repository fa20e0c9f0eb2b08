/**
 * A failure's section as the page ships it: what results.json knows (label,
 * status, case, seed, path, replay line with a copy button) and a
 * placeholder the page's script fills from the failure's own `failure.js`
 * when the section is opened. A failure without one (the sweep died, or the
 * writer could not write) shows the full failure text instead, so nothing
 * computed is lost.
 */
import { renderSweepFailure } from '../harness/index.ts';
import { escapeHtml as h } from './escape.ts';
import type { FailureStub } from './page-model.ts';

/** One failure's `<details>` section. */
export function failureHtml(f: FailureStub, index: number): string {
  const s = f.row.sweep;
  const fl = s?.failure;
  const reason = f.row.verdict && 'reason' in f.row.verdict ? `<p class="reason">${h(f.row.verdict.reason)}</p>` : '';
  const facts = fl
    ? `<dl class="facts"><dt>case</dt><dd>${h(fl.result.case)}</dd><dt>outcome</dt><dd>${h(fl.result.outcome)}</dd><dt>seed</dt><dd>${s.seed}</dd><dt>path</dt><dd><code>${h(fl.path)}</code></dd>`
      + `<dt>replay</dt><dd><code class="replay">${h(fl.replay)}</code> <button class="copy" type="button">copy</button></dd>`
      + `<dt>shrunk</dt><dd>${fl.shrinks} times${fl.note ? ` (${h(fl.note)})` : ''}</dd></dl>`
    : '';
  const errors = [fl?.result.error, ...(fl?.artifactErrors ?? []).map((e) => `pictures not written: ${e}`)].filter(Boolean);
  const body = f.script
    ? `<div class="detail" data-script="${h(f.script)}" data-id="${h(f.script.replace(/\/failure\.js$/, ''))}"><p class="loading">loading the failure's values and pictures…</p></div>`
    : s?.failure
      ? `<pre class="text">${h(renderSweepFailure(s))}</pre>`
      : `<p class="note">${h(f.row.error ?? (reason ? 'no case ran' : 'the sweep ended without a result'))}</p>`;
  return `<details class="failure st-${f.status}" id="${h(f.anchor)}" data-index="${index}" data-status="${f.status}" data-text="${h(`${f.kernel} ${f.output} ${f.backend}`.toLowerCase())}">
<summary><span class="badge st-${f.status}">${h(f.status)}</span> <b>${h(f.kernel)}</b> <span class="tag">output ${h(f.output)}</span> <span class="tag">backend ${h(f.backend)}</span>${fl ? ` <span class="case">${h(fl.result.case)}</span>` : ''}</summary>
${reason}${facts}${errors.map((e) => `<pre class="text">${h(e)}</pre>`).join('')}${body}
</details>`;
}
