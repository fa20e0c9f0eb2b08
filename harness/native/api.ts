/**
 * What a kernel's native implementation works through — the native mirror of
 * GpuContext. Surfaces live in native memory (host memory for C++, device
 * memory for CUDA) between guard bands; structs are packed under C rules.
 *
 * Argument passing: a surface is a pointer to its first byte (`uint8_t*`);
 * a struct is passed by value to a CUDA kernel and by `const T*` to a C++
 * entry point; scalars by value.
 */
import type { OutputOptions } from '../gpu/context.ts';
import type { LayoutValue } from '../layout/codec.ts';
import type { StructDecl } from '../layout/types.ts';
import type { TextureDesc } from '../surface/desc.ts';
import type { Surface } from '../surface/surface.ts';
import type { NativeSource } from './source.ts';

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

/** The case's output surface, and the levels whose texels the kernel owns. */
export interface NativeOutputArg extends NativeSurfaceArg {
  readonly ownedLevels: readonly number[];
}

export type NativeArg =
  | NativeSurfaceArg
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
  /** The case's output surface, canary-filled between guard bands; exactly one per case. */
  output(desc: TextureDesc, options?: OutputOptions): NativeOutputArg;
  /** The TextureDesc as prgpu's C struct (kernels/lib/texture.h). */
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

/** The CUDA context: kernels are `extern "C" __global__` functions launched with grid and block. */
export interface CudaContext extends NativeContext {
  readonly backend: 'cuda';
  /** Queues a launch of `entry` (timed with CUDA events); arguments in the kernel's parameter order. */
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
export interface NativeImplementation<I, C extends NativeContext> {
  readonly source: NativeSource;
  /**
   * The C structs its arguments carry: each is checked against its TS declaration (C rules) when the source compiles.
   */
  readonly structs?: readonly StructDecl[];
  /** Extra compiler options (NVRTC options, or host compiler flags). */
  readonly options?: readonly string[];
  /** The case's native half; returns its output. */
  readonly run: (c: C, input: I) => NativeOutputArg | Promise<NativeOutputArg>;
}
