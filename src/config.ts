/**
 * `twinpath/config`: what a project's `twinpath.config.ts` imports —
 * `export default defineConfig({ ... })`. The fields, their defaults and how
 * settings reach the test workers live in src/core/settings/project-config.ts.
 */
export { defineConfig, type TwinpathConfig } from './core/settings/project-config.ts';
