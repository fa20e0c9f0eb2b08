/**
 * What a kernel's GPU function works through: the {@link GpuContext} it
 * receives, the bindings and outputs it makes, their options, and the
 * records the harness keeps of a case's inputs and outputs.
 */
import type { LayoutValue, ZeroFill } from '../../model/layout/codec.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import type { TextureDesc } from '../../model/surface/desc.ts';
import type { Surface } from '../../model/surface/surface.ts';
import type { ElementOutputOptions } from '../../model/output/element-output.ts';
import type { OutputOptions } from '../../model/output/spec.ts';
import type { OutputSpec, Protection } from '../../model/output/spec.ts';
import type { ElementTypeName } from '../../model/elements/element-types.ts';
import type { InputUpload } from '../../model/output/run.ts';
import type { WgslSource } from '../../wgsl/source.ts';
import type { BoundsCheck } from '../../wgsl/bounds-check/instrument.ts';

/** A GPU buffer a dispatch can bind, and how. */
export interface BufferBinding {
  readonly kind: 'surface' | 'storage' | 'uniform';
  readonly buffer: GPUBuffer;
  /** Bytes of the buffer in use: data, then any guard band. */
  readonly size: number;
  /** Bytes of data before a guard band: arrayLength, as compiled, counts the elements of these alone. */
  readonly dataBytes?: number;
  readonly label: string;
}

/** A texture view (sampled or storage) or a sampler. */
export interface ResourceBinding {
  readonly kind: 'texture' | 'storage-texture' | 'sampler';
  readonly resource: GPUTextureView | GPUSampler;
  readonly label: string;
}

export type Binding = BufferBinding | ResourceBinding;

/** A surface living in a GPU buffer (chain + guard band, canary or poison where not texels). */
export interface SurfaceBinding extends BufferBinding {
  readonly kind: 'surface';
  readonly desc: TextureDesc;
}

/** A surface output: the buffer read back, and the levels whose texels the kernel owns. */
export interface OutputBinding extends SurfaceBinding {
  readonly output: string;
  readonly ownedLevels: readonly number[];
}

/** A typed element output in a storage buffer (read_write; in place when initialised from an input). */
export interface ElementOutputBinding extends BufferBinding {
  readonly kind: 'storage';
  readonly output: string;
  readonly element: ElementTypeName;
  readonly shape: readonly number[];
}

/** A texture the harness reads back after the case (one mip level), compared as elements. */
export interface TextureOutput {
  readonly output: string;
  readonly texture: GPUTexture;
  readonly level: number;
  /** The level's view as a storage texture (what the kernel writes through). */
  readonly storage: ResourceBinding;
}

/** What a gpu function returns: its one output, or its outputs by name. */
export type GpuOutput = OutputBinding | ElementOutputBinding | TextureOutput;
export type GpuOutputs = GpuOutput | Readonly<Record<string, GpuOutput>>;

export interface TextureOutputOptions {
  readonly name?: string;
  readonly format: GPUTextureFormat;
  /** [width, height] or [width, height, depth or layers]. */
  readonly size: readonly [number, number, number?];
  readonly dimension?: '2d' | '3d';
  /** View dimension of the storage view: `2d-array` for a layered 2D texture. Default: the texture's. */
  readonly viewDimension?: GPUTextureViewDimension;
  readonly mipLevelCount?: number;
  /** The level read back and compared (default 0). */
  readonly level?: number;
  /** Initial texels of that level (an in-place texture), rows tightly packed; default: zero. */
  readonly init?: ArrayBufferView;
}

/** Texture contents by level: `levels[l]` holds the level's texels, rows tightly packed, every layer or slice in turn. */
export interface TextureData {
  readonly format: GPUTextureFormat;
  readonly width: number;
  readonly height: number;
  readonly depthOrArrayLayers?: number;
  readonly dimension?: '2d' | '3d';
  readonly levels: readonly ArrayBufferView[];
  /** Also usable as a storage texture (default: when the format can be one). */
  readonly storage?: boolean;
  /**
   * Levels the kernel may overwrite (work space, their uploaded texels not judged). Every other level bound
   * to a writable storage texture is read back after the case and must hold what was uploaded.
   */
  readonly scratchLevels?: readonly number[];
}

export interface DispatchOptions {
  /** Override constants, for any entry point of any module. */
  readonly constants?: Record<string, number>;
  /** The module of the entry point, by its name in the kernel's `modules` (default: the kernel's `wgsl`). */
  readonly module?: string;
}

