/**
 * Loads a project's own TypeScript (its config, kernel definitions, struct
 * declarations) from plain Node, wherever it lives; imports of `twinpath`
 * inside it resolve as the project resolves them.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const failed = (file: string, e: unknown) =>
  new Error(`twinpath: cannot load ${file}: ${e instanceof Error ? e.message : String(e)}`);

/**
 * Imports `file` (relative to the working directory or absolute) in the CLI's
 * process, which bin/twinpath.js starts with tsx's loader, so modules load
 * once and share one twinpath.
 * Rejects with `twinpath: cannot load kernels/x/kernel.ts: <reason>`.
 */
export async function loadProjectModule(file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (e) {
    throw failed(file, e);
  }
}

/**
 * Imports a small self-contained module (twinpath.config.ts, which imports at
 * most `twinpath/config`) in any process, tsx's loader present or not. Each
 * call loads its modules afresh, so it is never used for kernels.
 * Rejects with `twinpath: cannot load twinpath.config.ts: <reason>`.
 */
export async function loadConfigModule(file: string): Promise<Record<string, unknown>> {
  try {
    return (await tsImport(pathToFileURL(resolve(file)).href, import.meta.url)) as Record<string, unknown>;
  } catch (e) {
    throw failed(file, e);
  }
}
