/**
 * Command-line parsing for one command, with its mistakes as usage errors,
 * and entering the project a command works on.
 */
import { applyConfigEnv } from '../core/settings/project-config.ts';
import { loadProject, type Project } from '../vitest/load-config.ts';
import { parseCommand, type Command } from './args.ts';
import { UsageError } from './usage.ts';

/**
 * Parses `argv` with the flags of `as` (run, adapter or layout), for the command `command`.
 * Throws a UsageError: `twinpath watch: Unknown option '--rusn'. ...`.
 */
export function parseFor(command: string, argv: readonly string[], as: 'run' | 'adapter' | 'layout' = 'run'): Command {
  try {
    return parseCommand([as, ...argv]);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/^twinpath: /, '');
    throw new UsageError(command, `twinpath ${command}: ${message}`);
  }
}

/**
 * Sets the flags' TWINPATH_* variables, loads the project at or above the
 * working directory, moves there and fills in the settings of its
 * twinpath.config.ts that no flag or variable gave.
 */
export async function enterProject(cmd: Command): Promise<Project> {
  Object.assign(process.env, cmd.env);
  const project = await loadProject();
  process.chdir(project.root);
  applyConfigEnv(project.config);
  return project;
}
