/**
 * The tests Stryker runs against mutants of the harness's own checks: the CPU self-tests of src/model/compare, the
 * canary, surfaces and layout, and of what decides a verdict and its text — the judge (judge.test.ts judges a fake
 * DeviceOutput), input changes, the verdict and the expectations. Stryker's vitest runner uses worker threads,
 * where dawn.node cannot load, so the tests that sweep on a GPU (the three-way layout test, expectations.test.ts,
 * the planted sweeps of src/core/judge) are left to `npm test`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/model/compare/*.test.ts',
      'src/model/canary.test.ts',
      'src/model/canary-guard-band.test.ts',
      'src/model/surface/*.test.ts',
      'src/layout-check/layout.test.ts',
      'src/layout-check/check.test.ts',
      'src/layout-check/layout-edges.test.ts',
      'src/layout-check/check-gpu-view.test.ts',
      'src/core/gate/verdict.test.ts',
      'src/core/gate/expectations-file.test.ts',
      'src/core/gate/expectations-match.test.ts',
      'src/core/gate/expectations-default.test.ts',
      'src/core/judge/judge.test.ts',
      'src/core/judge/judge-pool.test.ts',
      'src/core/judge/input-changes.test.ts',
      'src/backends/native/case-context.test.ts',
    ],
    testTimeout: 120_000,
  },
});
