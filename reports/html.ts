/**
 * index.html: the summary (adapter, date, totals, one row per kernel sweep,
 * failures first, filters) and a section per failure (case, seed, path,
 * replay with a copy button, pictures per level enlarged without smoothing,
 * a blink toggle and a slider between expected and actual, the pixel values
 * under the pointer, per-channel numbers, histogram, worst values, canary
 * violations). Static, offline: inline CSS and JS, images by relative path.
 */
import type { CanaryReport, ComparisonRecord } from '../harness/index.ts';
import type { ResultsFile } from './results-json.ts';
import { escapeHtml as h, scriptJson } from './escape.ts';
import { HISTOGRAM_EDGES, type LevelStats } from './failure-stats.ts';
import { formatNumber, gpuPerCase, worstText, type SummaryRow } from './summary-table.ts';

/** failure.json, as the failure writer wrote it. */
export interface FailureFile {
  readonly kernel: string;
  readonly case: string;
  readonly seed: number;
  readonly path: string;
  readonly format: string;
  readonly mapping: string;
  readonly comparison: ComparisonRecord;
  readonly canary: CanaryReport;
  readonly canaryPictures: ReadonlyArray<{ level: number; file: string; width: number; height: number }>;
  readonly levels: ReadonlyArray<LevelStats & { files: Record<string, string>; pixelmatchCount: number; amplification: number; readout?: { expected: number[][]; actual: number[][] } }>;
}

export interface ReportInput extends ResultsFile {
  /** failure.json contents by kernel, where a failure wrote one. */
  readonly failures: Readonly<Record<string, FailureFile>>;
}

const status = (r: SummaryRow) => (r.sweep ? (r.sweep.unavailable ? 'unavailable' : r.sweep.pass ? 'pass' : 'fail') : 'error');


function summaryRow(r: SummaryRow): string {
  const st = status(r);
  return `<tr class="${st}" data-kernel="${h(r.kernel)}" data-status="${st}"><td>${st === 'pass' ? h(r.kernel) : `<a href="#k-${h(r.kernel)}">${h(r.kernel)}</a>`}</td><td>${r.sweep?.runs ?? '-'}</td><td>${r.sweep ? r.sweep.cases.filter((c) => c.phase === 'run' && c.outcome === 'pass').length : '-'} / ${r.sweep?.runs ?? '-'}</td><td class="st">${st}${r.sweep?.failure ? ` (${h(r.sweep.failure.result.outcome)})` : ''}</td><td>${r.sweep?.unavailable ? h(r.sweep.unavailable) : r.sweep ? h(worstText(r.sweep)) : '-'}</td><td>${h(gpuPerCase(r.sweep))}</td><td>${(r.ms / 1000).toFixed(1)} s</td></tr>`;
}

function channelTable(c: ComparisonRecord, l: LevelStats): string {
  const rows = Object.entries(c.channels).map(
    ([ch, s]) => `<tr><td>${ch}</td><td>${s!.mismatches}</td><td>${formatNumber(s!.maxAbs)}</td><td>${formatNumber(s!.meanAbs)}</td><td>${formatNumber(l.rmse[ch] ?? 0)}</td><td>${formatNumber(s!.signedMean)}</td></tr>`,
  );
  return `<table class="num"><tr><th>channel</th><th>mismatches (all levels)</th><th>max |err| (all)</th><th>mean |err| (all)</th><th>RMSE (level ${l.level})</th><th>bias (all)</th></tr>${rows.join('')}</table>`;
}

function histogram(l: LevelStats): string {
  const labels = ['<0.25', '<0.5', '<1', '<2', '<4', '>=4'];
  const max = Math.max(1, ...l.histogram);
  return `<div class="hist" title="texels by |error| / tolerance">${l.histogram.map((n, i) => `<div><span style="width:${(100 * n) / max}%"></span><em>${labels[i]} tol: ${n}</em></div>`).join('')}</div>`;
}

