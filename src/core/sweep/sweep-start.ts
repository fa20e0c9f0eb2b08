/**
 * A sweep's first steps, before any case: its settings settled, its backend
 * found, the kernel's implementation compiled there. A sweep that ends here
 * (no implementation for the backend, the backend unavailable, a requirement
 * the device lacks, a source that does not compile) ends with no case run,
 * and never as a pass.
 */
import { NO_DEVICE, type DeviceInfo } from '../../model/device.ts';
import { DEFAULT_BACKEND, kernelBackends, probeBackend, type BackendName } from '../../backends/registry.ts';
import type { Backend } from '../../backends/backend.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { implementationOf } from '../../backends/implementations.ts';
import { runConfig } from '../settings/settings.ts';
import { compileOn } from './device-half.ts';
import type { StageClock } from './stage-clock.ts';
import { startThreadsFor } from '../judge/judge-pool.ts';
import type { SweepOptions, SweepResult } from './sweep-result.ts';

/** A sweep's settings: options, then TWINPATH_RUNS / TWINPATH_SEED / TWINPATH_PATH, then the kernel's own `runs`. */
export interface SweepSettings {
  readonly seed: number;
  /** A fast-check path: the sweep runs exactly the case it names. */
  readonly path?: string | undefined;
  readonly numRuns: number;
  readonly backend: BackendName;
}

/**
 * Settles a sweep's settings (runs default 100). Throws for runs that are no positive whole number:
 * `blur: runs must be a positive whole number of cases, not 0: a sweep of no case tests nothing`.
 */
export function sweepSettings<I>(k: Kernel<I>, o: SweepOptions): SweepSettings {
  const env = runConfig();
  const numRuns = o.runs ?? env.runs ?? k.runs ?? 100;
  if (!Number.isInteger(numRuns) || numRuns < 1)
    throw new Error(
      `${k.name}: runs must be a positive whole number of cases, not ${numRuns}: a sweep of no case tests nothing`,
    );
  return {
    seed: o.seed ?? env.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0,
    path: o.path ?? env.path,
    numRuns,
    backend: o.backend ?? DEFAULT_BACKEND,
  };
}

/** A sweep ready for its cases: the backend, where it runs, how it takes kernel time. */
export interface SweepDevice {
  readonly backend: Backend;
  readonly adapter: DeviceInfo;
  readonly timingSource: string;
}

/** The result of a sweep that ran no case, and why. */
function notRun<I>(
  k: Kernel<I>,
  s: SweepSettings,
  adapter: DeviceInfo,
  why: Pick<SweepResult, 'unavailable' | 'unsupported' | 'compileError'>,
): SweepResult {
  return {
    kernel: k.name,
    backend: s.backend,
    adapter,
    seed: s.seed,
    pass: false,
    runs: 0,
    outcomes: {},
    worst: [],
    cases: [],
    timing: { source: 'not run' },
    ...why,
    ms: 0,
    oracleMs: 0,
    gpuMs: 0,
  };
}

/**
 * Finds the sweep's backend and compiles the kernel's implementation there, the time of each on `clock` (its probe
 * and compile stages); or the result of a sweep that ends
 * before its first case: `unsupported` when the kernel has no implementation for the backend
 * (`blur [cuda]: the kernel has no cuda implementation (it implements wgsl)`) or the device lacks what it
 * requires, `unavailable` when the backend cannot run here, `compileError` with the compiler's log.
 * Rejects with NoAdapterError when the WGSL backend finds no adapter (or a software one under
 * TWINPATH_REQUIRE_GPU=hardware).
 */
export async function sweepDevice<I>(
  k: Kernel<I>,
  s: SweepSettings,
  clock: StageClock,
): Promise<{ readonly ready: SweepDevice } | { readonly ended: SweepResult }> {
  if (implementationOf(k, s.backend) === undefined) {
    const has = kernelBackends(k).join(', ') || 'none of the registered backends';
    const reason = `the kernel has no ${s.backend} implementation (it implements ${has})`;
    return { ended: notRun(k, s, NO_DEVICE, { unsupported: { reason } }) };
  }
  // The judge threads import the kernel's module meanwhile (where they are worth it), ready for its first batches.
  startThreadsFor(k);
  const p = await clock.time('probe', () => probeBackend(s.backend));
  if ('unavailable' in p) return { ended: notRun(k, s, NO_DEVICE, { unavailable: p.unavailable }) };
  if (p.unsupported) return { ended: notRun(k, s, p.device, { unsupported: { reason: p.unsupported } }) };
  const c = await clock.time('compile', () => compileOn(k, p.backend));
  if ('unsupported' in c) return { ended: notRun(k, s, p.device, { unsupported: { reason: c.unsupported } }) };
  if ('compileError' in c) return { ended: notRun(k, s, p.device, { compileError: c.compileError }) };
  return { ready: { backend: p.backend, adapter: p.device, timingSource: p.timingSource } };
}
