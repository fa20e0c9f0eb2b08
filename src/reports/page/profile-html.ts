/**
 * The report page's profile section (`twinpath run --profile`): the console's
 * profile table (profile-table.ts) as an HTML table, with its note. A run
 * without a profile has no section.
 */
import { escapeHtml as h } from './escape.ts';
import type { ResultsFile } from '../run/results-json.ts';
import { PROFILE_COLUMNS, profileNote, profileRows } from '../run/profile-table.ts';

/**
 * The section, or '' when the run kept no profile:
 * `<section class="profile" aria-label="profile"><h2>profile: 4.2x of floor</h2><table class="summary">…`.
 */
export function profileHtml(r: Pick<ResultsFile, 'sweeps' | 'profile'>): string {
  const run = r.profile;
  if (!run) return '';
  const rows = profileRows(r.sweeps, run);
  const cell = (c: string, i: number) => (i ? `<td class="n">${h(c)}</td>` : `<td>${h(c)}</td>`);
  const body = rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('');
  const head = PROFILE_COLUMNS.map((c) => `<th scope="col">${h(c)}</th>`).join('');
  const title = run.cases > 0 ? `profile: ${run.floorRatio.toFixed(1)}x of floor` : 'profile';
  return `<section class="profile" aria-label="profile"><h2>${h(title)}</h2>
<table class="summary"><caption>${h(profileNote(run))}</caption>
<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}
