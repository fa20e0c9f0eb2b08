/**
 * `twinpath run`: the main job. It sweeps the project's kernels through
 * vitest — the project's own vitest config with the twinpath preset merged
 * in, restricted to the sweep files of twinpath.config.ts (`tests`) and the
 * named kernels — and prints the twinpath reporter's summary. `--list`
 * collects the same files without running them and lists the kernels.
 */
import { relative } from 'node:path';
import { createVitest, startVitest, type TestModule } from 'vitest/node';
import { twinpath } from '../vitest/preset.ts';
import TwinpathReporter from '../reports/run/twinpath-reporter.ts';
import { probeBackend, requiredBackends, selectedBackends } from '../backends/registry.ts';
import { adapterLine } from '../backends/backend.ts';
import type { Project } from '../vitest/load-config.ts';
import { sweepNamePattern, sweepTestName } from '../core/kernel/sweep-name.ts';
import type { KernelSummary } from '../core/kernel/kernel-summary.ts';
import { enterProject, parseFor } from './parse.ts';
import type { Command } from './args.ts';
import { acquireRunLock, releaseRunLock } from '../core/settings/run-lock.ts';
import { checkRunInputs } from '../core/sweep/run-inputs.ts';

/** vitest options shared by the main job, `--list` and `twinpath watch`. */
export function mainJobOptions(project: Project, kernels: readonly string[]) {
  return {
    root: project.root,
    include: [...project.config.tests],
    testNamePattern: sweepNamePattern(kernels),
    reporters: [new TwinpathReporter({ printFailures: true })],
    passWithNoTests: false,
  };
}

/** The twinpath preset, as the main job merges it into the project's vitest config. */
export const mainJobPlugins = () => ({ plugins: [twinpath({ reporters: 'only' })] });

/** The sweeps the collected test modules register, with their files relative to `root`. */
export function collectedKernels(
  modules: readonly TestModule[],
  root: string,
): Array<KernelSummary & { file: string }> {
  return modules.flatMap((m) =>
    [...m.children.allTests()].flatMap((t) => {
      const k = t.meta().twinpathKernel;
      return k && t.options.mode !== 'skip' ? [{ ...k, file: relative(root, m.moduleId) }] : [];
    }),
  );
}

/** Sweeps the project's kernels; returns 1 on any failure, and when no kernel matches. */
export async function runCommand(argv: readonly string[]): Promise<number> {
  const cmd = parseFor('run', argv);
  const project = await enterProject(cmd);
  if (cmd.list) return listKernels(project, cmd.kernels);
  // The folder is taken before anything else, so a second run into it is refused at once (the reporter keeps it).
  const { reportDir } = checkRunInputs(process.env).config;
  const tookOver = acquireRunLock(reportDir, 'twinpath run');
  if (tookOver) process.stdout.write(`twinpath: ${reportDir}: ${tookOver}\n`);
  try {
    return await sweepProject(project, cmd);
  } finally {
    releaseRunLock(reportDir);
  }
}

/** The main job proper: the adapter checked, then the project's sweeps through vitest. */
async function sweepProject(project: Project, cmd: Command): Promise<number> {
  const where = await backendLines();
  if (typeof where === 'number') return where;
  process.stdout.write(
    `twinpath: sweeping ${cmd.kernels.length ? cmd.kernels.join(', ') : 'every kernel'} on\n${where.join('\n')}\n`,
  );
  const vitest = await startVitest(
    'test',
    [],
    { ...mainJobOptions(project, cmd.kernels), run: true, watch: false },
    mainJobPlugins(),
  );
  const failed = vitest.state.getCountOfFailedTests();
  // A sweep that found its backend unavailable skips itself at run time, but it did match.
  const ran = vitest.state
    .getFiles()
    .some((f) => f.tasks.some((t) => t.mode === 'run' || t.meta.twinpath !== undefined));
  const judged = vitest.state
    .getFiles()
    .some((f) => f.tasks.some((t) => t.result?.state === 'pass' || t.result?.state === 'fail'));
  await vitest.close();
  if (!ran) {
    const where = project.config.tests.join(', ');
    process.stderr.write(
      `twinpath: no kernel ${cmd.kernels.length ? `matches ${cmd.kernels.join(' ')}` : 'found'} in ${where}. ` +
        'Fix: name a kernel of `twinpath run --list`, or set tests in twinpath.config.ts\n',
    );
    return 1;
  }
  if (!judged) {
    process.stderr.write(
      'twinpath: no sweep ran a case (every selected sweep was unavailable or unsupported here): nothing was checked\n',
    );
    return 1;
  }
  return failed > 0 || process.exitCode ? 1 : 0;
}

/**
 * One line per backend the run sweeps, naming its device; 1 (after the
 * message) when a required backend is missing:
 * `twinpath: --require-backend cuda, but CUDA unavailable: libcuda did not load — looked for …`,
 * or when a selected backend's device lacks what the project requires:
 * `twinpath: unsupported: the adapter lacks shader-f16 (required by twinpath.config.ts requiredFeatures); no kernel was swept`.
 */
async function backendLines(): Promise<string[] | number> {
  const required = requiredBackends();
  const lines: string[] = [];
  for (const b of new Set([...required, ...selectedBackends()])) {
    const p = await probeBackend(b);
    if ('unavailable' in p && required.includes(b)) {
      process.stderr.write(`twinpath: --require-backend ${b}, but ${p.unavailable}\n`);
      return 1;
    }
    if (!('unavailable' in p) && p.unsupported) {
      process.stderr.write(`twinpath: unsupported: ${p.unsupported}; no kernel was swept\n`);
      return 1;
    }
    lines.push(`  ${b}: ${'unavailable' in p ? `unavailable — ${p.unavailable}` : adapterLine(p.device)}`);
  }
  return lines;
}

/**
 * Prints one row per kernel: name, test file, outputs, backends.
 * Returns 1 with `twinpath: no kernel found in cases/*.test.ts` when there is none.
 */
async function listKernels(project: Project, names: readonly string[]): Promise<number> {
  const vitest = await createVitest(
    'test',
    { ...mainJobOptions(project, names), reporters: [], watch: false },
    mainJobPlugins(),
  );
  const { testModules } = await vitest.collect();
  await vitest.close();
  const pattern = new RegExp(sweepNamePattern(names));
  const kernels = collectedKernels(testModules, project.root).filter((k) => pattern.test(sweepTestName(k.name)));
  if (!kernels.length) {
    process.stderr.write(
      `twinpath: no kernel ${names.length ? `matches ${names.join(' ')} ` : ''}found in ` +
        `${project.config.tests.join(', ')}\n`,
    );
    return 1;
  }
  const rows = [
    ['kernel', 'file', 'outputs', 'backends'],
    ...kernels.map((k) => [k.name, k.file, k.outputs.join(','), k.backends.join(',')]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    process.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}
