/**
 * The small context a kernel's GPU function works through: inputs (surfaces,
 * typed buffers, packed structs, textures, samplers), named outputs
 * (surfaces, typed element buffers, textures), and dispatches that bind by
 * WGSL name in any group. The harness owns the device, pipelines, pooled
 * buffers, canaries, poison, readback and the check that inputs stay as
 * uploaded; a kernel never touches them.
 */
import { canaryBytes, guardedBytes, GUARD_BYTES, poisonBytes } from '../../model/canary.ts';
import { packStruct, type LayoutValue, type ZeroFill } from '../../model/layout/codec.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import { packTextureDesc, type TextureDesc } from '../../model/surface/desc.ts';
import { surfaceBytes, texelRanges, type Surface } from '../../model/surface/surface.ts';
import { bytesOf } from '../../model/bytes.ts';
import { elementOutputStart, type ElementOutputOptions } from '../../model/output/element-output.ts';
import { DEFAULT_OUTPUT, type OutputOptions, type OutputSpec, type Protection } from '../../model/output/spec.ts';
import type { ElementTypeName } from '../../model/elements/element-types.ts';
import type { TexelLevel } from '../../model/elements/texel-change.ts';
import { storageSupport, TEXTURE_FORMATS, type TextureFormatInfo } from '../../model/elements/texture-formats.ts';
import { computeEntry, resolveBindings } from './bindings.ts';
import { floatInputsPoisoned, poisonsInput } from '../poison.ts';
import { SetupError } from '../../model/setup-error.ts';
import type { GpuSession } from './session.ts';
import type { Submission } from './submission.ts';
import type { WgslSource } from '../../wgsl/source.ts';

export { SetupError } from '../../model/setup-error.ts';
export type { OutputOptions } from '../../model/output/spec.ts';

/** A GPU buffer a dispatch can bind, and how. */
export interface BufferBinding {
  readonly kind: 'surface' | 'storage' | 'uniform';
  readonly buffer: GPUBuffer;
  /** Bytes of the buffer in use: data, then any guard band. */
  readonly size: number;
  /** Bytes of data before a guard band: a binding the kernel sizes itself from covers exactly these. */
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
   * Empty dispatches are skipped.
   */
  dispatch(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    threads: readonly [number, number?, number?],
    options?: DispatchOptions,
  ): void;
}

/** An input as uploaded, to be read back and checked unchanged: a buffer, or a texture level the kernel could write. */
export interface InputRecord {
  readonly label: string;
  readonly uploaded: Uint8Array;
  /** The surface a buffer holds, to locate a changed byte by level, row and byte. */
  readonly desc?: TextureDesc;
  /** The typed array it holds (elements wider than a byte), to locate a changed byte by element. */
  readonly element?: InputElements;
  /** A texture level's format and size, to locate a changed texel by image, texel and channel. */
  readonly texture?: TexelLevel;
}

/** An input buffer, read back whole. */
interface BufferInput extends InputRecord {
  readonly buffer: GPUBuffer;
}

/** A texture uploaded as an input: each level's uploaded texels (rows tight), and its levels of work space. */
interface InputTexture {
  readonly format: GPUTextureFormat;
  readonly width: number;
  readonly height: number;
  readonly depthOrArrayLayers: number;
  readonly dimension: '2d' | '3d';
  /** A level's texels as uploaded; undefined for a level nothing was uploaded to (work space). */
  readonly uploaded: (level: number) => Uint8Array | undefined;
  readonly scratchLevels: ReadonlySet<number>;
}

/** A compiled module of a kernel and its source. */
export interface KernelModule {
  readonly src: WgslSource;
  readonly module: GPUShaderModule;
}

/** Where a case's outputs and inputs went in the submission's reads. */
export interface ClosedCase {
  readonly outputs: ReadonlyArray<{ readonly spec: OutputSpec; readonly read: number }>;
  readonly inputs: ReadonlyArray<{ readonly input: InputRecord; readonly read: number }>;
  readonly slot: number | undefined;
  /** Per WGSL variable bound to a guarded buffer or an output texture: where its guard band lay. */
  readonly protection: Readonly<Record<string, Protection>>;
}

const MIB = 1024 * 1024;

/** A typed input's elements: their width and how many the data holds (its guard band follows). */
export interface InputElements {
  readonly bytes: number;
  readonly count: number;
}

