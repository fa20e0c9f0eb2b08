/**
 * What a CUDA compiler gives the runtime, whichever ran (nvcc or NVRTC): a
 * CUBIN for the device's architecture, and NVRTC's lowered names of the
 * implementation's `entries`.
 */
import type { NativeBuildOptions } from '../native/compile-options.ts';

/** A compiled module image, and the lowered (mangled) name of each name expression NVRTC was given. */
export interface CudaBinary {
  readonly cubin: Uint8Array;
  readonly lowered: ReadonlyMap<string, string>;
}

/** nvcc or NVRTC, as the runtime uses it. */
export interface CudaCompiler {
  readonly name: 'nvcc' | 'nvrtc';
  /** As the sweep's device description names it: `NVRTC 13.0`, `nvcc 13.0`. */
  readonly description: string;
  /** Compiles `code` for `arch` (`sm_90`) with the implementation's flags; throws NativeCompileError with the log. */
  compile(label: string, code: string, arch: string, impl: NativeBuildOptions): CudaBinary;
}
