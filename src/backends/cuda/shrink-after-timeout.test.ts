/**
 * A sweep whose case times out on CUDA, on the mock driver: the failure is the
 * case that really hung, with the timeout's own message, and is not shrunk —
 * the context is lost, so no smaller case can run, and a case that did not run
 * is never taken for a smaller failing one. Its own file: the loss lasts for
 * the process.
 */
import koffi from 'koffi';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sweep } from '../../core/sweep/sweep.ts';
import { mockHang, useMockCuda } from './fixtures/mock-kernels.ts';

beforeAll(() => {
  koffi.load(useMockCuda());
  process.env.TWINPATH_CASE_DEADLINE_MS = '100';
});
afterAll(() => {
  delete process.env.TWINPATH_CASE_DEADLINE_MS;
});

test('planted: the hung case is the failure, its timeout message kept, not shrunk onto cases that never ran', async () => {
  const r = await sweep(mockHang, { backend: 'cuda', runs: 10, seed: 3 });
  expect(r.pass).toBe(false);
  const f = r.failure!;
  expect(f.result.outcome).toBe('timeout');
  expect(f.result.error).toMatch(/^mock_hang \[cuda\]: launch 1 \(mock_hang\) did not finish within 100 ms/);
  expect(f.result.notRun).toBeUndefined();
  expect(f.shrinks).toBe(0);
  expect(f.note).toMatch(
    /^not shrunk: it could not run again \(mock_hang \[cuda\]: launch 1 .* the CUDA context is lost/,
  );
});
