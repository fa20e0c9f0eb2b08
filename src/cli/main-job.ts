/**
 * The main job as vitest runs it for `twinpath run`, `run --list` and
 * `twinpath watch`: the project's own vitest config with the twinpath preset
 * merged in, restricted to the sweep files of twinpath.config.ts (`tests`)
 * and the named kernels.
 */
import { twinpath } from '../vitest/preset.ts';
import TwinpathReporter from '../reports/run/twinpath-reporter.ts';
import type { Project } from '../vitest/load-config.ts';
import { sweepNamePattern } from '../core/kernel/sweep-name.ts';

/** vitest options shared by the main job, `--list` and `twinpath watch`. */
export function mainJobOptions(project: Project, kernels: readonly string[]) {
  return {
    root: project.root,
    include: [...project.config.tests],
    testNamePattern: sweepNamePattern(kernels),
    reporters: [new TwinpathReporter({ printFailures: true })],
    passWithNoTests: false,
  };
}

/** The twinpath preset, as the main job merges it into the project's vitest config. */
export const mainJobPlugins = () => ({ plugins: [twinpath({ reporters: 'only' })] });
