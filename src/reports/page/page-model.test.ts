/**
 * The summary's output column: a failure that names no output (a sanitizer's finding before any comparison) is on a
 * row of no output, `-`, never on the default output `out` that the kernel may not have.
 */
import { expect, test } from 'vitest';
import type { SummaryRow } from '../run/summary-table.ts';
import { resultsFile } from '../run/results-json.ts';
import { passingRow } from '../fixtures/synthetic-run.ts';
import { pageModel } from './page-model.ts';

/** A sweep of `tree_sum` that failed on its first case with `outcome` and no comparison. */
function failedFirst(outcome: 'sanitizer' | 'setup-error'): SummaryRow {
  const row = passingRow('tree_sum', { output: 'partials' });
  const result = {
    kernel: 'tree_sum',
    case: '1 f32',
    outcome,
    pass: false,
    error: 'bounds check: data[1]',
    oracleMs: 1,
    gpuMs: 1,
  };
  const sweep = { ...row.sweep!, pass: false, runs: 1, outcomes: { [outcome]: 1 }, worst: [] };
  const failure = { input: null, result, path: '0', shrinks: 0, replay: 'npx twinpath run tree_sum' };
  return { ...row, sweep: { ...sweep, failure }, verdict: { status: 'fail', outcome } } as SummaryRow;
}

test('a failure of no output is on a row of no output; a compared one keeps its output', () => {
  const totals = { pass: 1, fail: 1 };
  const sweeps = [failedFirst('sanitizer'), passingRow('blur', { output: 'image' })];
  const m = pageModel(resultsFile({ runId: 'r', status: 'complete', date: 'd', totals, sweeps } as never));
  expect(m.rows.map((r) => `${r.kernel} ${r.output}`)).toEqual(['tree_sum -', 'blur image']);
  expect(m.failures.map((f) => f.output)).toEqual(['-']);
});
