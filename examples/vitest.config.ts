import { twinpath } from 'twinpath/vitest';
import { defineConfig } from 'vitest/config';

// As a project that tests with vitest uses twinpath: its preset (forked
// workers, the twinpath reporter and report, the setup file, GPU timeouts),
// beside vitest's own reporter and one line per kernel naming its guard bands.
export default defineConfig({
  plugins: [twinpath()],
  test: {
    include: ['kernels/**/*.test.ts'],
    testTimeout: 300_000,
    reporters: ['default', './result-lines.ts'],
  },
});
