/**
 * A tolerance sized per case is recorded per sweep with the largest value that applied, and the failure text names
 * the value the failing case was judged under: a tree sum on the echo backend passes under
 * `ulp(2 * ceil(log2(n)))`, and a planted sum that drops a value fails under it, shrunk.
 */
import { expect, test } from 'vitest';
import { registerBackend } from '../../backends/registry.ts';
import { renderSweepFailure, sweep } from './sweep.ts';
import { treeSum, treeSumDropsLast } from './fixtures/tree-sum-kernels.ts';

registerBackend('echo', async () => (await import('../../backends/fixtures/echo/backend.ts')).echoBackend);

test('the sweep records the largest per-case tolerance, its case and policy, and how NaNs were judged', async () => {
  const r = await sweep(treeSum, { backend: 'echo', runs: 60, seed: 5 });
  expect(r.pass).toBe(true);
  const longest = Math.max(...r.cases.map((c) => Number(c.case.split(' ')[0])));
  const largest = 2 * Math.ceil(Math.log2(longest));
  expect(r.tolerances).toEqual([
    {
      output: 'sum',
      unit: 'ULP',
      largest,
      policy: `ulp(${largest} per case)`,
      case: expect.stringMatching(/ values$/),
      perCase: true,
      nanPayloads: 'any',
    },
  ]);
  expect(Number(r.tolerances![0]!.case.split(' ')[0])).toBeGreaterThan(2 ** (largest / 2 - 1));
});

test('planted: a tree sum that drops its last value fails under the tolerance sized for its case', async () => {
  const r = await sweep(treeSumDropsLast, { backend: 'echo', runs: 60, seed: 5 });
  const text = renderSweepFailure(r);
  console.log(text);
  expect(r.pass).toBe(false);
  expect(r.failure?.result.case).toBe('3 values');
  expect(text).toContain('1 of 1 values differ (policy ulp(4 per case), f32 [1], output sum)');
  expect(r.failure?.result.comparison).toMatchObject({ policy: 'ulp(4 per case)', tolerance: 4, perCase: true });
});
