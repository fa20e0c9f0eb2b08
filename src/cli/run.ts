/**
 * `twinpath run`: the main job. It sweeps the project's kernels through
 * vitest (main-job.ts) and prints the twinpath reporter's summary. `--list`
 * collects the same files without running them and lists the kernels.
 */
import { startVitest } from 'vitest/node';
import {
  backendNames,
  implementedBackends,
  probeBackend,
  requiredBackends,
  selectedBackends,
  type BackendName,
} from '../backends/registry.ts';
import { adapterLine } from '../model/device.ts';
import type { Project } from '../vitest/load-config.ts';
import { acquireRunLock, releaseRunLock } from '../core/settings/run-lock.ts';
import { checkRunInputs } from '../core/sweep/run-inputs.ts';
import { REPORT_INCOMPLETE_EXIT } from '../core/settings/report-folder.ts';
import { isInputError } from '../core/settings/input-error.ts';
import { reportBrokenConfig } from './broken-config.ts';
import { chosenAdapter } from './chosen-adapter.ts';
import type { RUN } from './command-specs.ts';
import { chooseKernels, shardKernels } from './kernel-choice.ts';
import { runUnderComputeSanitizer } from './sanitized-run.ts';
import { brokenLines, collectProject, kernelTable, projectKernels, type ListedKernel } from './kernel-list.ts';
import { mainJobOptions, mainJobPlugins } from './main-job.ts';
import { enterProject } from './project.ts';
import type { ParsedCommand } from './spec.ts';

/**
 * Sweeps the project's kernels (those named), or lists them; returns 1 on any failure, 3 when the report folder
 * could not be written mid-run (report-folder.ts). A kernel name that matches
 * none is a UsageError (kernel-choice.ts), found before anything runs.
 */
export async function runCommand({ operands, values, env }: ParsedCommand<typeof RUN>): Promise<number> {
  if (values.list) return listKernels(await enterProject(env, 'run'), operands);
  let project: Project;
  try {
    project = await enterProject(env, 'run');
  } catch (e) {
    // A config file that fails to load is a failing entry of a report, never a run without one.
    if (isInputError(e)) throw e;
    return reportBrokenConfig(e);
  }
  const { reportDir } = checkRunInputs(process.env).config;
  const listed = operands.length || values.shard ? await projectKernels(project) : undefined;
  const chosen = chooseKernels('run', operands, listed?.map((k) => k.name) ?? []);
  const kernels = values.shard ? shardKernels('run', values.shard, chosen) : operands;
  // The kernels swept, by name (none: every kernel): whose backends the banner names.
  const swept = values.shard ? kernels : chosen;
  const sanitized = await runUnderComputeSanitizer();
  if (sanitized !== undefined) return sanitized;
  // The folder is taken before anything runs, so a second run into it is refused at once (the reporter keeps it).
  const tookOver = acquireRunLock(reportDir, 'twinpath run');
  if (tookOver) process.stdout.write(`twinpath: ${reportDir}: ${tookOver}\n`);
  try {
    return await sweepProject(project, kernels, await sweptBackends(project, listed, swept));
  } finally {
    releaseRunLock(reportDir);
  }
}

/**
 * The backends the kernels named `swept` (none: every kernel of the project) implement; the project is collected
 * here when `listed` does not hold its kernels yet.
 */
async function sweptBackends(
  project: Project,
  listed: readonly ListedKernel[] | undefined,
  swept: readonly string[],
): Promise<BackendName[]> {
  const kernels = listed ?? (await projectKernels(project));
  const chosen = swept.length ? kernels.filter((k) => swept.includes(k.name)) : kernels;
  return implementedBackends(
    chosen.map((k) => k.backends),
    backendNames(),
  );
}

/**
 * The main job proper: the adapter checked, then the project's sweeps through vitest; the banner names the devices
 * of the `implemented` backends only.
 */
