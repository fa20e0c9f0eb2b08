/**
 * Which implementations a kernel has, by backend name: what `twinpath run
 * --list` shows and `twinpath bench` times. One function, so that the day a
 * kernel's WGSL becomes optional only it changes.
 */
import { BACKENDS, type BackendName } from '../../backends/registry.ts';

/** The parts of a kernel definition that are implementations. */
export interface KernelImplementations {
  readonly wgsl?: unknown;
  readonly gpu?: unknown;
  readonly cuda?: unknown;
  readonly cpp?: unknown;
}

/**
 * The backends `k` implements, in registration order: `wgsl` when it has WGSL and a gpu function, `cuda` and `cpp`
 * when it has those implementations (`['wgsl', 'cpp']`).
 */
export function kernelBackends(k: KernelImplementations): BackendName[] {
  return BACKENDS.filter((b) => (b === 'wgsl' ? k.wgsl !== undefined && k.gpu !== undefined : k[b] !== undefined));
}
