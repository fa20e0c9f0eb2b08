/**
 * The vitest face of a sweep: `parityTest(kernel)` registers one test,
 * `parity: <kernel>`, that sweeps the kernel and fails with the shrunk case,
 * its diagnostics and a replay line. The main job (`twinpath run`) and
 * `npm test` both run sweeps through this.
 */
import { relative } from 'node:path';
import { test } from 'vitest';
import { matchesAnyGlob } from './glob.ts';
import type { Kernel } from './kernel.ts';
import { kernelSummary, type KernelSummary } from './kernel-summary.ts';
import { sweepTestGlobs } from './project-config.ts';
import { sweepTestName } from './sweep-name.ts';
import { mainJobReplay, renderSweepFailure, sweep, type SweepOptions, type SweepResult } from './sweep.ts';
import { loadExpectations, verdict, type SweepVerdict } from './expectations.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** The sweep's result, for the twinpath reporter. */
    twinpath?: SweepResult;
    /** The sweep's verdict under twinpath.expectations.json. */
    twinpathVerdict?: SweepVerdict;
    /** The kernel as listed (set when the test is registered, so collecting alone sees it). */
    twinpathKernel?: KernelSummary;
  }
}

/** Generous: a sweep on a 2-core software adapter, shrinking included. */
const SWEEP_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * Registers the parity sweep of `k` as a vitest test. On failure the test
 * fails with {@link renderSweepFailure}'s text, unless the expectations file
 * lists the failure; a listed kernel that passes fails as an unexpected pass.
 * A failure in one of the project's sweep files (twinpath.config.ts `tests`)
 * replays as `npx twinpath run <kernel> --seed S --path 'P'`, elsewhere as
 * `TWINPATH_SEED=S TWINPATH_PATH='P' npx vitest run <file> -t 'parity: <kernel>'`.
 */
export function parityTest<I>(k: Kernel<I>, options: SweepOptions = {}): void {
  const name = sweepTestName(k.name);
  test(
    name,
    { meta: { twinpathKernel: kernelSummary(k) }, timeout: SWEEP_TIMEOUT_MS },
    async ({ task }) => {
      const file = relative(process.cwd(), task.file.filepath);
      const replay =
        options.replay ??
        (matchesAnyGlob(file, sweepTestGlobs()) ? mainJobReplay(k.name) : (seed: number, path: string) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' npx vitest run ${file} -t '${name}'`);
      const r = await sweep(k, { ...options, replay });
      const v = verdict(loadExpectations(), r);
      task.meta.twinpath = r;
      task.meta.twinpathVerdict = v;
      if (v.status === 'fail') throw new Error(renderSweepFailure(r));
      if (v.status === 'unexpected-pass') {
        throw new Error(`${k.name}: passed ${r.runs} cases on ${r.adapter.vendor} ${r.adapter.device}, but expectation ${v.index} says it fails (${v.reason}). Fix: remove or narrow that entry of the expectations file.`);
      }
    },
  );
}
