import { defineConfig } from 'vitest/config';
import { twinpath } from './src/vitest/preset.ts';

// The repository tests itself through its own preset (forked workers, the
// twinpath reporter, the setup file), as a project that installed twinpath
// does. `twinpath-source` resolves `twinpath` imports to the TypeScript
// sources, so nothing needs building first (package.json "exports").
const conditions = ['twinpath-source', 'module', 'node', 'development|production'];

/** How this repository's configs resolve `twinpath` to its sources (fixture runs of the tests share it). */
export const sourceResolve = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['twinpath-source'] } },
};

export default defineConfig({
  plugins: [twinpath()],
  ...sourceResolve,
  test: {
    include: ['src/**/*.test.ts', 'oracles/**/*.test.ts', 'kernels/**/*.test.ts', 'cases/**/*.test.ts'],
  },
});