function isSurface(s: Surface | TextureData): s is Surface {
  return 'desc' in s && 'bytes' in s;
}

/** The per-case implementation of {@link GpuContext}. */
export class CaseGpu implements GpuContext {
  readonly device: GPUDevice;
  private readonly acquired: GPUBuffer[] = [];
  private readonly textures: GPUTexture[] = [];
  private readonly inputRecords: BufferInput[] = [];
  /** Textures uploaded as inputs; only levels bound to a writable storage texture are read back (see dispatch). */
  private readonly inputTextures = new Map<GPUTexture, InputTexture>();
  /** Storage-texture views made by textureLevel: which texture and level a kernel can write through each. */
  private readonly storageViews = new WeakMap<
    GPUTextureView,
    { readonly texture: GPUTexture; readonly level: number }
  >();
  /** Input texture levels some dispatch bound writable, by texture, with the variable and entry point that did. */
  private readonly writableInputs = new Map<GPUTexture, Map<number, string>>();
  private readonly declared = new Map<object, OutputSpec>();
  private readonly protection: Record<string, Protection> = {};
  private readonly outputViews = new Set<ResourceBinding>();
  private pass: GPUComputePassEncoder | undefined;
  private slot: number | undefined;
  private inputs = 0;
  /** CPU time spent writing buffers and textures (ms). */
  uploadMs = 0;
  /** Per-dispatch validation scopes: `dispatch 2 (mip_downsample): <message>` or null. */
  private readonly dispatchErrors: Array<Promise<string | null>> = [];

  constructor(
    private readonly session: GpuSession,
    private readonly kernel: string,
    /** The kernel's modules by name; `''` is its `wgsl`. */
    private readonly modules: ReadonlyMap<string, KernelModule>,
    private readonly submission: Submission,
    /**
     * Give every dispatch its own validation scope, so an error names the
     * dispatch. A submission of several cases goes without: it reruns its
     * cases alone (scoped) when anything fails.
     */
    private readonly scoped = true,
  ) {
    this.device = session.device;
  }

  /**
   * Throws SetupError before anything is allocated:
   * `generate_mips: output needs a 4096.0 MiB storage buffer; this device allows 128 MiB (maxStorageBufferBindingSize). Fix: …`
   */
  private checkStorageSize(size: number, label: string): void {
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (size > limit) {
      throw new SetupError(
        `${this.kernel}: ${label} needs a ${(size / MIB).toFixed(1)} MiB storage buffer; this device allows ${(limit / MIB).toFixed(0)} MiB (maxStorageBufferBindingSize). ` +
          "Fix: lower the kernel's size budget (maxSide) or run on a device with larger limits.",
      );
    }
  }

  private allocate(size: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
    if (usage & GPUBufferUsage.STORAGE) this.checkStorageSize(size, label);
    const b = this.session.pool.acquire(size, usage, `${this.kernel}:${label}`);
    this.acquired.push(b);
    return b;
  }

  private write(b: GPUBuffer, data: Uint8Array | Uint32Array): void {
    const t = performance.now();
    this.device.queue.writeBuffer(b, 0, data as ArrayBufferView<ArrayBuffer>);
    this.uploadMs += performance.now() - t;
  }

  /** A storage buffer holding `fill`, readable back; recorded as an input to check unchanged when `input` names it. */
  private storageBuffer(
    label: string,
    fill: Uint8Array,
    input?: { readonly desc?: TextureDesc; readonly element?: InputElements },
  ): GPUBuffer {
    const b = this.allocate(
      fill.length,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      label,
    );
    this.write(b, fill);
    if (input)
      this.inputRecords.push({
        label,
        buffer: b,
        uploaded: fill,
        ...(input.desc ? { desc: input.desc } : {}),
        ...(input.element ? { element: input.element } : {}),
      });
    return b;
  }

  private declare<T extends object>(binding: T, spec: OutputSpec): T {
    this.declared.set(binding, spec);
    return binding;
  }

