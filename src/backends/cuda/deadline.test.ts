/**
 * The CUDA backend under the case deadline, on the mock driver: launches that
 * never finish are the case's `timeout` (the stream is polled, never waited
 * on), the context is lost — the sweep's other cases do not run — and later
 * sweeps count CUDA unavailable with the reason. Its own file: the loss lasts
 * for the process.
 */
import koffi from 'koffi';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { probeBackend } from '../registry.ts';
import { loadExpectations } from '../../core/gate/expectations.ts';
import { runCase } from '../../core/sweep/case.ts';
import { sweep } from '../../core/sweep/sweep.ts';
import { decideVerdict } from '../../core/gate/verdict.ts';
import { mockFill, mockHang, useMockCuda } from './fixtures/mock-kernels.ts';

const DEADLINE_MS = 200;
const c = { width: 20, height: 3, padWords: 1, value: 1 };
const LOST =
  'mock_hang [cuda]: launch 1 (mock_hang) did not finish within 200 ms (TWINPATH_CASE_DEADLINE_MS), so the CUDA context is lost for the rest of this process (the kernel may still be running)';

beforeAll(() => {
  koffi.load(useMockCuda());
  process.env.TWINPATH_CASE_DEADLINE_MS = String(DEADLINE_MS);
});
afterAll(() => {
  delete process.env.TWINPATH_CASE_DEADLINE_MS;
});

test('planted: a launch that never finishes is a timeout at the deadline; the context is lost and nothing more runs in it', async () => {
  const before = await runCase(mockFill, c, { backend: 'cuda' });
  expect(before.outcome).toBe('pass');
  const t = performance.now();
  const hung = await runCase(mockHang, c, { backend: 'cuda', twice: false });
  expect(performance.now() - t).toBeGreaterThanOrEqual(DEADLINE_MS);
  expect(hung.outcome).toBe('timeout');
  expect(hung.pass).toBe(false);
  expect(hung.error).toBe(
    'mock_hang [cuda]: launch 1 (mock_hang) did not finish within 200 ms (TWINPATH_CASE_DEADLINE_MS); the CUDA context is lost: the rest of this sweep does not run, and later sweeps count CUDA unavailable',
  );
  const after = await runCase(mockFill, c, { backend: 'cuda' });
  expect(after.outcome).toBe('timeout');
  expect(after.pass).toBe(false);
  expect(after.error).toBe(`mock_fill [cuda]: not run: ${LOST}`);
});

test('a sweep after the loss is unavailable with the reason: never a pass', async () => {
  expect(await probeBackend('cuda')).toEqual({ unavailable: LOST });
  const r = await sweep(mockFill, { backend: 'cuda', runs: 5 });
  expect(r.pass).toBe(false);
  expect(r.runs).toBe(0);
  expect(r.unavailable).toBe(LOST);
  expect(decideVerdict(r, loadExpectations())).toEqual({ status: 'unavailable', reason: LOST });
});