async function sweepProject(
  project: Project,
  kernels: readonly string[],
  implemented: readonly BackendName[],
): Promise<number> {
  const where = await backendLines(implemented);
  if (typeof where === 'number') return where;
  process.stdout.write(
    `twinpath: sweeping ${kernels.length ? kernels.join(', ') : 'every kernel'} on\n${where.join('\n')}\n`,
  );
  const vitest = await startVitest(
    'test',
    [],
    { ...mainJobOptions(project, kernels), run: true, watch: false },
    mainJobPlugins(),
  );
  const failed = vitest.state.getCountOfFailedTests();
  // A file that failed to load is a failing entry of the report (broken-file.ts), not a project without kernels.
  const broken = vitest.state.getFiles().some((f) => f.result?.errors?.length);
  // A sweep that found its backend unavailable skips itself at run time, but it did match.
  const ran = vitest.state
    .getFiles()
    .some((f) => f.tasks.some((t) => t.mode === 'run' || t.meta.twinpath !== undefined));
  const judged = vitest.state
    .getFiles()
    .some((f) => f.tasks.some((t) => t.result?.state === 'pass' || t.result?.state === 'fail'));
  await vitest.close();
  // The reporter found the report folder unwritable mid-run (a full disk): the report is incomplete.
  if (process.exitCode === REPORT_INCOMPLETE_EXIT) return REPORT_INCOMPLETE_EXIT;
  if (broken) return 1;
  if (!ran) {
    const where = project.config.tests.join(', ');
    process.stderr.write(`twinpath: no kernel found in ${where}. Fix: set tests in twinpath.config.ts\n`);
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
 * One line per available backend the run sweeps that a swept kernel implements (of `implemented`), naming its
 * device; a selected backend no swept kernel implements is neither probed nor named. 1 (after the
 * message) when a required backend is missing:
 * `twinpath: --require-backend cuda, but CUDA unavailable: libcuda did not load — looked for …`,
 * or when a selected backend's device lacks what the project requires:
 * `twinpath: unsupported: the adapter lacks shader-f16 (required by twinpath.config.ts requiredFeatures); no kernel was swept`.
 */
async function backendLines(implemented: readonly BackendName[]): Promise<string[] | number> {
  // An adapter the user named and this machine lacks is a usage error, whichever backends run.
  if (process.env.TWINPATH_ADAPTER) await chosenAdapter('run');
  const required = requiredBackends();
  const lines: string[] = [];
  // A required backend is probed whatever the kernels implement: missing, it fails the run.
  for (const b of new Set([...required, ...implementedBackends([implemented], selectedBackends())])) {
    const p = await probeBackend(b);
    if ('unavailable' in p && required.includes(b)) {
      process.stderr.write(`twinpath: --require-backend ${b}, but ${p.unavailable}\n`);
      return 1;
    }
    if (!('unavailable' in p) && p.unsupported) {
      process.stderr.write(`twinpath: unsupported: ${p.unsupported}; no kernel was swept\n`);
      return 1;
    }
    // An unavailable backend is said once, by the reporter, and only where a kernel's sweep met it.
    if (!('unavailable' in p) && implemented.includes(b)) lines.push(`  ${b}: ${adapterLine(p.device)}`);
  }
  return lines;
}

/**
 * Prints one row per kernel (kernel-list.ts kernelTable), of those `names` choose, then a `broken  <file>: …` line
 * per sweep file that failed to load (and returns 1 then). Returns 1 with
 * `twinpath: no kernel found in cases/*.test.ts` when the project has none.
 */
async function listKernels(project: Project, names: readonly string[]): Promise<number> {
  const { kernels, broken } = await collectProject(project);
  if (broken.length) {
    for (const line of kernelTable(kernels)) process.stdout.write(`${line}\n`);
    for (const line of brokenLines(broken)) process.stdout.write(`${line}\n`);
    return 1;
  }
  if (!kernels.length) {
    process.stderr.write(`twinpath: no kernel found in ${project.config.tests.join(', ')}\n`);
    return 1;
  }
  const chosen = new Set(
    chooseKernels(
      'run',
      names,
      kernels.map((k) => k.name),
    ),
  );
  for (const line of kernelTable(kernels.filter((k) => chosen.has(k.name)))) process.stdout.write(`${line}\n`);
  return 0;
}