  surface(s: Surface): SurfaceBinding {
    this.checkStorageSize(guardedBytes(s.desc), 'surface');
    const salt = ++this.inputs;
    const fill =
      s.desc.format.storage.startsWith('Float') && floatInputsPoisoned()
        ? poisonBytes(guardedBytes(s.desc), salt)
        : canaryBytes(guardedBytes(s.desc), salt);
    for (const [a, b] of texelRanges(
      s.desc,
      s.desc.levels.map((l) => l.level),
    ))
      fill.set(s.bytes.subarray(a, b), a);
    const label = `surface ${salt}`;
    return {
      kind: 'surface',
      desc: s.desc,
      buffer: this.storageBuffer(label, fill, { desc: s.desc }),
      size: fill.length,
      dataBytes: surfaceBytes(s.desc),
      label,
    };
  }

  output(desc: TextureDesc, options: OutputOptions = {}): OutputBinding {
    this.checkStorageSize(guardedBytes(desc), 'output');
    const fill = canaryBytes(guardedBytes(desc));
    if (options.init) {
      for (const [a, b] of texelRanges(desc, options.init.levels)) fill.set(options.init.from.bytes.subarray(a, b), a);
    }
    const name = options.name ?? DEFAULT_OUTPUT;
    const ownedLevels = options.owns ?? desc.levels.map((l) => l.level);
    const out: OutputBinding = {
      kind: 'surface',
      output: name,
      desc,
      ownedLevels,
      buffer: this.storageBuffer('output', fill),
      size: fill.length,
      dataBytes: surfaceBytes(desc),
      label: `output ${name}`,
    };
    return this.declare(out, { kind: 'surface', name, desc, ownedLevels });
  }

  buffer(data: ArrayBufferView, options: { readonly label?: string } = {}): BufferBinding {
    const salt = ++this.inputs;
    const dataBytes = Math.ceil(data.byteLength / 4) * 4;
    const size = dataBytes + GUARD_BYTES;
    this.checkStorageSize(size, 'buffer');
    const fill = poisonsInput(data) ? poisonBytes(size, salt) : canaryBytes(size, salt);
    fill.fill(0, data.byteLength, dataBytes);
    fill.set(bytesOf(data));
    const label = options.label ?? `buffer ${salt}`;
    const width =
      'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
    const element = width > 1 ? { element: { bytes: width, count: data.byteLength / width } } : {};
    return { kind: 'storage', buffer: this.storageBuffer(label, fill, element), size, dataBytes, label };
  }

  outputBuffer(o: ElementOutputOptions): ElementOutputBinding {
    const name = o.name ?? DEFAULT_OUTPUT;
    const start = elementOutputStart(o, this.kernel);
    const bytes = start.length;
    // A binding's size is a multiple of 4: an odd count of f16/unorm elements ends in pad bytes counted as data.
    const dataBytes = Math.ceil(bytes / 4) * 4;
    const fill = canaryBytes(dataBytes + GUARD_BYTES);
    if (o.prefill !== 'canary') fill.fill(0, 0, dataBytes);
    fill.set(start);
    const out: ElementOutputBinding = {
      kind: 'storage',
      output: name,
      element: o.element,
      shape: o.shape,
      buffer: this.storageBuffer(`output ${name}`, fill),
      size: fill.length,
      dataBytes,
      label: `output ${name}`,
    };
    return this.declare(out, {
      kind: 'elements',
      name,
      element: o.element,
      shape: o.shape,
      guardBytes: fill.length - bytes,
    });
  }

  struct(
    s: StructDecl,
    value: { readonly [name: string]: LayoutValue },
    options: { readonly space?: 'uniform' | 'storage'; readonly zeroFill?: ZeroFill } = {},
  ): BufferBinding {
    const bytes = packStruct(s, value, { zeroFill: options.zeroFill ?? 'pads' });
    if (options.space === 'storage') return this.buffer(bytes, { label: `struct ${s.name}` });
    return { ...this.uniform(bytes), label: `struct ${s.name}` } as BufferBinding;
  }

  desc(d: TextureDesc): Binding {
    const words = packTextureDesc(d);
    const b = this.storageBuffer('desc', new Uint8Array(words.buffer, words.byteOffset, words.byteLength), {});
    return { kind: 'storage', buffer: b, size: words.byteLength, label: 'desc' };
  }

  uniform(words: ArrayLike<number> | Uint8Array): Binding {
    const bytes = words instanceof Uint8Array ? words : new Uint8Array(Uint32Array.from(Array.from(words)).buffer);
    const data = new Uint8Array(Math.max(16, Math.ceil(bytes.length / 16) * 16));
    data.set(bytes);
    const b = this.allocate(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'uniform');
    this.write(b, data);
    return { kind: 'uniform', buffer: b, size: data.byteLength, label: 'uniform' };
  }

