/**
 * What init writes into an existing project beside the scaffold's own
 * files: the typecheck config that covers kernels/, oracles/ and cases/
 * (tsconfig.twinpath.json, extending the project's tsconfig.json), the
 * report folder in .gitignore, and the refusal to write through a link.
 */
import { existsSync, lstatSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { InputError } from '../core/settings/input-error.ts';

/** The typecheck config init writes beside a project's own tsconfig.json. */
export const TWINPATH_TSCONFIG = 'tsconfig.twinpath.json';

/** The report folder of the scaffold's twinpath.config.ts, kept out of git. */
export const REPORT_FOLDER = 'twinpath-report';

/**
 * Refuses, before anything is written, a path of the project (or a folder on the way to it) that is a symbolic link,
 * dangling or not: `twinpath init: kernels/flip_y/kernel.ts is a symbolic link (to /elsewhere/kernel.ts); init writes
 * no file through a link. Fix: remove the link, or put the file it points to in its place`.
 */
export function refuseLinks(root: string, paths: readonly string[]): void {
  for (const path of paths) {
    const parts = path.split(/[\\/]/);
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join(sep);
      const full = join(root, rel);
      let link = false;
      try {
        link = lstatSync(full).isSymbolicLink();
      } catch {
        break; // nothing there yet: nothing below it either
      }
      if (link)
        throw new InputError(
          `twinpath init: ${rel} is a symbolic link (to ${readlinkSync(full)}); init writes no file through a link. ` +
            'Fix: remove the link, or put the file it points to in its place',
        );
    }
  }
}

/** The sources init adds, which the typecheck must cover. */
const SCAFFOLD_SOURCES = ['kernels', 'oracles', 'cases', 'twinpath.config.ts'];

/**
 * tsconfig.twinpath.json: the project's tsconfig.json with what the scaffold's files need and nothing that breaks the
 * project's own imports: moduleResolution Bundler resolves `twinpath`'s package exports and keeps extensionless
 * relative imports working (NodeNext would demand `.js` on every one), allowImportingTsExtensions (the scaffold imports
 * `../kernels/flip_y/kernel.ts`) with noEmit, and an include of the scaffold's folders.
 */
export function twinpathTsconfig(vitestConfig: string | undefined): string {
  const config = {
    extends: './tsconfig.json',
    compilerOptions: {
      module: 'ESNext',
      moduleResolution: 'Bundler',
      allowImportingTsExtensions: true,
      noEmit: true,
    },
    include: [...SCAFFOLD_SOURCES, ...(vitestConfig ? [vitestConfig] : [])],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The typecheck script for a project with its own tsconfig.json: its own check, then the scaffold's. */
export const TYPECHECK_BOTH = `tsc --noEmit -p . && tsc --noEmit -p ${TWINPATH_TSCONFIG}`;

/**
 * The project's typecheck script made to cover the scaffold: none gets {@link TYPECHECK_BOTH}, one that does not run
 * tsconfig.twinpath.json gets it appended; returns the new script and the line init prints, or undefined to keep it.
 */
export function typecheckScript(has: string | undefined): { script: string; line: string } | undefined {
  if (has === undefined) return { script: TYPECHECK_BOTH, line: `added script typecheck: ${TYPECHECK_BOTH}` };
  if (has.includes(TWINPATH_TSCONFIG)) return undefined;
  const script = `${has} && tsc --noEmit -p ${TWINPATH_TSCONFIG}`;
  return { script, line: `extended script typecheck: ${script} (it checked no kernel, oracle or case)` };
}

/** Adds the report folder to .gitignore (creating it); returns the line init prints. */
export function ignoreReportFolder(root: string): string {
  const file = join(root, '.gitignore');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const ignored = text.split(/\r?\n/).some((l) => l.trim().replace(/^\/|\/$/g, '') === REPORT_FOLDER);
  if (ignored) return `kept .gitignore (${REPORT_FOLDER} is ignored)`;
  writeFileSync(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${REPORT_FOLDER}/\n`);
  return `${text ? 'added' : 'created .gitignore with'} ${REPORT_FOLDER}/${text ? ' to .gitignore' : ''}`;
}