/** What a kernel's `gpu` function receives. */
export interface GpuContext {
  readonly device: GPUDevice;
  /** Uploads a surface to read from; padding and guard band hold NaN poison (float formats) or a canary salted apart from the output's; checked unchanged after the case. */
  surface(s: Surface): SurfaceBinding;
  /** A surface output, canary-filled with a guard band. */
  output(desc: TextureDesc, options?: OutputOptions): OutputBinding;
  /** A read-only storage buffer of typed data; a guard band of NaN poison (f32/f16 data) or canary follows it; checked unchanged after the case. */
  buffer(data: ArrayBufferView, options?: { readonly label?: string }): BufferBinding;
  /** A typed element output in a read_write storage buffer, a canary guard band after it. */
  outputBuffer(options: ElementOutputOptions): ElementOutputBinding;
  /** A struct packed by the layout engine into a uniform or read-only storage buffer; pads `_…` zero unless `zeroFill` says otherwise. */
  struct(
    s: StructDecl,
    value: { readonly [name: string]: LayoutValue },
    options?: { readonly space?: 'uniform' | 'storage'; readonly zeroFill?: ZeroFill },
  ): BufferBinding;
  /** A read-only storage buffer holding a packed TextureDesc (docs/facts.md#textures). */
  desc(d: TextureDesc): Binding;
  /** A uniform buffer holding these u32 words, or these bytes (padded to 16 bytes). */
  uniform(words: ArrayLike<number> | Uint8Array): Binding;
  /** A read-only storage buffer holding these u32 words. */
  storage(words: ArrayLike<number>): Binding;
  /**
   * A texture: a surface's level 0 in `format` (with the surface's mip count),
   * or TextureData of any dimension, layers and levels. A level some dispatch
   * binds to a `write` or `read_write` storage texture is read back after the
   * case and must hold what was uploaded (`input-changed` otherwise), unless
   * it is work space: in `scratchLevels`, or a surface texture's level above 0.
   */
  texture(s: Surface | TextureData, format?: GPUTextureFormat): GPUTexture;
  /** A texture the harness reads back and compares (one level), with its storage view. */
  outputTexture(options: TextureOutputOptions): TextureOutput;
  /** One mip level of a texture, bound sampled or as a storage texture (`dimension` for array and cube views). */
  textureLevel(
    t: GPUTexture,
    level: number,
    as: 'texture' | 'storage-texture',
    dimension?: GPUTextureViewDimension,
  ): Binding;
  /** A view of all of a texture's levels, bound sampled. */
  textureView(t: GPUTexture, dimension?: GPUTextureViewDimension): Binding;
  /** A sampler. */
  sampler(d: GPUSamplerDescriptor): Binding;
  /**
   * Records a dispatch of `entryPoint` over `threads` invocations (workgroup
   * counts come from the WGSL's @workgroup_size). Bindings by WGSL variable
   * name, in any group (`{ pixels, params, src, samp }`), or an array bound at
   * @group(0) @binding(i); checked against the WGSL before anything runs.
   * Empty dispatches are skipped. A one-dimensional dispatch of more
   * workgroups than the device allows per dimension is split over y: the
   * kernel's linear index is then `gid.x + gid.y * num_workgroups.x *
   * workgroup_size.x`, guarded against the count (the last row may overshoot).
   */
  dispatch(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    threads: readonly [number, number?, number?],
    options?: DispatchOptions,
  ): void;
  /**
   * Records a dispatch of exactly `groups` workgroups (x, y, z; y and z default 1), for a kernel that sizes its own
   * grid (a tiled kernel's `[ceil(w / tile), h, 1]`). Each count must be a whole number within the device's
   * maxComputeWorkgroupsPerDimension; else the case is a setup error naming the limit. A count of 0 skips it.
   */
  dispatchWorkgroups(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    groups: readonly [number, number?, number?],
    options?: DispatchOptions,
  ): void;
}

/** An input as uploaded, to be read back and checked unchanged: a buffer, or a texture level the kernel could write. */
export type InputRecord = InputUpload;

/** A compiled module of a kernel and its source; under the bounds check, `module` is the checked build of `src`. */
export interface KernelModule {
  readonly src: WgslSource;
  readonly module: GPUShaderModule;
  readonly bounds?: BoundsCheck;
}

/** A bounds-check record buffer queued for readback: the check it belongs to, and its read's index. */
export interface BoundsRead {
  readonly check: BoundsCheck;
  readonly read: number;
}

/** Where a case's outputs and inputs went in the submission's reads. */
export interface ClosedCase {
  readonly outputs: ReadonlyArray<{ readonly spec: OutputSpec; readonly read: number }>;
  readonly inputs: ReadonlyArray<{ readonly input: InputRecord; readonly read: number }>;
  /** The inputs not read back, as uploaded (asked for by a failure's report only). */
  readonly unread: () => readonly InputRecord[];
  readonly slot: number | undefined;
  /** Per WGSL variable bound to a guarded buffer or an output texture: where its guard band lay. */
  readonly protection: Readonly<Record<string, Protection>>;
  /** The bounds check's record buffers in the submission's reads (none unless the case ran bounds-checked). */
  readonly bounds: readonly BoundsRead[];
}

export type { OutputOptions } from '../../model/output/spec.ts';

/** Device features and limits a kernel needs beyond twinpath's defaults. */
export interface DeviceRequirements {
  /** Feature names as the adapter lists them (newer names than @webgpu/types knows included). */
  readonly features?: readonly string[];
  readonly limits?: Readonly<Record<string, number>>;
}