  storage(words: ArrayLike<number>): Binding {
    const data = Uint32Array.from({ length: Math.max(1, words.length) }, (_, i) => words[i] ?? 0);
    const b = this.storageBuffer('storage', new Uint8Array(data.buffer), {});
    return { kind: 'storage', buffer: b, size: data.byteLength, label: 'storage' };
  }

  private createTexture(d: GPUTextureDescriptor): GPUTexture {
    const t = this.device.createTexture({ ...d, label: `${this.kernel}:texture` });
    this.textures.push(t);
    return t;
  }

  texture(s: Surface | TextureData, format?: GPUTextureFormat): GPUTexture {
    if (isSurface(s)) {
      if (!format) throw new SetupError(`${this.kernel}: texture(surface, format) needs the texture format`);
      const t = this.createTexture({
        size: [s.desc.width, s.desc.height],
        mipLevelCount: s.desc.levels.length,
        format,
        usage:
          GPUTextureUsage.TEXTURE_BINDING |
          GPUTextureUsage.STORAGE_BINDING |
          GPUTextureUsage.COPY_DST |
          GPUTextureUsage.COPY_SRC,
      });
      const l0 = s.desc.levels[0]!;
      const t0 = performance.now();
      this.device.queue.writeTexture(
        { texture: t },
        s.bytes,
        { offset: l0.offsetBytes, bytesPerRow: l0.pitchBytes, rowsPerImage: l0.height },
        [l0.width, l0.height],
      );
      this.uploadMs += performance.now() - t0;
      // Level 0 is the input; the other levels start as WebGPU's zeros, the kernel's work space (a mip generator's).
      const row = l0.width * s.desc.bytesPerPixel;
      this.inputTextures.set(t, {
        format,
        width: s.desc.width,
        height: s.desc.height,
        depthOrArrayLayers: 1,
        dimension: '2d',
        uploaded: (level) => {
          if (level !== 0) return undefined;
          const tight = new Uint8Array(row * l0.height);
          for (let y = 0; y < l0.height; y++) {
            const from = l0.offsetBytes + y * l0.pitchBytes;
            tight.set(s.bytes.subarray(from, from + row), y * row);
          }
          return tight;
        },
        scratchLevels: new Set(),
      });
      return t;
    }
    const bpt = this.format(s.format, 'a texture').bytesPerTexel;
    const layers = s.depthOrArrayLayers ?? 1;
    const storage = s.storage ?? !s.format.endsWith('-srgb');
    const t = this.createTexture({
      size: [s.width, s.height, layers],
      dimension: s.dimension ?? '2d',
      mipLevelCount: s.levels.length,
      format: s.format,
      usage:
        GPUTextureUsage.TEXTURE_BINDING |
        GPUTextureUsage.COPY_DST |
        GPUTextureUsage.COPY_SRC |
        (storage ? GPUTextureUsage.STORAGE_BINDING : 0),
    });
    const t0 = performance.now();
    s.levels.forEach((data, level) => {
      const w = Math.max(1, s.width >> level);
      const h = Math.max(1, s.height >> level);
      const d = s.dimension === '3d' ? Math.max(1, layers >> level) : layers;
      this.device.queue.writeTexture(
        { texture: t, mipLevel: level },
        data as ArrayBufferView<ArrayBuffer>,
        { bytesPerRow: w * bpt, rowsPerImage: h },
        [w, h, d],
      );
    });
    this.uploadMs += performance.now() - t0;
    this.inputTextures.set(t, {
      format: s.format,
      width: s.width,
      height: s.height,
      depthOrArrayLayers: layers,
      dimension: s.dimension ?? '2d',
      uploaded: (level) => {
        const v = s.levels[level];
        return v && new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      },
      scratchLevels: new Set(s.scratchLevels ?? []),
    });
    return t;
  }

