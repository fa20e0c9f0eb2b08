import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['kernels/**/*.test.ts'],
    // dawn.node is a native addon: child processes, not worker threads.
    pool: 'forks',
    testTimeout: 300_000,
    reporters: ['default', './result-lines.ts'],
  },
});
