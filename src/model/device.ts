/**
 * The device a sweep ran on, whatever the backend: a GPU adapter, a CUDA
 * device, or the CPU and compiler of the C++ backend. Results, merged runs
 * and expectations record it.
 */

/** What every run records about the device it ran on (for WGSL, the adapter). */
export interface DeviceInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A CPU implementation (lavapipe/llvmpipe, SwiftShader, WARP) rather than a GPU. */
  readonly software: boolean;
  /** The dawn.node flags the adapter was chosen with (`adapter=…`, `backend=…`). */
  readonly flags: readonly string[];
}

/** `mesa llvmpipe-llvm-15-0-6-256-bits- [software] — llvmpipe: Mesa 25.0.7…`: the adapter line of every run. */
export function adapterLine(a: DeviceInfo): string {
  const arch = a.architecture && a.architecture !== 'software' ? ` (${a.architecture})` : '';
  return `${a.vendor || '?'} ${a.device || '?'}${arch} [${a.software ? 'software' : 'hardware'}] — ${a.description || 'no description'}`;
}

/** What a sweep records as its device when it reached none (its backend unavailable, or not implemented). */
export const NO_DEVICE: DeviceInfo = {
  vendor: '',
  architecture: '',
  device: 'unavailable',
  description: '',
  software: false,
  flags: [],
};

/** Whether a sweep's device is one it reached (not NO_DEVICE). */
export function reachedDevice(d: DeviceInfo): boolean {
  return d.device !== NO_DEVICE.device || d.vendor !== NO_DEVICE.vendor;
}
