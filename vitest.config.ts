import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'oracles/**/*.test.ts', 'cases/**/*.test.ts', 'reports/**/*.test.ts'],
    // dawn.node is a native addon: child processes, not worker threads (FACTS.md §6).
    pool: 'forks',
    testTimeout: 120_000,
    reporters: ['default', './reports/twinpath-reporter.ts'],
    setupFiles: ['./reports/vitest-setup.ts'],
  },
});
