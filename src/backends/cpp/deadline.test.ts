/**
 * The C++ backend under the case deadline: a kernel that never returns is the
 * case's `timeout` and is shrunk, a kernel that crashes fails its case; each
 * costs its runner process, never the sweep, and the next case runs. A
 * batch's cases wait in the runner process behind each other: each one's
 * deadline starts when the case before it ends.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCase, runCases } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { cppCrash, cppFill, cppHang, cppSlow } from './fixtures/cpp-kernels.ts';

/** Long enough for a fill of 40x8 texels and the round trip on a loaded machine, short enough to shrink quickly. */
const DEADLINE_MS = 400;

beforeAll(() => {
  process.env.TWINPATH_CASE_DEADLINE_MS = String(DEADLINE_MS);
});
afterAll(() => {
  delete process.env.TWINPATH_CASE_DEADLINE_MS;
});

test('planted: a C++ kernel that never returns is a timeout, shrunk to the smallest hanging case; the sweep after it passes', async () => {
  const r = await sweep(cppHang, { backend: 'cpp', runs: 6, seed: 7 });
  expect(r.pass).toBe(false);
  expect(r.failure?.result.outcome).toBe('timeout');
  expect(r.failure?.result.case).toBe('3x1 pad 0 value 0');
  expect(r.failure?.result.error).toBe(
    `cpp_hang [cpp]: the C++ calls did not finish the case within ${DEADLINE_MS} ms (TWINPATH_CASE_DEADLINE_MS); the runner process was killed and the next case gets a new one`,
  );
  expect(r.failure!.shrinks).toBeGreaterThan(0);
  expect(renderSweepFailure(r)).toMatch(
    /^cpp_hang \[cpp\] failed after \d+ cases? .*\nshrunk case: 3x1 pad 0 value 0\n/,
  );
  const after = await sweep(cppFill, { backend: 'cpp', runs: 10, seed: 1 });
  expect(after.pass).toBe(true);
});

test('planted: a C++ kernel that crashes fails its case, naming the signal; the next case runs', async () => {
  const crashed = await runCase(cppCrash, { width: 2, height: 2, padWords: 0, value: 1 }, { backend: 'cpp' });
  expect(crashed.outcome).toBe('gpu-error');
  expect(crashed.pass).toBe(false);
  expect(crashed.error).toBe(
    "cpp_crash [cpp]: the C++ runner process died (SIGSEGV) during the case's calls — a crash in the kernel (an illegal address, an abort?); the next case gets a new runner",
  );
  const fine = await runCase(cppCrash, { width: 2, height: 1, padWords: 0, value: 1 }, { backend: 'cpp' });
  expect(fine.outcome).toBe('pass');
});

test("a batch's slow cases each have their own deadline: four 150 ms cases pass under 400 ms, sent at once", async () => {
  const inputs = [1, 2, 3, 4].map((value) => ({ width: 2, height: 1, padWords: 0, value }));
  const results = await runCases(cppSlow, inputs, { backend: 'cpp' });
  expect(results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass', 'pass']);
});
