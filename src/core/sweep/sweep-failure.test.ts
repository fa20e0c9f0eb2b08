/**
 * A failure whose worst value was NaN against a number says NaN, in the first failing case's line and where
 * shrinking lost it, rather than the Infinity its error is ranked by.
 */
import { expect, test } from 'vitest';
import { absRel } from '../../model/compare/policy.ts';
import { compareElements } from '../../model/compare/elements.ts';
import { schemaErrors } from '../../reports/fixtures/report-schemas.ts';
import { passingRow } from '../../reports/fixtures/synthetic-run.ts';
import { resultsFile } from '../../reports/run/results-json.ts';
import type { CaseResult } from './case.ts';
import { caseWorst, renderUnshrunk, replayAt } from './sweep-failure.ts';
import { renderSweepFailure } from './sweep.ts';

/** A mismatch whose only compared element came back as `actual` where -467.142 was expected. */
function mismatch(caseLine: string, actual: number): CaseResult {
  const policy = absRel(2.6e-4, 0);
  const comparison = compareElements(new Uint32Array([0xc3e9921f]), new Uint32Array([actual]), { type: 'f32', policy });
  return { kernel: 'k', case: caseLine, outcome: 'mismatch', pass: false, comparison, oracleMs: 0, gpuMs: 0 };
}

test('the first failing case came back NaN: its worst is NaN, and shrinking to a finite error lost it', () => {
  const first = mismatch('[64]', 0x7fc23a83);
  const worst = caseWorst(first)!;
  expect(worst).toEqual({ error: Infinity, unit: 'abs', tolerance: 2.6e-4, nanAgainstNumber: true });
  const shrunk = mismatch('[1]', 0xc3e9a000);
  expect(caseWorst(shrunk)!.nanAgainstNumber).toBeUndefined();
  const unshrunk = { input: null, case: '[64]', path: '5', outcome: 'mismatch' as const, worst };
  const replay = "npx twinpath run k --backend wgsl --seed 9 --path '0:1:0'";
  expect(renderUnshrunk({ unshrunk, result: shrunk, replay })).toEqual([
    'first failing case: [64] (path 5): mismatch, worst NaN (tolerance 2.6e-4)',
    'shrinking lost most of the error: shrunk from NaN at [64] to 0.108 at [1]; the first case shows the bug better ' +
      "(replay it: npx twinpath run k --backend wgsl --seed 9 --path '5')",
  ]);
  // The vitest form of a replay line takes the path too.
  expect(replayAt("TWINPATH_SEED=9 TWINPATH_PATH='0:1:0' (k)", '5')).toBe("TWINPATH_SEED=9 TWINPATH_PATH='5' (k)");
  // results.json keeps the flag (its Infinity has no JSON form: null) within its schema.
  const row = passingRow('k');
  const failure = { input: null, result: shrunk, path: '0', shrinks: 3, replay: '', unshrunk };
  const sweeps = [{ ...row, verdict: { status: 'fail' as const }, sweep: { ...row.sweep!, pass: false, failure } }];
  const results = resultsFile({
    runId: 'r',
    status: 'finished',
    date: 'd',
    totals: { passed: 0, failed: 1, skipped: 0 },
    sweeps,
  });
  const written = JSON.parse(JSON.stringify(results)) as { sweeps: [{ sweep: { failure: { unshrunk: unknown } } }] };
  expect(written.sweeps[0].sweep.failure.unshrunk).toMatchObject({ worst: { error: null, nanAgainstNumber: true } });
  expect(schemaErrors('results', written)).toBeUndefined();
});

test('one case, one shrink: counted in the singular', () => {
  const sweep = { ...passingRow('k').sweep!, runs: 1 };
  expect(renderSweepFailure(sweep)).toBe('k: passed 1 case (seed 1)');
  const failure = { input: null, result: mismatch('[1]', 0x7fc23a83), path: '0', shrinks: 1, replay: '' };
  expect(renderSweepFailure({ ...sweep, pass: false, failure }).split('\n')[0]).toBe(
    'k failed after 1 case (seed 1, shrunk 1 time) on synthetic fixture (software)',
  );
});
