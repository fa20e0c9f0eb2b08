/**
 * What a kernel definition carries for each backend, typed by the backend that runs it — WGSL's source, gpu
 * function, modules and device requirements; the CUDA and C++ native implementations; implementations for
 * registered backends — and how a backend finds its own in a kernel. core/kernel's KernelDefinition extends
 * these fields, so the backends see a kernel without importing core.
 */
import type { DeviceRequirements, GpuContext, GpuOutputs } from './wgsl/gpu-context.ts';
import type { WgslSource } from '../wgsl/source.ts';
import type { CppContext, CudaContext, NativeImplementation } from './native/api.ts';

/** The implementation fields of a kernel definition; a kernel has at least one (defineKernel checks). */
export interface KernelImplementations<I> {
  /** The WGSL implementation's source (with `gpu`, which runs it): swept as `im2col [wgsl]`. */
  readonly wgsl?: WgslSource;
  /** The WGSL path (with `wgsl`), through the harness's small context; returns the case's output, or its outputs by name. */
  readonly gpu?: (g: GpuContext, input: I) => GpuOutputs | Promise<GpuOutputs>;
  /**
   * A CUDA implementation (NVRTC, launched through the driver API), swept
   * against the same oracle as `im2col [cuda]`, its outputs named as the oracle names them.
   */
  readonly cuda?: NativeImplementation<I, CudaContext>;
  /** A C++ implementation (the system compiler, called through koffi), swept as `im2col [cpp]`; outputs as `cuda`'s. */
  readonly cpp?: NativeImplementation<I, CppContext>;
  /** Implementations for backends registered beyond the built-in ones (registerBackend), by backend name. */
  readonly implementations?: Readonly<Record<string, unknown>>;
  /** Further WGSL modules by name, for dispatches that say `{ module: name }`. */
  readonly modules?: Readonly<Record<string, WgslSource>>;
  /**
   * Device features and limits the kernel needs, requested when its device is
   * created; on an adapter without them the sweep is `unsupported`.
   */
  readonly requires?: DeviceRequirements;
}

/** A kernel as a backend sees it: its name (for messages) and its implementations. */
export interface BackendKernel<I> extends KernelImplementations<I> {
  readonly name: string;
}

/** The kernel fields that hold the built-in backends' implementations, each named as its backend. */
const IMPLEMENTATION_FIELDS = ['wgsl', 'cuda', 'cpp'] as const;

/**
 * The kernel's implementation for the backend `backend`: the top-level field of that name for the built-in
 * ones (`wgsl`, `cuda`, `cpp`), else `implementations[backend]`; undefined when it has none.
 */
export function implementationOf<I>(k: KernelImplementations<I>, backend: string): unknown {
  const field = IMPLEMENTATION_FIELDS.find((f) => f === backend);
  return field ? k[field] : k.implementations?.[backend];
}

/** Whether the kernel has an implementation for at least one backend, built-in or registered. */
export function hasImplementation<I>(k: KernelImplementations<I>): boolean {
  const registered = Object.values(k.implementations ?? {}).some((v) => v !== undefined);
  return registered || IMPLEMENTATION_FIELDS.some((f) => k[f] !== undefined);
}
