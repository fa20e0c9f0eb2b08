/**
 * `twinpath/config`: what a project's `twinpath.config.ts` imports
 * (`export default defineConfig({ ... })`). The settings and their defaults
 * live in src/core/settings/project-config.ts.
 */
export * from './core/settings/project-config.ts';
