/** `twinpath init [--no-install] [--ci github|gitlab]`: scaffolds the project at or above the working directory (src/cli/scaffold.ts). */
import type { CiSystem } from './ci-workflow.ts';
import { initProject, installAdded } from './scaffold.ts';
import { projectRoot } from '../vitest/load-config.ts';
import type { INIT } from './command-specs.ts';
import type { ParsedCommand } from './spec.ts';

/**
 * Prints what it created and kept, runs `npm install` when it added dev
 * dependencies (unless --no-install), then the next step.
 */
export async function initCommand({ values }: ParsedCommand<typeof INIT>): Promise<number> {
  const root = projectRoot();
  const report = initProject(root, values.ci as CiSystem | undefined);
  for (const line of report.lines) process.stdout.write(`twinpath init: ${line}\n`);
  if (report.added.length && !values['no-install']) {
    process.stdout.write(`twinpath init: npm install (${report.added.join(', ')})\n`);
    installAdded(root);
  } else if (report.added.length) {
    process.stdout.write('twinpath init: run `npm install` for the added dev dependencies\n');
  }
  process.stdout.write('next: npx twinpath run   (the example sweep; npm run typecheck; npx vitest run)\n');
  return 0;
}
