/**
 * Finds a project and its `twinpath.config.ts`. The project root is the
 * nearest folder at or above the working directory with a package.json; a
 * project without a config file runs on the defaults.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { resolveConfig, type ResolvedConfig, type TwinpathConfig } from '../core/settings/project-config.ts';
import { loadConfigModule } from './load-module.ts';

/** Config file names, in the order they are looked for. */
export const CONFIG_FILES = ['twinpath.config.ts', 'twinpath.config.mts', 'twinpath.config.js', 'twinpath.config.mjs'];

/** A project: its root, its config file when it has one, the config in force. */
export interface Project {
  readonly root: string;
  readonly configFile?: string;
  readonly config: ResolvedConfig;
}

/** The nearest folder at or above `from` holding a package.json (else `from` itself). */
export function projectRoot(from: string = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/**
 * Loads the project at or above `from`.
 * Rejects with `twinpath: twinpath.config.ts: twinpath.config: unknown field "test" (...)` for a bad config.
 */
export async function loadProject(from: string = process.cwd()): Promise<Project> {
  const root = projectRoot(from);
  const name = CONFIG_FILES.find((f) => existsSync(join(root, f)));
  if (!name) return { root, config: resolveConfig() };
  const file = join(root, name);
  const mod = await loadConfigModule(file);
  const exported = (mod.default ?? {}) as TwinpathConfig;
  try {
    return { root, configFile: file, config: resolveConfig(exported) };
  } catch (e) {
    throw new Error(
      `twinpath: ${relative(process.cwd(), file) || name}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
