/**
 * The backends a kernel can be swept on, by name: each a folder under
 * backends/ whose module exports a Backend, loaded on first use (a run that
 * never asks for CUDA never loads its bindings). Which backends exist, which a
 * run selects or requires, and which a kernel implements are decided here.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectBackendModules } from '../core/settings/project-config.ts';
import type { Backend } from './backend.ts';
import type { DeviceInfo } from '../model/device.ts';
import { implementationOf, type KernelImplementations } from './implementations.ts';

/** Loads a backend's module and returns its Backend. */
export type BackendLoader = () => Promise<Backend>;

/** Every backend by name, in the order sweeps are registered. */
const LOADERS = new Map<string, BackendLoader>([
  ['wgsl', async () => (await import('./wgsl/backend.ts')).wgslBackend],
  ['cuda', async () => (await import('./cuda/backend.ts')).cudaBackend],
  ['cpp', async () => (await import('./cpp/backend.ts')).cppBackend],
]);

/** A backend's name, as `--backend` takes it. */
export type BackendName = string;

/** The backend whose sweeps keep the kernel's bare name (`im2col`, not `im2col [wgsl]`): the first registered. */
export const DEFAULT_BACKEND: BackendName = 'wgsl';

const loaded = new Map<string, Promise<Backend>>();

/** The TWINPATH_BACKENDS value whose backends are registered (the variable can change between runs of one process). */
let registeredFrom: string | undefined;

/**
 * Registers the backends twinpath.config.ts `backends` adds (handed over as TWINPATH_BACKENDS), so the command line
 * and every test worker know them: `--backend echo` and the replay lines of its sweeps work like a built-in one's.
 */
function registerProjectBackends(): void {
  const spec = process.env.TWINPATH_BACKENDS;
  if (!spec || spec === registeredFrom) return;
  registeredFrom = spec;
  for (const [name, path] of Object.entries(projectBackendModules()))
    if (!LOADERS.has(name)) LOADERS.set(name, () => importBackend(name, path));
}

/**
 * The Backend the module at `path` (relative to the project root) exports as `backend` or default. Rejects:
 * `twinpath.config backends.echo: echo.ts exports no Backend named echo as \`backend\` or default. Fix: …`.
 */
async function importBackend(name: string, path: string): Promise<Backend> {
  const mod = (await import(pathToFileURL(resolve(path)).href)) as { backend?: Backend; default?: Backend };
  const b = mod.backend ?? mod.default;
  if (b?.name !== name || typeof b.compile !== 'function')
    throw new Error(
      `twinpath.config backends.${name}: ${path} exports no Backend named ${name} as \`backend\` or default. ` +
        `Fix: export const backend: Backend = { name: '${name}', … }`,
    );
  return b;
}

/**
 * Adds a backend: `name` as `--backend` takes it, `loader` importing its module on first use. A kernel implements
 * it through `implementations[name]`. Throws `twinpath: backend "cpp" is already registered` for a name in use.
 */
export function registerBackend(name: BackendName, loader: BackendLoader): void {
  if (LOADERS.has(name)) throw new Error(`twinpath: backend ${JSON.stringify(name)} is already registered`);
  LOADERS.set(name, loader);
}

/** Every registered backend name, in registration order. */
export function backendNames(): readonly BackendName[] {
  registerProjectBackends();
  return [...LOADERS.keys()];
}

/**
 * The backend `name`, its module loaded once per process. Throws naming the choices:
 * `twinpath: unknown backend "metal"; backends are wgsl, cuda, cpp`.
 */
export function loadBackend(name: BackendName): Promise<Backend> {
  registerProjectBackends();
  let b = loaded.get(name);
  if (!b) {
    const loader = LOADERS.get(name);
    if (!loader) throw unknownBackend(name);
    b = loader();
    loaded.set(name, b);
  }
  return b;
}

function unknownBackend(name: string): Error {
  return new Error(`twinpath: unknown backend ${JSON.stringify(name)}; backends are ${backendNames().join(', ')}`);
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
  registerProjectBackends();
  for (const n of names) if (!LOADERS.has(n)) throw unknownBackend(n);
  return names;
}

/** The backends a kernel has an implementation for (see implementationOf), in registration order. */
export function kernelBackends<I>(k: KernelImplementations<I>): BackendName[] {
  return backendNames().filter((b) => implementationOf(k, b) !== undefined);
}

/**
 * The backends of `among` that at least one kernel implements, each kernel given by its kernelBackends: those whose
 * device a run or bench names, in `among` order.
 */
export function implementedBackends(
  kernels: readonly (readonly BackendName[])[],
  among: readonly BackendName[],
): BackendName[] {
  return among.filter((b) => kernels.some((implemented) => implemented.includes(b)));
}

/** The backends a run sweeps (TWINPATH_BACKEND, `--backend`), default every registered one. */
export function selectedBackends(env: NodeJS.ProcessEnv = process.env): readonly BackendName[] {
  return env.TWINPATH_BACKEND ? parseBackends(env.TWINPATH_BACKEND) : backendNames();
}

/**
 * The backends a run requires (TWINPATH_REQUIRE_BACKEND, `--require-backend`): missing, they fail the run before
 * any case.
 */
export function requiredBackends(env: NodeJS.ProcessEnv = process.env): readonly BackendName[] {
  return env.TWINPATH_REQUIRE_BACKEND ? parseBackends(env.TWINPATH_REQUIRE_BACKEND) : [];
}

/**
 * The backend `name` for a sweep about to start, with where it runs; or why it cannot run here (its probe's
 * reason, or why it was lost since).
 */
export async function probeBackend(name: BackendName): Promise<
  | {
      readonly backend: Backend;
      readonly device: DeviceInfo;
      readonly timingSource: string;
      readonly unsupported?: string;
    }
  | { readonly unavailable: string }
> {
  const backend = await loadBackend(name);
  const p = await backend.probe();
  if ('unavailable' in p) return p;
  return backend.lost ? { unavailable: backend.lost } : { backend, ...p };
}

/** A sweep asked for a backend that cannot run here; the message says what was looked for. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}
