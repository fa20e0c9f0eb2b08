import { defineConfig } from 'vitest/config';
import { twinpath } from 'twinpath/vitest';

// The twinpath preset: forked workers for dawn.node, the twinpath reporter, failure pictures, toMatchOracle.
export default defineConfig({ plugins: [twinpath()] });
