/**
 * The kernel definitions of a project, for the commands that run kernels
 * outside vitest (`twinpath bench`): every `kernel.ts` under the config's
 * kernels folder (docs/naming.md), loaded through tsx, and the kernels it exports.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exportedKernels, type Kernel } from '../core/kernel/kernel.ts';
import { KERNEL_MODULE } from '../core/kernel/naming.ts';
import type { Project } from './load-config.ts';
import { loadProjectModule } from './load-module.ts';

function kernelModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(p).isDirectory()) return kernelModules(p);
    return name === KERNEL_MODULE ? [p] : [];
  });
}

/** A kernel and the module that defines it (relative to the project root). */
export interface DiscoveredKernel {
  readonly kernel: Kernel<unknown>;
  readonly file: string;
}

/**
 * Loads every kernel module of the project, sorted by kernel name.
 * Rejects with `twinpath: no kernels folder kernels/ (twinpath.config.ts kernels)` when the folder is missing.
 */
export async function discoverKernels(project: Project): Promise<DiscoveredKernel[]> {
  const dir = join(project.root, project.config.kernels);
  if (!existsSync(dir))
    throw new Error(`twinpath: no kernels folder ${project.config.kernels}/ (twinpath.config.ts kernels)`);
  const found: DiscoveredKernel[] = [];
  for (const file of kernelModules(dir).sort()) {
    for (const kernel of exportedKernels(await loadProjectModule(file)))
      found.push({ kernel, file: relative(project.root, file) });
  }
  return found.sort((a, b) => a.kernel.name.localeCompare(b.kernel.name));
}
