import { defineConfig } from 'twinpath/config';

// Every field is optional; these are the defaults. See twinpath's docs/config.md.
export default defineConfig({
  kernels: 'kernels',
  tests: ['cases/*.test.ts'],
  report: 'twinpath-report',
  expectations: 'twinpath.expectations.json',
});
