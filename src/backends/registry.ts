/**
 * The backends a kernel can be swept on, by name: `wgsl` (Dawn, the GPU
 * session), and the native ones, each in its own folder and loaded on first
 * use, so a run that never asks for CUDA never loads its bindings.
 */
import type { KernelDefinition } from '../core/kernel/kernel.ts';
import type { NativeBackendName, NativeContext, NativeImplementation } from './native/api.ts';
import type { BackendProbe, NativeBackend } from './native/backend.ts';
import type { DeviceRun } from '../model/output/run.ts';
import { sweepLabel } from '../core/kernel/sweep-label.ts';

/** Every backend name `--backend` accepts, in the order sweeps are registered. */
export const BACKENDS = ['wgsl', 'cuda', 'cpp'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The backend a sweep without one runs on. */
export const DEFAULT_BACKEND: BackendName = 'wgsl';

const probes = new Map<NativeBackendName, Promise<BackendProbe>>();

/** The probe of `name`, once per process. */
function probe(name: NativeBackendName): Promise<BackendProbe> {
  let p = probes.get(name);
  if (!p) {
    p =
      name === 'cuda'
        ? import('./cuda/backend.ts').then((m) => m.probeCuda())
        : import('./cpp/backend.ts').then((m) => m.probeCpp());
    probes.set(name, p);
  }
  return p;
}

/**
 * The native backend `name` for a sweep about to start, probed once per process: its availability is decided
 * once, with the reason; a backend lost since (NativeBackend `lost`) is unavailable from then on, with its reason.
 */
export async function nativeBackend(name: NativeBackendName): Promise<BackendProbe> {
  const p = await probe(name);
  return 'backend' in p && p.backend.lost ? { unavailable: p.backend.lost } : p;
}

/**
 * Parses a `--backend` list (`cuda,cpp`). Throws naming the choices:
 * `twinpath: unknown backend "metal"; backends are wgsl, cuda, cpp`.
 */
export function parseBackends(list: string): BackendName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(BACKENDS as readonly string[]).includes(n))
      throw new Error(`twinpath: unknown backend ${JSON.stringify(n)}; backends are ${BACKENDS.join(', ')}`);
  return names as BackendName[];
}

/** A sweep asked for a backend that cannot run here; the message says what was looked for. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/**
 * The native backend `name` for cases of a sweep under way (a backend lost during the sweep answers its cases
 * itself); rejects with BackendUnavailableError (its reason) when it cannot run here.
 */
export async function requireNativeBackend(name: NativeBackendName): Promise<NativeBackend> {
  const p = await probe(name);
  if ('unavailable' in p) throw new BackendUnavailableError(p.unavailable);
  return p.backend;
}

/** The backends a kernel has implementations for, in registration order. */
export function implementedBackends(k: { readonly cuda?: unknown; readonly cpp?: unknown }): BackendName[] {
  return BACKENDS.filter((b) => b === 'wgsl' || k[b] !== undefined);
}

/** The backends a run sweeps (TWINPATH_BACKEND, `--backend`), default every one a kernel implements. */
export function selectedBackends(env: NodeJS.ProcessEnv = process.env): readonly BackendName[] {
  return env.TWINPATH_BACKEND ? parseBackends(env.TWINPATH_BACKEND) : BACKENDS;
}

/**
 * The backends a run requires (TWINPATH_REQUIRE_BACKEND, `--require-backend` ): missing, they fail the run before any
 * case.
 */
export function requiredBackends(env: NodeJS.ProcessEnv = process.env): readonly BackendName[] {
  return env.TWINPATH_REQUIRE_BACKEND ? parseBackends(env.TWINPATH_REQUIRE_BACKEND) : [];
}

/**
 * Runs the native halves of `inputs` on backend `name`, one case after
 * another (one result per input), each within `deadlineMs`. Rejects with BackendUnavailableError.
 */
export async function executeNativeCases<I>(
  k: KernelDefinition<I>,
  name: NativeBackendName,
  inputs: readonly I[],
  deadlineMs: number,
): Promise<DeviceRun[]> {
  const backend = await requireNativeBackend(name);
  const impl = k[name] as NativeImplementation<I, NativeContext> | undefined;
  const label = sweepLabel(k.name, name);
  if (!impl) throw new BackendUnavailableError(`${label}: the kernel has no ${name} implementation`);
  const runs: DeviceRun[] = [];
  for (const input of inputs) runs.push(await backend.runCase(label, impl, input, deadlineMs));
  return runs;
}
