/**
 * The profile table's text (`twinpath run --profile`, bench-sweep): a row per
 * profiled sweep, the run's row, the note; a sweep without a profile has no
 * row, one that ran no case no floor.
 */
import { expect, test } from 'vitest';
import { STAGES, runProfile, type SweepProfile } from '../../core/sweep/stage-clock.ts';
import { passingRow } from '../fixtures/synthetic-run.ts';
import { renderProfileTable } from './profile-table.ts';
import type { SummaryRow } from './summary-table.ts';

const profile: SweepProfile = {
  wallMs: 301.4,
  casesMs: 250,
  cases: 100,
  stages: { generate: 12, encode: 40, readback: 80, gpu: 3.2, oracle: 35, judge: 9.4, shrink: 0, report: 0 },
  cpuMs: 428,
  cpuUtilisation: 0.71,
  cores: 2,
  workers: 2,
  gpuBusySource: 'timestamp queries',
  floorMs: 28.2,
  floorRatio: 250 / 28.2,
};

test('the table: a row per profiled sweep, the run, the note', () => {
  const profiled = passingRow('im2col');
  const rows: SummaryRow[] = [
    { ...profiled, sweep: { ...profiled.sweep!, profile } },
    passingRow('blur', { backend: 'cpp' }),
    { ...profiled, sweep: { ...profiled.sweep!, kernel: 'none', profile: { ...profile, cases: 0, casesMs: 0 } } },
  ];
  const run = runProfile([profile, { ...profile, cases: 0, casesMs: 0 }], 700, 2);
  expect(STAGES).toHaveLength(8);
  expect(renderProfileTable(rows, run)).toBe(
    [
      'sweep           cases  wall ms  generate ms  encode ms  readback ms  gpu ms  oracle ms  judge ms  shrink ms  report ms  cpu          floor',
      'im2col            100      301           12         40           80       3         35         9          0          0  71%  8.9x of floor',
      'none                0      301           12         40           80       3         35         9          0          0  71%              -',
      'run (2 sweeps)    100      700           24         80          160       6         70        19          0          2  61%  4.4x of floor',
      'profile: GPU busy: timestamp queries; oracle and judge summed over the threads that ran them; floor per case: max(GPU busy, (generate + oracle + judge) / 2 cores)',
    ].join('\n'),
  );
});
