/**
 * A case's device half on any backend: the kernel's implementation compiled
 * once per process and backend (before the first case), then a batch of
 * cases run on it, one DeviceRun per case.
 */
import type { Backend, CompileOutcome } from '../../backends/backend.ts';
import { BackendUnavailableError, kernelBackends, loadBackend, type BackendName } from '../../backends/registry.ts';
import { sweepLabel } from '../kernel/sweep-label.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import { emitSweepProgress } from './progress-listeners.ts';

/** Compile outcomes per kernel, by backend: a kernel is compiled once on each backend. */
const compiled = new WeakMap<object, Map<string, Promise<CompileOutcome<unknown>>>>();

/** The kernel's implementation compiled on `backend` (once per process and backend; rejects with what compile threw). */
export function compileOn<I>(k: Kernel<I>, backend: Backend): Promise<CompileOutcome<I>> {
  const byBackend = compiled.get(k) ?? new Map<string, Promise<CompileOutcome<unknown>>>();
  compiled.set(k, byBackend);
  let c = byBackend.get(backend.name);
  if (!c) {
    c = backend.compile(k, sweepLabel(k.name, backend.name)) as Promise<CompileOutcome<unknown>>;
    byBackend.set(backend.name, c);
    // A compile that threw (no adapter, say) is not an outcome: the next sweep tries again.
    c.catch(() => byBackend.delete(backend.name));
  }
  return c as Promise<CompileOutcome<I>>;
}

/**
 * Runs the device halves of `inputs` on backend `name`, one DeviceRun per input, each within `deadlineMs`; a
 * source that does not compile is every case's `compile-error`. Rejects with BackendUnavailableError when the
 * kernel has no implementation for the backend (`blur [cpp]: the kernel has no cpp implementation (it implements
 * wgsl)`), the backend cannot run here, or this device lacks what the kernel requires (`needs_f16: needs device feature
 * shader-f16, which llvmpipe does not offer`).
 */
export async function deviceHalf<I>(
  k: Kernel<I>,
  inputs: readonly I[],
  deadlineMs: number,
  name: BackendName,
): Promise<DeviceRun[]> {
  const backend = await loadBackend(name);
  if (backend.implementationOf(k) === undefined)
    throw new BackendUnavailableError(
      `${sweepLabel(k.name, name)}: the kernel has no ${name} implementation (it implements ${kernelBackends(k).join(', ')})`,
    );
  const p = await backend.probe();
  if ('unavailable' in p) throw new BackendUnavailableError(p.unavailable);
  const c = await compileOn(k, backend);
  if ('unsupported' in c) throw new BackendUnavailableError(c.unsupported);
  if ('compileError' in c) return inputs.map(() => ({ outcome: 'compile-error', error: c.compileError }));
  // The device work proper (compiling is not under the deadline): a watchdog outside the process may end it.
  emitSweepProgress({ kind: 'device-start', deadlineMs, cases: inputs.length });
  try {
    return await backend.run(c.compiled, inputs, deadlineMs);
  } finally {
    emitSweepProgress({ kind: 'device-end' });
  }
}
