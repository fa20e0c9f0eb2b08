/** Entering the project a command works on, with the settings its flags gave. */
import { parseBackends } from '../backends/registry.ts';
import { applyConfigEnv } from '../core/settings/project-config.ts';
import { loadProject, type Project } from '../vitest/load-config.ts';
import { UsageError } from './usage-error.ts';

/**
 * Sets the flags' TWINPATH_* variables (`env`), loads the project at or above the working directory, moves there and
 * fills in the settings of its twinpath.config.ts that no flag or variable gave; then checks the backends the flags
 * name against every backend, the project's own (`backends` in its config) included. Rejects with loadProject's error
 * for a bad config (`twinpath: twinpath.config.ts: twinpath.config: unknown field "test" (...)`) and with
 * checkBackendFlags' UsageError.
 */
export async function enterProject(env: Readonly<Record<string, string>>, command: string): Promise<Project> {
  Object.assign(process.env, env);
  const project = await loadProject();
  process.chdir(project.root);
  applyConfigEnv(project.config);
  checkBackendFlags(command, {
    backend: process.env.TWINPATH_BACKEND,
    'require-backend': process.env.TWINPATH_REQUIRE_BACKEND,
  });
  return project;
}

/** The backend lists a command's flags give: `--backend`, `--require-backend`. */
export interface BackendFlags {
  readonly backend?: string | undefined;
  readonly 'require-backend'?: string | undefined;
}

/**
 * The flags name registered backends. Throws a UsageError of `command`:
 * `twinpath run: --backend metal: unknown backend "metal"; backends are wgsl, cuda, cpp`.
 */
export function checkBackendFlags(command: string, flags: BackendFlags): void {
  for (const [flag, value] of Object.entries(flags)) {
    if (!value) continue;
    try {
      parseBackends(value);
    } catch (e) {
      const reason = (e as Error).message.replace(/^twinpath: /, '');
      throw new UsageError(command, `twinpath ${command}: --${flag} ${value}: ${reason}`);
    }
  }
}
