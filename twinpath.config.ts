// This repository as a twinpath project: the main job sweeps cases/*.test.ts.
// Type-only import, so the file loads without a build (see vitest.config.ts).
import type { TwinpathConfig } from 'twinpath/config';

export default {
  kernels: 'kernels',
  tests: ['cases/*.test.ts'],
  report: 'twinpath-report',
  expectations: 'twinpath.expectations.json',
} satisfies TwinpathConfig;