  outputTexture(o: TextureOutputOptions): TextureOutput {
    const name = o.name ?? DEFAULT_OUTPUT;
    const bpt = this.format(o.format, `output ${name}`).bytesPerTexel;
    const [width, height, layers = 1] = o.size;
    const level = o.level ?? 0;
    const texture = this.createTexture({
      size: [width, height, layers],
      dimension: o.dimension ?? '2d',
      mipLevelCount: o.mipLevelCount ?? 1,
      format: o.format,
      usage:
        GPUTextureUsage.STORAGE_BINDING |
        GPUTextureUsage.TEXTURE_BINDING |
        GPUTextureUsage.COPY_SRC |
        GPUTextureUsage.COPY_DST,
    });
    const w = Math.max(1, width >> level);
    const h = Math.max(1, height >> level);
    const d = o.dimension === '3d' ? Math.max(1, layers >> level) : layers;
    if (o.init) {
      const t0 = performance.now();
      this.device.queue.writeTexture(
        { texture, mipLevel: level },
        o.init as ArrayBufferView<ArrayBuffer>,
        { bytesPerRow: w * bpt, rowsPerImage: h },
        [w, h, d],
      );
      this.uploadMs += performance.now() - t0;
    }
    const view = texture.createView({
      baseMipLevel: level,
      mipLevelCount: 1,
      ...(o.viewDimension ? { dimension: o.viewDimension } : {}),
    });
    const out: TextureOutput = {
      output: name,
      texture,
      level,
      storage: { kind: 'storage-texture', resource: view, label: `output ${name}` },
    };
    this.outputViews.add(out.storage);
    const volume = o.dimension === '3d' ? { volume: true } : {};
    return this.declare(out, {
      kind: 'texture',
      name,
      format: o.format,
      width: w,
      height: h,
      images: d,
      level,
      ...volume,
    });
  }

  /**
   * The format twinpath decodes, or SetupError:
   * `pack: output out: twinpath cannot read or write texels of depth24plus; it decodes r8unorm, …`.
   */
  private format(name: string, what: string): TextureFormatInfo {
    const f = TEXTURE_FORMATS[name];
    if (!f)
      throw new SetupError(
        `${this.kernel}: ${what}: twinpath cannot read or write texels of ${name}; it decodes ${Object.keys(TEXTURE_FORMATS).join(', ')}`,
      );
    return f;
  }

  textureLevel(
    t: GPUTexture,
    level: number,
    as: 'texture' | 'storage-texture',
    dimension?: GPUTextureViewDimension,
  ): Binding {
    const view = t.createView({ baseMipLevel: level, mipLevelCount: 1, ...(dimension ? { dimension } : {}) });
    if (as === 'storage-texture') this.storageViews.set(view, { texture: t, level });
    return { kind: as, resource: view, label: `${as} level ${level}` };
  }

  textureView(t: GPUTexture, dimension?: GPUTextureViewDimension): Binding {
    return { kind: 'texture', resource: t.createView(dimension ? { dimension } : {}), label: 'texture' };
  }

  sampler(d: GPUSamplerDescriptor): Binding {
    return { kind: 'sampler', resource: this.device.createSampler(d), label: 'sampler' };
  }

  private moduleFor(name: string | undefined): KernelModule {
    const m = this.modules.get(name ?? '');
    if (!m) {
      const names = [...this.modules.keys()].filter((k) => k !== '');
      throw new SetupError(
        `${this.kernel}: dispatch names module '${name}', which is not among the kernel's modules (${names.join(', ') || 'none'})`,
      );
    }
    return m;
  }

  /** The range of a buffer a variable sees: exactly the data where the kernel sizes itself from it, data and guard band elsewhere. */
  private range(
    b: BufferBinding,
    variable: string,
    sizesItself: boolean,
  ): { buffer: GPUBuffer; offset: number; size: number } {
    const exactly = sizesItself && b.dataBytes !== undefined;
    if (b.dataBytes !== undefined && b.size > b.dataBytes)
      this.protection[variable] = exactly ? 'guard-beyond' : 'guard-inside';
    return { buffer: b.buffer, offset: 0, size: exactly ? b.dataBytes! : b.size };
  }

