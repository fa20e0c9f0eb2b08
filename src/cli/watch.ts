/**
 * `twinpath watch`: the main job in vitest's watch mode, at a reduced case
 * count. vitest reruns a sweep when a module it imports changes (the kernel
 * definition, the oracle); WGSL is read from disk rather than imported, so
 * watch keeps, per WGSL file (the kernel's own and every file joined or
 * imported into it), the sweep files that read it, and reruns those.
 */
import { relative, resolve } from 'node:path';
import { startVitest, type TestModule } from 'vitest/node';
import { WATCH_RUNS, type WATCH } from './command-specs.ts';
import { chooseKernels } from './kernel-choice.ts';
import { projectKernels } from './kernel-list.ts';
import { mainJobOptions, mainJobPlugins } from './main-job.ts';
import { enterProject } from './project.ts';
import type { ParsedCommand } from './spec.ts';
import { counted } from '../model/counted.ts';

/** WGSL file -> the sweep test files whose kernels read it, learnt as vitest collects them. */
export class WgslReaders {
  private readonly readers = new Map<string, Set<string>>();

  /** Records the WGSL files of every sweep of a collected test module. */
  add(m: TestModule): void {
    for (const t of m.children.allTests()) {
      for (const f of t.meta().twinpathKernel?.wgslFiles ?? []) {
        let s = this.readers.get(f);
        if (!s) this.readers.set(f, (s = new Set()));
        s.add(m.moduleId);
      }
    }
  }

  /** The test files to rerun when `file` changes (none when no sweep reads it). */
  of(file: string): string[] {
    return [...(this.readers.get(resolve(file)) ?? [])];
  }
}

/**
 * Watches until interrupted (Ctrl-C); returns vitest's exit status of the last run only through the process. A kernel
 * name that matches none is a UsageError (kernel-choice.ts), before watching starts.
 */
export async function watchCommand({ operands, values, env }: ParsedCommand<typeof WATCH>): Promise<number> {
  if (!values.full && env.TWINPATH_RUNS === undefined && !process.env.TWINPATH_RUNS)
    process.env.TWINPATH_RUNS = String(WATCH_RUNS);
  const project = await enterProject(env, 'watch');
  if (operands.length)
    chooseKernels(
      'watch',
      operands,
      (await projectKernels(project)).map((k) => k.name),
    );
  const runs = process.env.TWINPATH_RUNS;
  process.stdout.write(
    `twinpath watch: ${runs ? `${counted(Number(runs), 'case')} per sweep` : 'full case count'}; ` +
      'rerunning the sweeps a change to WGSL, an oracle or a definition touches (Ctrl-C ends)\n',
  );
  const readers = new WgslReaders();
  const options = mainJobOptions(project, operands);
  const tracker = { onTestModuleCollected: (m: TestModule) => readers.add(m) };
  const vitest = await startVitest(
    'test',
    [],
    { ...options, reporters: [...options.reporters, tracker], watch: true },
    mainJobPlugins(),
  );
  vitest.vite.watcher.on('change', (file: string) => {
    if (!file.endsWith('.wgsl')) return;
    const files = readers.of(file);
    const name = relative(project.root, file);
    if (!files.length) {
      process.stdout.write(`twinpath watch: ${name} changed; no sweep reads it\n`);
      return;
    }
    process.stdout.write(
      `twinpath watch: ${name} changed; rerunning ${files.map((f) => relative(project.root, f)).join(', ')}\n`,
    );
    void vitest.rerunTestSpecifications(files.flatMap((f) => vitest.getModuleSpecifications(f)));
  });
  return new Promise<number>((done) => vitest.onClose(() => done(process.exitCode ? 1 : 0)));
}
