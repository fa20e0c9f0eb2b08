/**
 * What a kernel's native implementation works through — the native mirror of
 * GpuContext. Surfaces live in native memory (host memory for C++, device
 * memory for CUDA) between guard bands; structs are packed under C rules.
 *
 * Typed buffers too: a read-only input of a typed array, and typed element
 * outputs, each between guard bands, judged exactly as the WGSL side's.
 *
 * Argument passing: a surface or a buffer is a pointer to its first byte
 * (`uint8_t*`, `const float*`, `uint32_t*`…); a struct is passed by value to
 * a CUDA kernel and by `const T*` to a C++ entry point; scalars by value.
 */
import type { OutputOptions } from '../../model/output/spec.ts';
import type { ElementOutputOptions } from '../../model/output/element-output.ts';
import type { ElementTypeName } from '../../model/elements/element-types.ts';
import type { LayoutValue } from '../../model/layout/codec.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import type { TextureDesc } from '../../model/surface/desc.ts';
import type { Surface } from '../../model/surface/surface.ts';
import type { NativeBuildOptions } from './compile-options.ts';

/** The native backends: names as `--backend` takes them. */
export type NativeBackendName = 'cuda' | 'cpp';

/** A surface in native memory: its pointer is what the kernel receives. */
export interface NativeSurfaceArg {
  readonly kind: 'surface';
  /** Index of the case's allocation. */
  readonly allocation: number;
  readonly desc: TextureDesc;
  readonly label: string;
}

/** An output surface of the case, its name, and the levels whose texels the kernel owns. */
export interface NativeOutputArg extends NativeSurfaceArg {
  readonly output: string;
  readonly ownedLevels: readonly number[];
}

/** A typed read-only input buffer in native memory: its pointer is what the kernel receives. */
export interface NativeBufferArg {
  readonly kind: 'buffer';
  /** Index of the case's allocation. */
  readonly allocation: number;
  readonly label: string;
}

/** A typed element output of the case in native memory (row-major `shape`, the last dimension fastest). */
export interface NativeOutputBufferArg extends NativeBufferArg {
  readonly output: string;
  readonly element: ElementTypeName;
  readonly shape: readonly number[];
}

/** What a native `run` may return as an output: a surface or a typed element buffer. */
export type NativeOutputHandle = NativeOutputArg | NativeOutputBufferArg;

/** What a native `run` returns: its one output, or its outputs by name (the names the oracle's record uses). */
export type NativeOutputs = NativeOutputHandle | Readonly<Record<string, NativeOutputHandle>>;

export type NativeArg =
  | NativeSurfaceArg
  | NativeBufferArg
  | { readonly kind: 'struct'; readonly decl: StructDecl; readonly bytes: Uint8Array; readonly label: string }
  | { readonly kind: 'scalar'; readonly type: 'u32' | 'i32' | 'f32'; readonly value: number; readonly label: string };

/** What both native contexts offer. */
export interface NativeContext {
  readonly backend: NativeBackendName;
  /**
   * Uploads a surface to read from; bytes outside its texels and both guard bands hold a canary, and must be unchanged
   * afterwards.
   */
  surface(s: Surface): NativeSurfaceArg;
  /** An output surface of the case (named by `options.name`, default `out`), canary-filled between guard bands. */
  output(desc: TextureDesc, options?: OutputOptions): NativeOutputArg;
  /**
   * A read-only buffer of typed data between guard bands (NaN poison for f32/f64 data, else a canary); checked
   * unchanged after the case, a changed byte located by element (`input buffer 1 changed at element 3 …`).
   */
  buffer(data: ArrayBufferView, options?: { readonly label?: string }): NativeBufferArg;
  /**
   * A typed element output between guard bands, zero-filled unless `init`: compared element by element, a write past
   * its end caught in the guard band as the case's canary failure.
   */
  outputBuffer(options: ElementOutputOptions): NativeOutputBufferArg;
  /**
   * Device (CUDA) or host (C++) memory for intermediate results between the case's launches or calls, `bytes` long
   * and canary-filled between guard bands: neither judged nor checked as an input, but a write past either end is the
   * case's canary failure (`blur [cuda]: the guard band after scratch 1 was written`).
   */
  scratch(bytes: number, options?: { readonly label?: string }): NativeBufferArg;
  /**
   * Sets a module global by name before the case's launches or calls: a CUDA `__constant__` or `__device__` variable
   * (what cudaMemcpyToSymbol sets), or an `extern "C"` global of the C++ source. The value stays until set again.
   * Throws SetupError naming both sizes when they differ (`blur [cuda]: global weights is 36 bytes, the data 32`),
   * or naming what the module has when it has no such global.
   */
  global(name: string, data: ArrayBufferView): void;
  /** The TextureDesc as prgpu's C struct (src/lib/texture.h). */
  desc(d: TextureDesc): NativeArg;
  /** A struct packed under C rules; it must be one of the implementation's `structs` (so its C layout is checked). */
  struct(decl: StructDecl, value: { readonly [name: string]: LayoutValue }): NativeArg;
  u32(v: number): NativeArg;
  i32(v: number): NativeArg;
  f32(v: number): NativeArg;
}

export interface LaunchShape {
  readonly grid: readonly [number, number?, number?];
  readonly block: readonly [number, number?, number?];
  readonly sharedBytes?: number;
}

/**
 * The CUDA context: kernels are `__global__` functions launched with grid and block, named as written — an
 * `extern "C"` name, or a template instantiation `reduce<int, 256, true>` (listed in the implementation's `entries`).
 */
export interface CudaContext extends NativeContext {
  readonly backend: 'cuda';
  /**
   * Queues a launch of `entry` (timed with CUDA events); arguments in the kernel's parameter order. Grid, block and
   * `sharedBytes` are checked against the device's limits first (a SetupError naming the limit); dynamic shared
   * memory above 48 KB is opted into for the function.
   */
  launch(entry: string, args: readonly NativeArg[], shape: LaunchShape): void;
}

/** The C++ context: kernels are `extern "C"` functions called with pointers and sizes. */
export interface CppContext extends NativeContext {
  readonly backend: 'cpp';
  /**
   * Calls `entry`, arguments in its parameter order: the case's calls are made in order, in the C++ runner process,
   * once its native function returns (wall time taken, under the case deadline).
   */
  call(entry: string, args: readonly NativeArg[]): void;
}

/** One native implementation of a kernel. */
export interface NativeImplementation<I, C extends NativeContext> extends NativeBuildOptions {
  /**
   * The C structs its arguments carry: each is checked against its TS declaration (C rules) when the source compiles.
   */
  readonly structs?: readonly StructDecl[];
  /** The case's native half; returns its output, or its outputs by name (as a WGSL gpu function does). */
  readonly run: (c: C, input: I) => NativeOutputs | Promise<NativeOutputs>;
}
