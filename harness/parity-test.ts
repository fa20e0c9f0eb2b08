/**
 * The vitest face of a sweep: `parityTest(kernel)` registers one test,
 * `parity: <kernel>`, that sweeps the kernel and fails with the shrunk case,
 * its diagnostics and a replay line. The main job (`twinpath run`) and
 * `npm test` both run sweeps through this.
 */
import { relative } from 'node:path';
import { test } from 'vitest';
import type { Kernel } from './kernel.ts';
import { mainJobReplay, renderSweepFailure, sweep, type SweepOptions, type SweepResult } from './sweep.ts';
import { loadExpectations, unsupportedFailsGate, verdict, type SweepVerdict } from './expectations.ts';
import { gpuRequirement } from './gpu/adapter.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** The sweep's result, for the twinpath reporter. */
    twinpath?: SweepResult;
    /** The sweep's verdict under twinpath.expectations.json. */
    twinpathVerdict?: SweepVerdict;
  }
}

/** Test files the main job runs; failures elsewhere replay through vitest. */
const MAIN_JOB_FILE = /^cases\/[^/]+\.test\.ts$/;

/** Generous: a sweep on a 2-core software adapter, shrinking included. */
const SWEEP_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * Registers the parity sweep of `k` as a vitest test. On failure the test
 * fails with {@link renderSweepFailure}'s text, unless the expectations file
 * lists the failure; a listed kernel that passes fails as an unexpected pass.
 */
export function parityTest<I>(k: Kernel<I>, options: SweepOptions = {}): void {
  const name = `parity: ${k.name}`;
  test(
    name,
    async ({ task, skip }) => {
      const file = relative(process.cwd(), task.file.filepath);
      const replay =
        options.replay ??
        (MAIN_JOB_FILE.test(file) ? mainJobReplay(k.name) : (seed: number, path: string) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' npx vitest run ${file} -t '${name}'`);
      const r = await sweep(k, { ...options, replay });
      const v = verdict(loadExpectations(), r);
      task.meta.twinpath = r;
      task.meta.twinpathVerdict = v;
      if (v.status === 'unsupported') {
        // A hardware gate fails on it unless the expectations list it; elsewhere it is counted apart (skipped with the reason), never passed.
        if (unsupportedFailsGate(v, gpuRequirement())) {
          throw new Error(`${renderSweepFailure(r)}. Fix: run on an adapter with it, or list the kernel in the expectations file (case "unsupported").`);
        }
        skip(`unsupported: ${v.reason}`);
      }
      if (v.status === 'fail') throw new Error(renderSweepFailure(r));
      if (v.status === 'unexpected-pass') {
        throw new Error(`${k.name}: passed ${r.runs} cases on ${r.adapter.vendor} ${r.adapter.device}, but expectation ${v.index} says it fails (${v.reason}). Fix: remove or narrow that entry of the expectations file.`);
      }
    },
    SWEEP_TIMEOUT_MS,
  );
}