function levelBlock(f: FailureFile, l: FailureFile['levels'][number]): string {
  const scale = Math.max(1, Math.floor(192 / Math.max(l.width, l.height)));
  const img = (role: string, label: string) => `<figure><img src="${h(l.files[role])}" alt="${h(label)}" width="${l.width * scale}" height="${l.height * scale}" data-w="${l.width}" data-h="${l.height}"><figcaption>${h(label)}</figcaption></figure>`;
  const flags = [l.onBorder ? 'mismatches on the border (addressing?)' : '', l.rowEndsOnly ? 'mismatches only at row ends (pitch?)' : ''].filter(Boolean).join('; ');
  return `<div class="level" data-level="${l.level}">
<h4>level ${l.level}: ${l.width}x${l.height}, ${l.refusedTexels} texels refused (${l.refusedPercent.toFixed(1)}%)${l.bbox ? `, box (${l.bbox.x0},${l.bbox.y0})-(${l.bbox.x1},${l.bbox.y1})` : ''}${flags ? ` — ${h(flags)}` : ''}</h4>
<div class="pics">
<figure class="compare" style="width:${l.width * scale}px;height:${l.height * scale}px"><img class="exp" src="${h(l.files.expected)}" alt="expected" data-w="${l.width}" data-h="${l.height}"><img class="act" src="${h(l.files.actual)}" alt="actual" data-w="${l.width}" data-h="${l.height}"><figcaption><button class="blink" type="button">blink</button><input class="slider" type="range" min="0" max="100" value="50" aria-label="expected | actual"></figcaption></figure>
${img('expected', 'expected')}${img('actual', 'actual')}${img('mask', 'mask (red: refused)')}${img('heatmap', 'heatmap (yellow = tolerance)')}${img('diff', `|difference| x${l.amplification}`)}${img('pixelmatch', `pixelmatch: ${l.pixelmatchCount} px`)}
</div>
<p class="readout">point at a picture to read its texel</p>
${channelTable(f.comparison, l)}${histogram(l)}
${l.readout ? `<script type="application/json" class="values">${scriptJson(l.readout)}</script>` : ''}
</div>`;
}

function failureSection(r: SummaryRow, f?: FailureFile): string {
  const fl = r.sweep?.failure;
  const c = fl?.result.comparison;
  const worstRows = c ? [...(c.worst ? [c.worst] : []), ...c.first].map((v) => `<tr>${'level' in v ? `<td>${v.level}</td><td>${v.x}</td><td>${v.y}</td><td>${v.channel}</td>` : `<td>${h(c.output ?? '')} [${v.location.index}]</td><td>${v.location.x ?? ''}</td><td>${v.location.y ?? ''}</td><td>${v.location.channel ?? ''}</td>`}<td>${h(v.expectedHex)} (${formatNumber(v.expectedValue)})</td><td>${h(v.actualHex)} (${formatNumber(v.actualValue)})</td><td>${formatNumber(v.error)} ${h(c.unit)}</td><td>${h(v.note ?? '')}</td></tr>`) : [];
  const canaryPics = (f?.canaryPictures ?? []).map((c) => {
    const scale = Math.max(2, Math.floor(256 / Math.max(c.width, c.height)));
    return `<figure><img src="${h(c.file)}" alt="canary, level ${c.level}" width="${c.width * scale}" height="${c.height * scale}"><figcaption>level ${c.level} memory, 4 bytes per pixel: texels grey, padding light, guard band blue, lost canary red</figcaption></figure>`;
  });
  const canary = fl?.result.canary && !fl.result.canary.pass ? `<h4>canary</h4><div class="pics">${canaryPics.join('')}</div><ul class="canary">${fl.result.canary.violations.map((v) => `<li>${v.region === 'guard' ? `guard band byte ${v.rowByte}` : `level ${v.level} row ${v.row} ${v.region} byte ${v.rowByte}`} (buffer offset ${v.byteOffset}): ${v.bytes} bytes, expected ${h(v.expected)}, got ${h(v.actual)}</li>`).join('')}</ul>` : '';
  return `<section class="failure" id="k-${h(r.kernel)}" data-kernel="${h(r.kernel)}">
<h3>${h(r.kernel)}: ${h(fl?.result.outcome ?? 'error')}</h3>
${fl ? `<dl><dt>case</dt><dd>${h(fl.result.case)}</dd><dt>seed</dt><dd>${r.sweep!.seed}</dd><dt>path</dt><dd>${h(fl.path)}</dd><dt>replay</dt><dd><code class="replay">${h(fl.replay)}</code> <button class="copy" type="button">copy</button></dd>${f ? `<dt>display</dt><dd>${h(f.format)}: ${h(f.mapping)}</dd>` : ''}</dl>` : `<pre>${h(r.error ?? '')}</pre>`}
${fl?.result.error ? `<pre>${h(fl.result.error)}</pre>` : ''}
${canary}
${worstRows.length ? `<h4>worst and first refused values</h4><table class="num"><tr><th>level</th><th>x</th><th>y</th><th>ch</th><th>expected</th><th>actual</th><th>delta</th><th>note</th></tr>${worstRows.join('')}</table>` : ''}
${f ? f.levels.map((l) => levelBlock(f, l)).join('\n') : ''}
</section>`;
}