  dispatch(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    threads: readonly [number, number?, number?],
    options: DispatchOptions = {},
  ): void {
    const m = this.moduleFor(options.module);
    const e = computeEntry(this.kernel, m.src, entryPoint);
    const resolved = resolveBindings(this.kernel, m.src, e, bindings);
    for (const r of resolved) {
      if (!r.storageTexture) continue;
      this.checkStorageAccess(entryPoint, r.variable, r.storageTexture);
      if (r.storageTexture.access !== 'read') this.noteWritable(r.given as Binding, `${r.variable} in ${entryPoint}`);
    }
    const size = e.workgroupSize ?? [1, 1, 1];
    const groups = [0, 1, 2].map((i) => Math.ceil((threads[i] ?? 1) / size[i]!));
    if (groups.some((g) => g === 0)) return;
    const maxGroups = this.device.limits.maxComputeWorkgroupsPerDimension;
    if (groups.some((g) => g > maxGroups)) {
      throw new SetupError(
        `${this.kernel}: ${entryPoint} needs ${groups.join('x')} workgroups; this device allows ${maxGroups} per dimension. Fix: lower the kernel's size budget.`,
      );
    }
    const n = this.dispatchErrors.length + 1;
    if (this.scoped) this.device.pushErrorScope('validation');
    const pipeline = this.session.pipelines.pipeline(m.module, entryPoint, options.constants);
    const byGroup = new Map<number, GPUBindGroupEntry[]>();
    for (const r of resolved) {
      const b = r.given;
      if ('resource' in b && this.outputViews.has(b)) this.protection[r.variable] = 'texture';
      const entries = byGroup.get(r.group) ?? [];
      entries.push({
        binding: r.binding,
        resource: 'buffer' in b ? this.range(b, r.variable, r.sizesItself) : b.resource,
      });
      byGroup.set(r.group, entries);
    }
    const bindGroups = [...byGroup].map(
      ([group, entries]) =>
        [
          group,
          this.device.createBindGroup({ layout: this.session.pipelines.layout(pipeline, group), entries }),
        ] as const,
    );
    if (this.scoped)
      this.dispatchErrors.push(
        this.device.popErrorScope().then((err) => (err ? `dispatch ${n} (${entryPoint}): ${err.message}` : null)),
      );
    if (!this.pass) {
      const ts = this.submission.timestampSlot();
      this.slot = ts?.slot;
      this.pass = this.submission.encoder.beginComputePass({
        label: this.kernel,
        ...(ts ? { timestampWrites: ts.writes } : {}),
      });
    }
    this.pass.setPipeline(pipeline);
    for (const [group, bg] of bindGroups) this.pass.setBindGroup(group, bg);
    this.pass.dispatchWorkgroups(groups[0]!, groups[1]!, groups[2]!);
  }

  /**
   * A storage texture the device cannot bind with the WGSL's access fails as the kernel's setup, naming the feature:
   * `blur: dst (texture_storage_2d<rgba8unorm, read_write>) in blur_h: rgba8unorm storage textures with read-write
   * access need the device feature texture-formats-tier2. Fix: declare requires: { features: ['texture-formats-tier2'] }
   * (an adapter without it then reports the sweep unsupported), or use write access.`
   */
  private checkStorageAccess(
    entryPoint: string,
    variable: string,
    st: { readonly format: string; readonly access: string },
  ): void {
    const f = TEXTURE_FORMATS[st.format];
    if (!f) return;
    const access = st.access === 'read_write' ? 'read-write' : st.access === 'read' ? 'read-only' : 'write-only';
    const ok = storageSupport(f, access, this.device.features as unknown as Iterable<string>);
    if (ok.ok) return;
    const feature = /need the device feature (\S+)/.exec(ok.reason)?.[1];
    const fix = feature
      ? `declare requires: { features: ['${feature}'] } (an adapter without it then reports the sweep unsupported), or use write access`
      : 'use another format or access';
    throw new SetupError(
      `${this.kernel}: ${variable} (texture_storage_*<${st.format}, ${st.access}>) in ${entryPoint}: ${ok.reason}. Fix: ${fix}.`,
    );
  }

  /**
   * Marks an input texture's level as one the kernel can write: bound to a `write` or `read_write` storage texture
   * (reflection says which). Only such levels are read back and checked: a level bound sampled or `read` cannot
   * change, so it costs no readback; a level of work space (`scratchLevels`, or never uploaded) is not judged.
   */
  private noteWritable(b: Binding, where: string): void {
    if (!('resource' in b)) return;
    const view = this.storageViews.get(b.resource as GPUTextureView);
    const input = view && this.inputTextures.get(view.texture);
    if (!view || !input || input.scratchLevels.has(view.level)) return;
    const levels = this.writableInputs.get(view.texture) ?? new Map<number, string>();
    if (!levels.has(view.level)) levels.set(view.level, where);
    this.writableInputs.set(view.texture, levels);
  }

