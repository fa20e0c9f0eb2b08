/**
 * The vitest face of a sweep: `parityTest(kernel)` registers one test per
 * implementation the kernel has — `parity: <kernel>` for WGSL,
 * `parity: <kernel> [cuda]`, `parity: <kernel> [cpp]` (sweepLabel) — each
 * sweeping it against the same oracle and failing with the shrunk case, its
 * diagnostics and a replay line. The main job (`twinpath run`) and
 * `npm test` both run sweeps through this.
 */
import { relative } from 'node:path';
import { test } from 'vitest';
import { implementedBackends, requiredBackends, selectedBackends, type BackendName } from './backends/registry.ts';
import type { Kernel } from './kernel.ts';
import { sweepLabel } from './sweep-label.ts';
import { mainJobReplay, renderSweepFailure, sweep, type SweepOptions, type SweepResult } from './sweep.ts';
import { loadExpectations, verdict, type SweepVerdict } from './expectations.ts';
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

const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Registers the parity sweep of `k` on each of its backends (or on
 * `options.backend` alone) as a vitest test; backends the run did not select
 * (`--backend`) are registered skipped. On failure the test fails with
 * {@link renderSweepFailure}'s text, unless the expectations file lists the
 * failure; a listed kernel that passes fails as an unexpected pass. A backend
 * that cannot run here skips its test with the reason (`unavailable: …`),
 * and fails it when the run requires the backend (`--require-backend`):
 * `im2col [cuda]: the run requires backend cuda, which is unavailable: CUDA unavailable: libcuda did not load (…)`.
 */
export function parityTest<I>(k: Kernel<I>, options: SweepOptions = {}): void {
  const backends = options.backend ? [options.backend] : implementedBackends(k);
  const selected = selectedBackends();
  for (const backend of backends) registerSweep(k, backend, options, selected.includes(backend));
}

function registerSweep<I>(k: Kernel<I>, backend: BackendName, options: SweepOptions, selected: boolean): void {
  const label = sweepLabel(k.name, backend);
  const name = `parity: ${label}`;
  (selected ? test : test.skip)(
    name,
    async ({ task, skip }) => {
      const file = relative(process.cwd(), task.file.filepath);
      const replay =
        options.replay ??
        (MAIN_JOB_FILE.test(file)
          ? mainJobReplay(k.name, backend)
          : (seed: number, path: string) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' npx vitest run ${file} -t '${regexEscape(name)}'`);
      const r = await sweep(k, { ...options, replay, backend });
      const v = verdict(loadExpectations(), r);
      task.meta.twinpath = r;
      task.meta.twinpathVerdict = v;
      if (v.status === 'unavailable') {
        if (requiredBackends().includes(backend)) throw new Error(`${label}: the run requires backend ${backend}, which is unavailable: ${v.reason}`);
        skip(`unavailable: ${v.reason}`);
      }
      if (v.status === 'unsupported') {
        // A hardware gate fails on it unless the expectations list it; elsewhere it is counted apart (skipped with the reason), never passed.
        if (gpuRequirement() === 'hardware' && !v.expected) {
          throw new Error(`${renderSweepFailure(r)}. Fix: run on an adapter with it, or list the kernel in the expectations file (case "unsupported").`);
        }
        skip(`unsupported: ${v.reason}`);
      }
      if (v.status === 'fail') throw new Error(renderSweepFailure(r));
      if (v.status === 'unexpected-pass') {
        throw new Error(`${label}: passed ${r.runs} cases on ${r.adapter.vendor} ${r.adapter.device}, but expectation ${v.index} says it fails (${v.reason}). Fix: remove or narrow that entry of the expectations file.`);
      }
    },
    SWEEP_TIMEOUT_MS,
  );
}
