/**
 * Where CUDA cannot load, its sweeps are `unavailable` with what was looked for — never a pass, never a failure of the
 * kernel.
 */
import { expect, test } from 'vitest';
import { loadExpectations } from '../../core/gate/expectations.ts';
import { decideVerdict } from '../../core/gate/verdict.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { mockFill } from './fixtures/mock-kernels.ts';

test('a libcuda that does not load: the sweep is unavailable, naming what was looked for and the fix', async () => {
  process.env.TWINPATH_LIBCUDA = '/nonexistent/libcuda.so.1';
  const r = await sweep(mockFill, { backend: 'cuda', runs: 5 });
  expect(r.pass).toBe(false);
  expect(r.runs).toBe(0);
  expect(r.cases).toEqual([]);
  expect(r.unavailable).toBe(
    'CUDA unavailable: libcuda did not load — looked for /nonexistent/libcuda.so.1: no such file. Fix: install the NVIDIA driver, or set TWINPATH_LIBCUDA to its libcuda.so.1',
  );
  expect(decideVerdict(r, loadExpectations())).toEqual({ status: 'unavailable', reason: r.unavailable });
  expect(renderSweepFailure(r)).toBe(`mock_fill [cuda]: unavailable — ${r.unavailable}`);
});
