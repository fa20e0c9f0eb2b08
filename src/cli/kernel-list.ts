/**
 * The kernels a project's sweep files register, as vitest collects them
 * without running any: what `twinpath run --list` prints and what kernel
 * names on the command line are checked against.
 */
import { relative } from 'node:path';
import { createVitest, type TestModule } from 'vitest/node';
import type { KernelSummary } from '../core/kernel/kernel-summary.ts';
import type { Project } from '../vitest/load-config.ts';
import { mainJobOptions, mainJobPlugins } from './main-job.ts';

/** A kernel as listed: its summary and its sweep file, relative to the project root. */
export type ListedKernel = KernelSummary & { readonly file: string };

/**
 * The kernels the collected test modules register, one per kernel however many backends it is swept on (each
 * backend's sweep is its own test), with their files relative to `root`.
 */
export function collectedKernels(modules: readonly TestModule[], root: string): ListedKernel[] {
  const byKey = new Map<string, ListedKernel>();
  for (const m of modules) {
    for (const t of m.children.allTests()) {
      const k = t.meta().twinpathKernel;
      const file = relative(root, m.moduleId);
      if (k && t.options.mode !== 'skip' && !byKey.has(`${file}#${k.name}`))
        byKey.set(`${file}#${k.name}`, { ...k, file });
    }
  }
  return [...byKey.values()];
}

/** Every kernel of the project's sweep files, by name (vitest collects files in no set order), running none. */
export async function projectKernels(project: Project): Promise<ListedKernel[]> {
  const vitest = await createVitest(
    'test',
    { ...mainJobOptions(project, []), reporters: [], watch: false },
    mainJobPlugins(),
  );
  try {
    const kernels = collectedKernels((await vitest.collect()).testModules, project.root);
    return kernels.sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file));
  } finally {
    await vitest.close();
  }
}

/**
 * The `run --list` table, one row per kernel: its name, its backends, its outputs' names and its sweep file.
 * ```
 * kernel          backends       outputs  file
 * mip_downsample  wgsl,cuda,cpp  (one)    cases/mip_downsample.test.ts
 * ```
 */
export function kernelTable(kernels: readonly ListedKernel[]): string[] {
  const rows = [
    ['kernel', 'backends', 'outputs', 'file'],
    ...kernels.map((k) => [k.name, k.backends.join(','), k.outputs.join(','), k.file]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}
