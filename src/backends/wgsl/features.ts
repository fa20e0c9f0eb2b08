/** The device features a project requires (twinpath.config.ts `requiredFeatures`, TWINPATH_FEATURES). */

/** TWINPATH_FEATURES as a list: `shader-f16,float32-filterable`. */
export function requiredFeatures(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.TWINPATH_FEATURES ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}

/** The required features `adapter` lacks (an adapter lacking one is unsupported, never a pass). */
export function missingFeatures(adapter: GPUAdapter, env: NodeJS.ProcessEnv = process.env): string[] {
  return requiredFeatures(env).filter((f) => !adapter.features.has(f));
}
