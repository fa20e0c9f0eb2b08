/**
 * Everything a run takes from outside, checked before any case runs: the
 * TWINPATH_* settings (--require-gpu included), the report folder and the
 * expectations file. The main job calls it before it starts vitest, the
 * reporter when a run starts (so `npm test` checks the same), and the first
 * bad input is an InputError.
 */
import { ensureReportDir, runConfig, type RunConfig } from '../settings/settings.ts';
import { expectationsPath, loadExpectations, type Expectation } from '../gate/expectations.ts';
import { gpuRequirement } from '../settings/settings.ts';

export interface RunInputs {
  readonly config: RunConfig;
  readonly expectations: readonly Expectation[];
}

/** Checks the run's inputs; throws the first InputError (see runConfig, ensureReportDir, loadExpectations). */
export function checkRunInputs(env: NodeJS.ProcessEnv = process.env): RunInputs {
  const config = runConfig(env);
  gpuRequirement(env);
  ensureReportDir(config.reportDir);
  return { config, expectations: loadExpectations(expectationsPath(env)) };
}
