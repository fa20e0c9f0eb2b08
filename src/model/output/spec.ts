/**
 * What a case's GPU half hands to the judge, whatever the backend: named
 * outputs, each a surface (a mip chain in a byte-addressed buffer) or typed
 * elements (a buffer or a texture read back), with the bytes the GPU left.
 * Plain data, structured-clonable: judging runs on worker threads too.
 */
import { ELEMENT_TYPES, type ElementTypeName } from '../elements/element-types.ts';
import type { ElementShape } from '../elements/shape.ts';
import type { TextureDesc } from '../surface/desc.ts';
import type { Surface } from '../surface/surface.ts';

/** The name of a case's output when its kernel has one and does not name it. */
export const DEFAULT_OUTPUT = 'out';

/** Where the guard band of a buffer lies relative to the binding the kernel sees. */
export type Protection =
  /**
   * Inside the binding (the binding spans data + guard band): a stray write lands in the guard and fails the canary,
   * a stray read reads poison or canary. Where the kernel sizes itself with `arrayLength(&x)`, the binding spans the
   * data and the guard band's whole elements of x, and the WGSL as compiled has arrayLength exclude them
   * (src/wgsl/array-length.ts), so the kernel still sees the data's length.
   */
  | 'guard-inside'
  /**
   * Beyond the binding, which covers exactly the data: the kernel sizes itself with arrayLength and one element of
   * its array is larger than the guard band. Robust buffer access drops writes past the binding (measured on
   * lavapipe and the H200, also with Dawn's disable_robustness), so the guard sees none; every element is compared.
   */
  | 'guard-beyond'
  /** A texture: exactly its texels, nothing around it (out-of-range texel writes are dropped by the API). */
  | 'texture'
  /** Native memory (C++, CUDA): guard bands before and after the data, and no robust access to drop a stray write. */
  | 'guard-band';

/** What each protection means for a stray write, in one sentence each (the report and docs say the same). */
export const PROTECTION_MEANING: Readonly<Record<Protection, string>> = {
  'guard-inside':
    'the binding spans the data and a 256-byte guard band (where the kernel sizes itself with arrayLength, the ' +
    "guard band's whole elements, which its arrayLength excludes): a read past the data reads poison or canary, " +
    "and a write lands in the guard band and fails the case (an output's canary, an input's check)",
  'guard-beyond':
    'the binding covers exactly the data (the kernel sizes itself with arrayLength and an element is larger than ' +
    'the 256-byte guard band): the guard band lies beyond it, where robust buffer access drops a write past the ' +
    'end, so the canary cannot see one; every element is compared',
  texture: 'a texture: exactly its texels; the API drops writes outside them, so there is nothing to guard',
  'guard-band':
    'native memory: a 256-byte guard band before the data and one after it, and nothing drops a stray write, so a ' +
    "write past either end lands in a guard band and fails the case (an output's canary, an input's check)",
};

/** Why a binding has no protection entry: it is not a guarded buffer or an output texture. */
export const UNGUARDED_MEANING =
  'bindings not listed (uniforms, samplers, sampled textures) have no guard band; every input is also checked ' +
  'unchanged after the case, and float inputs pad with NaN poison so a stray read shows in the output';

/** A surface output: the chain and guard band, canary outside the owned levels' texels. */
export interface SurfaceOutputSpec {
  readonly kind: 'surface';
  readonly name: string;
  readonly desc: TextureDesc;
  readonly ownedLevels: readonly number[];
}

/** A typed element output in a buffer: `shape` elements (row-major, the last dimension fastest), then `guardBytes` of canary. */
export interface ElementOutputSpec {
  readonly kind: 'elements';
  readonly name: string;
  readonly element: ElementTypeName;
  /** `[n]`, `[h, w]` or `[h, w, c]`: locations read (x, y) and channel. */
  readonly shape: readonly number[];
  /** The last dimension's names in memory order, where the kernel gave them (ElementOutputOptions.channels). */
  readonly channels?: readonly string[];
  readonly guardBytes: number;
}

/** A texture level read back by the harness (rows unpadded), compared texel channel by channel in memory order. */
export interface TextureOutputSpec {
  readonly kind: 'texture';
  readonly name: string;
  readonly format: string;
  readonly width: number;
  readonly height: number;
  /** Array layers or depth slices of the level. */
  readonly images: number;
  /** The mip level read back (default 0). */
  readonly level?: number;
  /** Set for a 3D texture: its images are depth slices, not array layers. */
  readonly volume?: boolean;
}

export type OutputSpec = SurfaceOutputSpec | ElementOutputSpec | TextureOutputSpec;

/** One output's bytes as read back, beside its spec. */
export interface ProducedOutput {
  readonly spec: OutputSpec;
  readonly bytes: Uint8Array;
}

/** An element output's shape as comparisons read it: its extents, with its channels' names where it gave them. */
export function outputShape(spec: Pick<ElementOutputSpec, 'shape' | 'channels'>): ElementShape {
  return spec.channels ? { dims: spec.shape, channels: spec.channels } : { dims: spec.shape };
}

/** Elements in a shape. */
export function shapeCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Bytes of the data of an element output (before its guard band). */
export function elementDataBytes(spec: Pick<ElementOutputSpec, 'element' | 'shape'>): number {
  return shapeCount(spec.shape) * ELEMENT_TYPES[spec.element].bytes;
}

/** The options of a surface output, on every backend. */
export interface OutputOptions {
  /** The output's name (default `out`); a record returned by the gpu function names its outputs by key instead. */
  readonly name?: string;
  /** Levels whose texels the kernel writes (compared); every other byte must keep its canary. Default: all. */
  readonly owns?: readonly number[];
  /** Copy these levels' texels from a surface before the kernel runs (in-place kernels such as generate_mips). */
  readonly init?: { readonly from: Surface; readonly levels: readonly number[] };
}
