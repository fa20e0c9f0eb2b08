/**
 * `twinpath/vitest`: the vitest preset a project's `vitest.config.ts` adds —
 * `plugins: [twinpath()]` — and its options.
 */
export { twinpath, type TwinpathPresetOptions } from './vitest/preset.ts';
