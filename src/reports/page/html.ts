/**
 * index.html, the page shell: the first screen (summary-html), a section per
 * failure (failure-html), the page's settings for its script (heat scale,
 * element kinds, histogram bins, what each binding protection means), the
 * inlined styles and script. Static and offline: no network, failure data and pictures loaded from the report
 * folder by relative path when a failure is opened.
 */
import { PROTECTION_MEANING, UNGUARDED_MEANING } from '../../model/output/spec.ts';
import { clientScript, clientStyles } from './client-assets.ts';
import { ELEMENT_KINDS } from '../failure/element-kinds.ts';
import { scriptJson } from './escape.ts';
import { failureHtml } from './failure-html.ts';
import { HISTOGRAM_EDGES } from '../failure/failure-stats.ts';
import { HEAT_LUT, HEAT_RANGE } from '../failure/heat-scale.ts';
import { pageModel } from './page-model.ts';
import type { ResultsFile } from '../run/results-json.ts';
import { summaryHtml } from './summary-html.ts';
import { profileHtml } from './profile-html.ts';

/** The whole page of a results file. */
export function renderReportHtml(r: ResultsFile): string {
  const m = pageModel(r);
  const settings = {
    heatLut: HEAT_LUT,
    heatRange: HEAT_RANGE,
    kinds: ELEMENT_KINDS,
    edges: HISTOGRAM_EDGES,
    protection: { meaning: PROTECTION_MEANING, unguarded: UNGUARDED_MEANING },
  };
  const title = `twinpath report${m.failures.length ? ` — ${m.failures.length} failing` : ''}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>${title}</title><style>${clientStyles()}</style></head><body>
${summaryHtml(m)}
${profileHtml(r)}
<section class="failures" aria-label="failures">${m.failures.map((f) => failureHtml(f)).join('\n')}</section>
</main>
<script type="application/json" id="settings">${scriptJson(settings)}</script>
<script>${clientScript()}</script></body></html>
`;
}
