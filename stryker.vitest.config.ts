/**
 * The tests Stryker runs against mutants of the harness's own checks: the
 * CPU self-tests of harness/compare, the canary, surfaces and layout (Stryker's
 * vitest runner uses worker threads, where dawn.node cannot load, so the GPU
 * three-way layout test is left to `npm test`).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'harness/compare/*.test.ts',
      'harness/canary.test.ts',
      'harness/surface/*.test.ts',
      'harness/layout/layout.test.ts',
      'harness/layout/check.test.ts',
      'harness/layout/layout-edges.test.ts',
      'harness/layout/check-gpu-view.test.ts',
    ],
    testTimeout: 120_000,
  },
});
