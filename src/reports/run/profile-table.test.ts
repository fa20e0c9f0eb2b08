/**
 * The profile table's text (`twinpath run --profile`, bench-sweep): a row per
 * profiled sweep, the run's row, the note; a sweep without a profile has no
 * row, one that ran no case no floor.
 */
import { expect, test } from 'vitest';
import { STAGES, runProfile } from '../../core/sweep/stage-clock.ts';
import { SWEEP_PROFILE as profile } from '../fixtures/sweep-profile.ts';
import { passingRow } from '../fixtures/synthetic-run.ts';
import { renderProfileTable } from './profile-table.ts';
import type { SummaryRow } from './summary-table.ts';

const note = (outsideMs: number) =>
  'profile: GPU busy: timestamp queries; oracle and judge summed over the threads that ran them; ' +
  "other: wall time in no stage of the sweep's thread (gpu and worker threads' oracle and judge overlap it); " +
  "thread: the sweep's thread's busy share of its wall (near 100%, it is what the sweep waits on); " +
  'floor per case: max(GPU busy, min(generate + oracle + judge, CPU time) / 2 cores); ' +
  "a sweep's floor ratio is its cases' phase over its floor, the run's its wall over the floors summed; " +
  `the run's wall holds ${outsideMs} ms outside its sweeps: writing the report (in report ms), starting up and ` +
  'loading kernels (in other ms)';

test('the table: a row per profiled sweep, the run, the note', () => {
  const profiled = passingRow('im2col');
  const rows: SummaryRow[] = [
    { ...profiled, sweep: { ...profiled.sweep!, profile } },
    passingRow('blur', { backend: 'cpp' }),
    { ...profiled, sweep: { ...profiled.sweep!, kernel: 'none', profile: { ...profile, cases: 0, casesMs: 0 } } },
  ];
  const run = runProfile([profile, { ...profile, cases: 0, casesMs: 0 }], 700, 2);
  expect(STAGES).toHaveLength(10);
  expect(renderProfileTable(rows, run)).toBe(
    [
      'sweep           cases  wall ms  probe ms  compile ms  generate ms  encode ms  readback ms  gpu ms  oracle ms  judge ms  shrink ms  report ms  other ms  cpu  thread           floor',
      'im2col            100      301         9          27           12         40           80       3         35         9          0          0        48  71%     93%   8.9x of floor',
      'none                0      301         9          27           12         40           80       3         35         9          0          0        48  71%     93%               -',
      'run (2 sweeps)    100      700        18          54           24         80          160       6         70        19          0          2       191  61%     93%  12.4x of floor',
      note(97),
    ].join('\n'),
  );
});

test("the run's row: its own wall over its sweeps' floors summed, not a sweep's ratio; 1 sweep is singular", () => {
  const profiled = passingRow('im2col');
  const slow = { ...profile, casesMs: 100, floorMs: 50, floorRatio: 100 / 50 };
  const rows: SummaryRow[] = [
    { ...profiled, sweep: { ...profiled.sweep!, profile } },
    { ...profiled, sweep: { ...profiled.sweep!, kernel: 'slow', profile: slow } },
  ];
  const two = runProfile([profile, slow], 1000, 2);
  expect(two).toMatchObject({ sweepsMs: 602.8, floorMs: 78.2, floorRatio: 1000 / 78.2 });
  expect(two.outsideSweepsMs).toBeCloseTo(397.2, 9);
  expect(two.otherMs).toBeCloseTo(48 + 48 + 397.2 - 2, 9);
  const floors = renderProfileTable(rows, two)
    .split('\n')
    .slice(1, 4)
    .map((line) => line.replace(/^(\S+(?: \(\d+ sweeps?\))?).*  (\S+x of floor)$/, '$1 $2'));
  expect(floors).toEqual(['im2col 8.9x of floor', 'slow 2.0x of floor', 'run (2 sweeps) 12.8x of floor']);
  const one = renderProfileTable(rows.slice(0, 1), runProfile([profile], 350, 1)).split('\n');
  expect(one[2]).toBe(
    'run (1 sweep)    100      350         9          27           12         40           80       3         35         9          0          1        96  61%     93%  12.4x of floor',
  );
  expect(one[3]).toBe(note(49));
});

test('a sweep judged on its own thread though worker threads were there gets a line saying why', () => {
  const profiled = passingRow('box_blur');
  const here = { ...profile, judgedHere: 'its definition names no module (add module: import.meta.url)' };
  const rows: SummaryRow[] = [{ ...profiled, sweep: { ...profiled.sweep!, profile: here } }];
  const lines = renderProfileTable(rows, runProfile([here], 350, 1)).split('\n');
  expect(lines.at(-1)).toBe(
    "profile: box_blur: every case was judged on the sweep's thread: its definition names no module (add module: import.meta.url)",
  );
  expect(
    renderProfileTable([{ ...profiled, sweep: { ...profiled.sweep!, profile } }], runProfile([profile], 350, 1)),
  ).not.toContain('every case was judged');
});
