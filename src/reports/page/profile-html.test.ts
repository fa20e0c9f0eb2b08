/**
 * The report page's profile section: the console table's columns (other ms
 * among them) and rows as HTML, titled with the run's own ratio, its wall
 * over its sweeps' floors, and no section for a run without a profile.
 */
import { expect, test } from 'vitest';
import { runProfile } from '../../core/sweep/stage-clock.ts';
import { SWEEP_PROFILE } from '../fixtures/sweep-profile.ts';
import { passingRow } from '../fixtures/synthetic-run.ts';
import { profileHtml } from './profile-html.ts';

test("the section: the table's columns and rows, titled with the run's wall over its floors", () => {
  const row = passingRow('im2col');
  const sweeps = [{ ...row, sweep: { ...row.sweep!, profile: SWEEP_PROFILE } }];
  const html = profileHtml({ sweeps, profile: runProfile([SWEEP_PROFILE], 350, 1) });
  // 350 ms over the floor 28.2 ms: the run's 12.4x, where the sweep's cases' phase is 8.9x.
  expect(html).toContain('<h2>profile: 12.4x of floor</h2>');
  expect(html).toContain('<th scope="col">compile ms</th>');
  expect(html).toContain('<th scope="col">other ms</th><th scope="col">cpu</th><th scope="col">thread</th>');
  expect(html).toContain(
    '<td class="n">48</td><td class="n">71%</td><td class="n">93%</td><td class="n">8.9x of floor</td></tr>',
  );
  expect(html).toContain(
    '<tr><td>run (1 sweep)</td><td class="n">100</td><td class="n">350</td><td class="n">9</td><td class="n">27</td>',
  );
  expect(html).toContain('the run&#39;s wall holds 49 ms outside its sweeps');
});

test('a run without a profile has no section', () => {
  expect(profileHtml({ sweeps: [passingRow('im2col')] })).toBe('');
});