  /** The input texture levels the kernel could write, queued for readback with what was uploaded to each. */
  private readWritableInputs(): Array<{ readonly input: InputRecord; readonly read: number }> {
    const reads: Array<{ readonly input: InputRecord; readonly read: number }> = [];
    for (const [texture, levels] of this.writableInputs) {
      const t = this.inputTextures.get(texture)!;
      for (const [level, where] of levels) {
        const given = t.uploaded(level);
        if (!given) continue;
        const width = Math.max(1, t.width >> level);
        const height = Math.max(1, t.height >> level);
        const images = t.dimension === '3d' ? Math.max(1, t.depthOrArrayLayers >> level) : t.depthOrArrayLayers;
        const bytesPerTexel = TEXTURE_FORMATS[t.format]!.bytesPerTexel;
        const uploaded = given.subarray(0, width * height * images * bytesPerTexel);
        const read = this.submission.readTexture({ texture, level, width, height, layers: images, bytesPerTexel });
        const texel: TexelLevel = { format: t.format, level, width, height, images, dimension: t.dimension };
        reads.push({
          input: { label: `texture (${t.format}, written through ${where})`, uploaded, texture: texel },
          read,
        });
      }
    }
    return reads;
  }

  /** Validation errors of each dispatch's pipeline and bindings, named by dispatch. */
  async dispatchValidation(): Promise<string[]> {
    return (await Promise.all(this.dispatchErrors)).filter((e): e is string => e !== null);
  }

  /** The named outputs a gpu function returned, each checked to be one this case declared. */
  private namedOutputs(returned: GpuOutputs | undefined): Array<[string, object]> {
    if (!returned)
      throw new SetupError(
        `${this.kernel}: its gpu function returned no output; return the output binding, or a record of them by name`,
      );
    const single = this.declared.has(returned);
    const entries: Array<[string, object]> = single
      ? [[(returned as GpuOutput).output, returned]]
      : Object.entries(returned);
    if (!entries.length) throw new SetupError(`${this.kernel}: its gpu function returned an empty record of outputs`);
    for (const [name, b] of entries) {
      if (!this.declared.has(b)) {
        throw new SetupError(
          `${this.kernel}: output ${name} is not an output of this case; declare it with g.output(), g.outputBuffer() or g.outputTexture()`,
        );
      }
    }
    return entries;
  }

  /**
   * Ends the case's compute pass and queues its outputs and inputs for
   * readback with the submission. Throws SetupError when the gpu function
   * returned no declared output:
   * `im2col: its gpu function returned no output; return the output binding, or a record of them by name`.
   */
  close(returned: GpuOutputs | undefined): ClosedCase {
    this.endPass();
    const outputs = this.namedOutputs(returned).map(([name, b]) => {
      const spec = { ...this.declared.get(b)!, name };
      const read =
        'texture' in b
          ? this.readTexture(b as TextureOutput, spec)
          : this.submission.read((b as BufferBinding).buffer, (b as BufferBinding).size);
      return { spec, read };
    });
    const inputs = [
      ...this.inputRecords.map((input) => ({ input, read: this.submission.read(input.buffer, input.uploaded.length) })),
      ...this.readWritableInputs(),
    ];
    this.submission.addCase();
    return { outputs, inputs, slot: this.slot, protection: { ...this.protection } };
  }

  private readTexture(t: TextureOutput, spec: OutputSpec): number {
    if (spec.kind !== 'texture') throw new Error('unreachable: a texture output has a texture spec');
    const bytesPerTexel = TEXTURE_FORMATS[spec.format]!.bytesPerTexel;
    return this.submission.readTexture({
      texture: t.texture,
      level: t.level,
      width: spec.width,
      height: spec.height,
      layers: spec.images,
      bytesPerTexel,
    });
  }

  /** Ends the case's compute pass, if one is open (so the submission's encoder can go on after a gpu() that threw). */
  endPass(): void {
    this.pass?.end();
    this.pass = undefined;
  }

  /** Gives every buffer of this case back to the pool; textures are destroyed. */
  release(): void {
    for (const b of this.acquired.splice(0)) this.session.pool.release(b);
    for (const t of this.textures.splice(0)) t.destroy();
  }
}