const CSS = `[hidden]{display:none!important}body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
tr.fail td.st,tr.error td.st{color:#b00;font-weight:bold}tr.pass td.st{color:#070}.pics{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start}
figure{margin:0}figure img{image-rendering:pixelated;border:1px solid #888;display:block;background:repeating-conic-gradient(#ddd 0 25%,#fff 0 50%) 0 0/16px 16px}
figcaption{font-size:12px}.compare{position:relative}.compare img{position:absolute;top:0;left:0;width:100%;height:100%}.compare figcaption{position:absolute;top:100%}
.hist div{display:flex;align-items:center;gap:6px;font-size:12px}.hist span{display:inline-block;height:10px;background:#c60;min-width:1px;max-width:200px}.readout{font-family:monospace}
section.failure{border-top:2px solid #b00;margin-top:2em}.level{margin:1em 0 2em}code.replay{background:#f4f4f4;padding:2px 4px}`;

const JS = `
const q=(s,e=document)=>[...e.querySelectorAll(s)];
function filter(){const k=document.getElementById('fk').value.toLowerCase(),s=document.getElementById('fs').value;
q('tr[data-kernel]').forEach(r=>r.hidden=!(r.dataset.kernel.toLowerCase().includes(k)&&(!s||r.dataset.status===s)));
q('section.failure').forEach(x=>x.hidden=!x.dataset.kernel.toLowerCase().includes(k)||s==='pass');}
document.getElementById('fk').addEventListener('input',filter);document.getElementById('fs').addEventListener('change',filter);
q('button.copy').forEach(b=>b.addEventListener('click',()=>{const t=b.parentElement.querySelector('code').textContent;navigator.clipboard&&navigator.clipboard.writeText(t);b.textContent='copied';}));
q('.compare').forEach(c=>{const a=c.querySelector('img.act'),s=c.querySelector('.slider');const set=v=>a.style.clipPath='inset(0 0 0 '+v+'%)';set(s.value);
s.addEventListener('input',()=>set(s.value));c.querySelector('.blink').addEventListener('click',()=>{a.hidden=!a.hidden;c.dataset.showing=a.hidden?'expected':'actual';});});
q('.level').forEach(l=>{const v=l.querySelector('script.values'),out=l.querySelector('.readout');if(!v)return;const d=JSON.parse(v.textContent);
q('img',l).forEach(img=>img.addEventListener('mousemove',e=>{const w=+img.dataset.w,h=+img.dataset.h,r=img.getBoundingClientRect();
const x=Math.min(w-1,Math.floor((e.clientX-r.left)/r.width*w)),y=Math.min(h-1,Math.floor((e.clientY-r.top)/r.height*h)),i=y*w+x;
out.textContent='('+x+','+y+') expected '+d.expected[i].map(n=>+n.toPrecision(6)).join(' ')+' | actual '+d.actual[i].map(n=>+n.toPrecision(6)).join(' ');}));});
`;

/** The whole page. */
export function renderReportHtml(r: ReportInput): string {
  const rows = [...r.sweeps].sort((a, b) => Number(status(a) === 'pass') - Number(status(b) === 'pass') || a.kernel.localeCompare(b.kernel));
  const adapter = r.adapter ? `${r.adapter.vendor} ${r.adapter.device} [${r.adapter.software ? 'software' : 'hardware'}] — ${r.adapter.description}` : 'no adapter reached';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>twinpath report</title><style>${CSS}</style></head><body>
<h1>twinpath report</h1>
<p class="adapter">adapter: ${h(adapter)}<br>date: ${h(r.date)}<br>tests: <span class="totals">${r.totals.passed} passed, ${r.totals.failed} failed, ${r.totals.skipped} skipped</span></p>
<p><label>kernel <input id="fk" placeholder="filter"></label> <label>status <select id="fs"><option value="">all</option><option>fail</option><option>error</option><option>unavailable</option><option>pass</option></select></label></p>
<table class="summary"><tr><th>kernel</th><th>cases</th><th>passed / run</th><th>status</th><th>worst error (tolerance)</th><th>GPU per case</th><th>time</th></tr>${rows.map(summaryRow).join('')}</table>
<p>Histogram bins: |error| / tolerance below ${HISTOGRAM_EDGES.join(', ')} and above.</p>
${rows.filter((x) => status(x) !== 'pass' && status(x) !== 'unavailable').map((x) => failureSection(x, r.failures[x.kernel])).join('\n')}
<script>${JS}</script></body></html>
`;
}
