/**
 * The kernels a project's sweep files register, as vitest collects them
 * without running any: what `twinpath run --list` prints and what kernel
 * names on the command line are checked against.
 */
import { relative } from 'node:path';
import { createVitest, type TestModule } from 'vitest/node';
import type { KernelSummary } from '../core/kernel/kernel-summary.ts';
import { BROKEN_FILE_FIX, loadErrorText } from '../reports/run/broken-file.ts';
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

/** A sweep file that failed to load, with what it threw (first lines). */
export interface BrokenFile {
  readonly file: string;
  readonly error: string;
}

/** The collected test modules that failed to load (broken-file.ts), with their files relative to `root`. */
export function brokenFiles(modules: readonly TestModule[], root: string): BrokenFile[] {
  return modules
    .filter((m) => m.errors().length)
    .map((m) => ({ file: relative(root, m.moduleId), error: loadErrorText(m.errors()) }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Every kernel of the project's sweep files, by name (vitest collects files in no set order), running none, and
 * the sweep files that failed to load.
 */
export async function collectProject(
  project: Project,
): Promise<{ readonly kernels: ListedKernel[]; readonly broken: BrokenFile[] }> {
  const vitest = await createVitest(
    'test',
    { ...mainJobOptions(project, []), reporters: [], watch: false },
    mainJobPlugins(),
  );
  try {
    const modules = (await vitest.collect()).testModules;
    const kernels = collectedKernels(modules, project.root);
    kernels.sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file));
    return { kernels, broken: brokenFiles(modules, project.root) };
  } finally {
    await vitest.close();
  }
}

/** Every kernel of the project's sweep files, by name, running none (collectProject, the broken files left out). */
export async function projectKernels(project: Project): Promise<ListedKernel[]> {
  return (await collectProject(project)).kernels;
}

/**
 * The lines `run --list` prints under its table for files that failed to load:
 * `broken  cases/bad.test.ts: defineKernel: name "../../etc" must match [a-z0-9_]+. Fix: the file must …`.
 */
export function brokenLines(broken: readonly BrokenFile[]): string[] {
  return broken.map((b) => `broken  ${b.file}: ${b.error}. ${BROKEN_FILE_FIX.replace('<file>', b.file)}`);
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
