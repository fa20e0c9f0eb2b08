/**
 * A failure's section as the page ships it: what results.json knows (label,
 * status, case, its shrunk input, seed, path, replay line with a copy button) and a
 * placeholder the page's script fills from the failure's own `failure.js`
 * when the section is opened. A failure without one (the sweep died, or the
 * writer could not write) shows the full failure text instead, so nothing
 * computed is lost.
 */
import { renderSweepFailure, type SweepFailure, type SweepResult } from '../../core/sweep/sweep.ts';
import { renderUnshrunk } from '../../core/sweep/sweep-failure.ts';
import { escapeHtml as h } from './escape.ts';
import { renderSanitizerFinding } from '../../model/sanitizer.ts';
import type { FailureStub } from './page-model.ts';
import { counted } from '../../model/counted.ts';

/** Characters of the shrunk input the page shows; results.json keeps it whole. */
const INPUT_SHOWN = 1000;

/** The shrunk input as JSON (typed arrays as arrays), cut at INPUT_SHOWN characters. */
function inputText(input: unknown): string {
  const json =
    JSON.stringify(input, (_, v: unknown) =>
      ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Uint8Array) : v,
    ) ?? String(input);
  return json.length <= INPUT_SHOWN
    ? json
    : `${json.slice(0, INPUT_SHOWN)}… (${json.length} characters; the whole input is in results.json)`;
}

/** The first failing case, before shrinking, beside the shrunk one: its line, what shrinking lost, its input. */
function unshrunkFacts(fl: SweepFailure): Array<[string, string]> {
  if (!fl.unshrunk) return [];
  // `first failing case: <line>` and `shrinking lost most of the error: …`, each under its own heading.
  const [line, lost] = renderUnshrunk(fl).map((l, i) => h(i === 0 ? l.slice(l.indexOf(': ') + 2) : l.slice(10)));
  return [
    ['first failing case', `<span class="unshrunk">${line}</span>`],
    ['its input', `<code class="input-unshrunk">${h(inputText(fl.unshrunk.input))}</code>`],
    ...(lost ? [['shrinking', `<span class="lost">${lost}</span>`] as [string, string]] : []),
  ];
}

function facts(s: SweepResult, fl: SweepFailure): string {
  const entries: Array<[string, string]> = [
    ['case', h(fl.result.case)],
    ['input', `<code class="input">${h(inputText(fl.input))}</code>`],
    ...unshrunkFacts(fl),
    ['outcome', h(fl.result.outcome)],
    ['seed', String(s.seed)],
    ['path', `<code>${h(fl.path)}</code>`],
    ['replay', `<code class="replay">${h(fl.replay)}</code> <button class="copy" type="button">copy</button>`],
    ['shrunk', `${counted(fl.shrinks, 'time')}${fl.note ? ` (${h(fl.note)})` : ''}`],
    ...(fl.sanitizer
      ? [['sanitizer', `<code class="sanitizer">${h(renderSanitizerFinding(fl.sanitizer))}</code>`] as [string, string]]
      : []),
  ];
  return `<dl class="facts">${entries.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function body(f: FailureStub): string {
  const s = f.row.sweep;
  if (f.script) {
    const id = h(f.script.replace(/\/failure\.js$/, ''));
    const loading = '<p class="loading">loading the failure\'s values and pictures…</p>';
    return `<div class="detail" data-script="${h(f.script)}" data-id="${id}">${loading}</div>`;
  }
  if (s?.failure) return `<pre class="text">${h(renderSweepFailure(s))}</pre>`;
  return `<p class="note">${h(f.row.error ?? (f.reason ? 'no case ran' : 'the sweep ended without a result'))}</p>`;
}

/** One failure's `<details>` section. */
export function failureHtml(f: FailureStub): string {
  const s = f.row.sweep;
  const fl = s?.failure;
  const errors = [fl?.result.error, ...(fl?.artifactErrors ?? []).map((e) => `pictures not written: ${e}`)];
  const text = h(`${f.kernel} ${f.output} ${f.backend}`.toLowerCase());
  const summary = [
    `<span class="badge st-${f.status}" title="${h(f.text)}">${h(f.label)}</span>`,
    `<b>${h(f.kernel)}</b>`,
    `<span class="tag">output ${h(f.output)}</span>`,
    `<span class="tag">backend ${h(f.backend)}</span>`,
    ...(fl ? [`<span class="case">${h(fl.result.case)}</span>`] : []),
  ];
  return `<details class="failure st-${f.status}" id="${h(f.anchor)}" data-status="${f.status}" data-text="${text}">
<summary>${summary.join(' ')}</summary>
<p class="verdict">${h(f.text)}</p>${s && fl ? facts(s, fl) : ''}
${errors.flatMap((e) => (e ? [`<pre class="text">${h(e)}</pre>`] : [])).join('')}${body(f)}
</details>`;
}
