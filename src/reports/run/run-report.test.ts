import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sweepResult } from '../../core/fixtures/sweep-results.ts';
import { runStatusLine } from './results-json.ts';
import { RunReport } from './run-report.ts';
import { sweepRow } from './summary-table.ts';

const totals = { passed: 0, failed: 0, skipped: 0 };

test('a rerun (twinpath watch: break, fix, edit) replaces the rows of the sweeps it reran: the state now', () => {
  const report = new RunReport(join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report'));
  report.start();
  // The first run: every kernel.
  for (const k of ['flip_y', 'im2col', 'mip_downsample']) report.addSweep(sweepRow(sweepResult(k)), totals);
  report.finish(totals);
  // A .wgsl change breaks flip_y, the next fixes it, an edit reruns it again.
  report.addSweep(sweepRow(sweepResult('flip_y', { failing: 'w=3' })), totals);
  report.addSweep(sweepRow(sweepResult('flip_y')), totals);
  report.addSweep(sweepRow(sweepResult('flip_y')), totals);
  const now = report.snapshot();
  expect(now.sweeps.map((r) => r.kernel)).toEqual(['flip_y', 'im2col', 'mip_downsample']);
  expect(runStatusLine(now)).toBe('run finished: 3 pass');
  expect(readdirSync(join(report.dir, 'sweeps')).sort()).toEqual([
    '001-flip_y.json',
    '002-im2col.json',
    '003-mip_downsample.json',
  ]);
  // Another backend of the same kernel is another sweep.
  report.addSweep(
    { ...sweepRow(sweepResult('flip_y')), backend: 'cpp', sweep: { ...sweepResult('flip_y'), backend: 'cpp' } },
    totals,
  );
  expect(report.snapshot().sweeps).toHaveLength(4);
});
