/**
 * The NaN poison in float inputs' guard bands is what catches a stray read
 * with weight 0: the planted blur reads one past the end of its input and
 * multiplies it by 0. With plain canary bytes there, 0 * canary is 0 and every
 * case passes; with the poison, 0 * NaN is NaN and the case fails, shrunk to
 * one value. (A canary word is NaN or infinity as an f32 at about 1 position in
 * 256 — width 105 here — so canary alone would catch the bug only by chance.)
 */
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { renderCaseResult } from '../sweep/case.ts';
import { renderSweepFailure, runCases, runConfig, sweep } from '../../index.ts';
import { withoutPoison } from '../../backends/poison.ts';
import { strayRead } from '../../fixtures/kernels/planted-model.ts';

beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
});

const cases = Array.from({ length: 64 }, (_, i) => ({ width: i + 1, seed: 7 }));

test('without the poison the zero-weight stray read passes every case: plain canary bytes cannot show it', async () => {
  const results = await withoutPoison(() => runCases(strayRead.kernel, cases));
  expect(results.filter((r) => !r.pass).map((r) => renderCaseResult(r))).toEqual([]);
  expect(results.length).toBe(64);
});

test('with the poison, every one of the same cases fails: the output at the last value is NaN', async () => {
  const results = await runCases(strayRead.kernel, cases);
  expect(results.map((r) => r.outcome)).toEqual(cases.map(() => 'mismatch'));
  expect(renderCaseResult(results[0]!)).toMatch(
    /^model_blur3_stray_read: mismatch on \[1\] #7\n1 of 1 values differ \(policy exact, f32 \[1\]\)[\s\S]*0x7fc\w{5} \(NaN\)/,
  );
});

test('the sweep with the poison finds it and shrinks it to one value; without, the same sweep passes', async () => {
  const replay = (seed: number, path: string) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}'`;
  const on = await sweep(strayRead.kernel, { runs: 100, seed: 11, replay });
  expect(on.pass).toBe(false);
  expect(on.failure!.result.outcome).toBe('mismatch');
  expect(on.failure!.input).toMatchObject({ width: 1 });
  // Any NaN: the payload is the GPU's (0x7fc… on lavapipe, 0x7fffffff on an H100).
  expect(renderSweepFailure(on)).toMatch(/actual 0x[0-9a-f]{8} \(NaN\)/);
  const off = await withoutPoison(() => sweep(strayRead.kernel, { runs: 100, seed: 11, replay }));
  expect(off.pass, renderSweepFailure(off)).toBe(true);
});
