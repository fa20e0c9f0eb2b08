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

declare module 'vitest' {
  interface TaskMeta {
    /** The sweep's result, for the twinpath reporter. */
    twinpath?: SweepResult;
  }
}

/** Test files the main job runs; failures elsewhere replay through vitest. */
const MAIN_JOB_FILE = /^cases\/[^/]+\.test\.ts$/;

/** Generous: a sweep on a 2-core software adapter, shrinking included. */
const SWEEP_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * Registers the parity sweep of `k` as a vitest test. On failure the test
 * fails with {@link renderSweepFailure}'s text.
 */
export function parityTest<I>(k: Kernel<I>, options: SweepOptions = {}): void {
  const name = `parity: ${k.name}`;
  test(
    name,
    async ({ task }) => {
      const file = relative(process.cwd(), task.file.filepath);
      const replay =
        options.replay ??
        (MAIN_JOB_FILE.test(file) ? mainJobReplay(k.name) : (seed: number, path: string) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' npx vitest run ${file} -t '${name}'`);
      const r = await sweep(k, { ...options, replay });
      task.meta.twinpath = r;
      if (!r.pass) throw new Error(renderSweepFailure(r));
    },
    SWEEP_TIMEOUT_MS,
  );
}
