/**
 * A policy per backend: one kernel judged under `unormLsb(1)` on WGSL and `exact()` on C++ (`compareOn`). The
 * GPU's 1-LSB rounding passes; a C++ twin 1 LSB off the reference fails under `exact (cpp)`, and its failure text
 * and result (what results.json, the console and the report show) name the backend's policy.
 */
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { renderSweepFailure, runConfig, sweep } from '../../index.ts';
import { halveUnorm8, halveUnorm8CppRounds } from '../../fixtures/kernels/compare-on-kernels.ts';

beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
});

test('the WGSL half passes under compare (unormLsb(1)), its worst error 1 LSB named by that policy', async () => {
  const r = await sweep(halveUnorm8, { backend: 'wgsl', runs: 20 });
  expect(r.pass, renderSweepFailure(r)).toBe(true);
  expect(r.worst).toContainEqual(
    expect.objectContaining({ unit: 'LSB', error: 1, tolerance: 1, policy: 'unormLsb(1)' }),
  );
});

test('the C++ twin that truncates as the reference does passes under compareOn.cpp', async () => {
  const r = await sweep(halveUnorm8, { backend: 'cpp', runs: 20 });
  expect(r.pass, renderSweepFailure(r)).toBe(true);
});

test('planted: a C++ twin 1 LSB off fails under exact (cpp), where the WGSL is allowed that LSB', async () => {
  const r = await sweep(halveUnorm8CppRounds, {
    backend: 'cpp',
    runs: 20,
    replay: (seed, path) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' (planted halve_unorm8_cpp_rounds)`,
  });
  const text = renderSweepFailure(r);
  console.log(`planted per-backend policy [cpp]: a C++ twin rounding as the GPU does\n${text}\n`);
  expect(r.pass).toBe(false);
  expect(r.failure!.result.outcome).toBe('mismatch');
  expect(r.failure!.result.comparison!.policy).toBe('exact (cpp)');
  // Shrunk to one word; the seed does not shrink, so which of its 4 codes are odd varies.
  expect(text).toMatch(/\n[1-4] of 4 values differ \(policy exact \(cpp\), unorm8 \[4\]\)\n/);
  expect(text).toMatch(/worst: \[\d\]: expected 0x[0-9a-f]{2} \([\d.]+\) actual 0x[0-9a-f]{2} \([\d.]+\) \+1 LSB/);
});

test('without compareOn the same planted twin passes under compare: the override alone catches it', async () => {
  const { compareOn: _compareOn, ...underCompare } = halveUnorm8CppRounds;
  const r = await sweep(underCompare, { backend: 'cpp', runs: 20 });
  expect(r.pass, renderSweepFailure(r)).toBe(true);
  expect(r.worst).toContainEqual(expect.objectContaining({ error: 1, policy: 'unormLsb(1)' }));
});
