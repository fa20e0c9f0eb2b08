/** Entering the project a command works on, with the settings its flags gave. */
import { applyConfigEnv } from '../core/settings/project-config.ts';
import { loadProject, type Project } from '../vitest/load-config.ts';

/**
 * Sets the flags' TWINPATH_* variables (`env`), loads the project at or above the working directory, moves there and
 * fills in the settings of its twinpath.config.ts that no flag or variable gave. Rejects with loadProject's error for
 * a bad config: `twinpath: twinpath.config.ts: twinpath.config: unknown field "test" (...)`.
 */
export async function enterProject(env: Readonly<Record<string, string>>): Promise<Project> {
  Object.assign(process.env, env);
  const project = await loadProject();
  process.chdir(project.root);
  applyConfigEnv(project.config);
  return project;
}
