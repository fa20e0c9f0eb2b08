/**
 * What a case's GPU half hands to the judge, whatever the backend: named
 * outputs, each a surface (a mip chain in a byte-addressed buffer) or typed
 * elements (a buffer or a texture read back), with the bytes the GPU left.
 * Plain data, structured-clonable: judging runs on worker threads too.
 */
import type { TextureDesc } from '../surface/desc.ts';

/** Element types of buffer and texture outputs; `unorm8`/`unorm16` are codes of normalized channels. */
export type ElementType = 'f32' | 'f16' | 'u32' | 'i32' | 'unorm8' | 'unorm16';

export const ELEMENT_BYTES: Readonly<Record<ElementType, number>> = { f32: 4, f16: 2, u32: 4, i32: 4, unorm8: 1, unorm16: 2 };

/** The name of a case's output when its kernel has one and does not name it. */
export const DEFAULT_OUTPUT = 'out';

/** Where the guard band of a buffer lies relative to the binding the kernel sees. */
export type Protection =
  /** Inside the binding (the binding spans data + guard band): a stray write lands in the guard and fails the canary. */
  | 'guard-inside'
  /**
   * Beyond the binding, which covers exactly the data because the kernel sizes itself from it (arrayLength,
   * textureDimensions): robust buffer access drops writes past the binding (measured on lavapipe and the H200,
   * also with Dawn's disable_robustness), so the guard sees none; the comparison still sees every element.
   */
  | 'guard-beyond'
  /** A texture: exactly its texels, nothing around it (out-of-range texel writes are dropped by the API). */
  | 'texture';

/** A surface output: the chain and guard band, canary outside the owned levels' texels. */
export interface SurfaceOutputSpec {
  readonly kind: 'surface';
  readonly name: string;
  readonly desc: TextureDesc;
  readonly ownedLevels: readonly number[];
}

/** A typed element output: `shape` elements (row-major, the last dimension fastest), then `guardBytes` of canary. */
export interface ElementOutputSpec {
  readonly kind: 'elements';
  readonly name: string;
  readonly element: ElementType;
  /** `[n]`, `[h, w]` or `[h, w, c]` (c <= 4: channels), `[d, h, w, c]` for 3D / array textures. */
  readonly shape: readonly number[];
  readonly guardBytes: number;
  /** The texture format when read back from a texture. */
  readonly textureFormat?: string;
  /** Channel order in memory, logical rgba index per memory slot (bgra8unorm: [2, 1, 0, 3]). */
  readonly swizzle?: readonly number[];
}

export type OutputSpec = SurfaceOutputSpec | ElementOutputSpec;

/** One output's bytes as read back, beside its spec. */
export interface ProducedOutput {
  readonly spec: OutputSpec;
  readonly bytes: Uint8Array;
}

/** Elements in a shape. */
export function shapeCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Bytes of the data of an element output (before its guard band). */
export function elementDataBytes(spec: Pick<ElementOutputSpec, 'element' | 'shape'>): number {
  return shapeCount(spec.shape) * ELEMENT_BYTES[spec.element];
}

/** The element layout of the texture formats twinpath reads back: element type, channels, memory order. */
export interface TexelLayout {
  readonly element: ElementType;
  readonly channels: number;
  readonly swizzle?: readonly number[];
}

const TEXEL_LAYOUTS: Readonly<Record<string, TexelLayout>> = {
  rgba8unorm: { element: 'unorm8', channels: 4 },
  'rgba8unorm-srgb': { element: 'unorm8', channels: 4 },
  bgra8unorm: { element: 'unorm8', channels: 4, swizzle: [2, 1, 0, 3] },
  'bgra8unorm-srgb': { element: 'unorm8', channels: 4, swizzle: [2, 1, 0, 3] },
  r8unorm: { element: 'unorm8', channels: 1 },
  rg8unorm: { element: 'unorm8', channels: 2 },
  rgba16unorm: { element: 'unorm16', channels: 4 },
  r16float: { element: 'f16', channels: 1 },
  rg16float: { element: 'f16', channels: 2 },
  rgba16float: { element: 'f16', channels: 4 },
  r32float: { element: 'f32', channels: 1 },
  rg32float: { element: 'f32', channels: 2 },
  rgba32float: { element: 'f32', channels: 4 },
  r32uint: { element: 'u32', channels: 1 },
  rg32uint: { element: 'u32', channels: 2 },
  rgba32uint: { element: 'u32', channels: 4 },
  r32sint: { element: 'i32', channels: 1 },
  rg32sint: { element: 'i32', channels: 2 },
  rgba32sint: { element: 'i32', channels: 4 },
};

/** The element layout of a texture format, or undefined when twinpath cannot read it back as elements. */
export function texelLayout(format: string): TexelLayout | undefined {
  return TEXEL_LAYOUTS[format];
}

/** Texture formats twinpath reads back, for error messages. */
export const READABLE_TEXTURE_FORMATS: readonly string[] = Object.keys(TEXEL_LAYOUTS);
