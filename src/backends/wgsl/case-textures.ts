/**
 * A case's textures and samplers: inputs uploaded level by level (from a
 * surface or from TextureData), outputs read back and compared, views bound
 * sampled or as storage textures. An input level some dispatch binds
 * writable is read back after the case and checked unchanged; the textures
 * are destroyed when the case is done.
 */
import type { Surface } from '../../model/surface/surface.ts';
import { DEFAULT_OUTPUT } from '../../model/output/spec.ts';
import type { TexelLevel } from '../../model/elements/texel-change.ts';
import { TEXTURE_FORMATS, type TextureFormatInfo } from '../../model/elements/texture-formats.ts';
import { SetupError } from '../../model/setup-error.ts';
import type { CaseScope } from './case-scope.ts';
import type {
  Binding,
  InputRecord,
  ResourceBinding,
  TextureData,
  TextureOutput,
  TextureOutputOptions,
} from './gpu-context.ts';
import type { Submission } from './submission.ts';

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

function isSurface(s: Surface | TextureData): s is Surface {
  return 'desc' in s && 'bytes' in s;
}

/** The textures of one case, and the input levels a kernel could write. */
export class CaseTextures {
  private readonly textures: GPUTexture[] = [];
  /** Textures uploaded as inputs; only levels bound to a writable storage texture are read back (see dispatch). */
  private readonly inputTextures = new Map<GPUTexture, InputTexture>();
  /** Storage-texture views made by textureLevel: which texture and level a kernel can write through each. */
  private readonly storageViews = new WeakMap<
    GPUTextureView,
    { readonly texture: GPUTexture; readonly level: number }
  >();
  /** Input texture levels some dispatch bound writable, by texture, with the variable and entry point that did. */
  private readonly writableInputs = new Map<GPUTexture, Map<number, string>>();
  private readonly outputViews = new Set<ResourceBinding>();

  constructor(private readonly scope: CaseScope) {}

  private createTexture(d: GPUTextureDescriptor): GPUTexture {
    const t = this.scope.device.createTexture({ ...d, label: `${this.scope.kernel}:texture` });
    this.textures.push(t);
    return t;
  }

  texture(s: Surface | TextureData, format?: GPUTextureFormat): GPUTexture {
    return isSurface(s) ? this.surfaceTexture(s, format) : this.dataTexture(s);
  }

  /**
   * A surface's level 0 uploaded in `format`, with the surface's mip count; SetupError without a format:
   * `pack: texture(surface, format) needs the texture format`.
   */
  private surfaceTexture(s: Surface, format: GPUTextureFormat | undefined): GPUTexture {
    if (!format) throw new SetupError(`${this.scope.kernel}: texture(surface, format) needs the texture format`);
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
    this.scope.timeUpload(() =>
      this.scope.device.queue.writeTexture(
        { texture: t },
        s.bytes,
        { offset: l0.offsetBytes, bytesPerRow: l0.pitchBytes, rowsPerImage: l0.height },
        [l0.width, l0.height],
      ),
    );
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

  /** TextureData of any dimension, layers and levels, each level uploaded as given. */
  private dataTexture(s: TextureData): GPUTexture {
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
    this.scope.timeUpload(() =>
      s.levels.forEach((data, level) => {
        const w = Math.max(1, s.width >> level);
        const h = Math.max(1, s.height >> level);
        const d = s.dimension === '3d' ? Math.max(1, layers >> level) : layers;
        this.scope.device.queue.writeTexture(
          { texture: t, mipLevel: level },
          data as ArrayBufferView<ArrayBuffer>,
          { bytesPerRow: w * bpt, rowsPerImage: h },
          [w, h, d],
        );
      }),
    );
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
    const init = o.init;
    if (init) {
      this.scope.timeUpload(() =>
        this.scope.device.queue.writeTexture(
          { texture, mipLevel: level },
          init as ArrayBufferView<ArrayBuffer>,
          { bytesPerRow: w * bpt, rowsPerImage: h },
          [w, h, d],
        ),
      );
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
    return this.scope.declare(out, {
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
        `${this.scope.kernel}: ${what}: twinpath cannot read or write texels of ${name}; it decodes ${Object.keys(TEXTURE_FORMATS).join(', ')}`,
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
    return { kind: 'sampler', resource: this.scope.device.createSampler(d), label: 'sampler' };
  }

  /** Whether a binding is the storage view of an output texture (its guard is the texture's edge). */
  isOutputView(b: Binding): boolean {
    return 'resource' in b && this.outputViews.has(b);
  }

  /**
   * Marks an input texture's level as one the kernel can write: bound to a `write` or `read_write` storage texture
   * (reflection says which). Only such levels are read back and checked: a level bound sampled or `read` cannot
   * change, so it costs no readback; a level of work space (`scratchLevels`, or never uploaded) is not judged.
   */
  noteWritable(b: Binding, where: string): void {
    if (!('resource' in b)) return;
    const view = this.storageViews.get(b.resource as GPUTextureView);
    const input = view && this.inputTextures.get(view.texture);
    if (!view || !input || input.scratchLevels.has(view.level)) return;
    const levels = this.writableInputs.get(view.texture) ?? new Map<number, string>();
    if (!levels.has(view.level)) levels.set(view.level, where);
    this.writableInputs.set(view.texture, levels);
  }

  /** An input texture's level as uploaded (tight rows), with its format and extent; undefined where never uploaded. */
  private uploadedLevel(texture: GPUTexture, level: number, label: string): InputRecord | undefined {
    const t = this.inputTextures.get(texture)!;
    const given = t.uploaded(level);
    if (!given) return undefined;
    const width = Math.max(1, t.width >> level);
    const height = Math.max(1, t.height >> level);
    const images = t.dimension === '3d' ? Math.max(1, t.depthOrArrayLayers >> level) : t.depthOrArrayLayers;
    const uploaded = given.subarray(0, width * height * images * TEXTURE_FORMATS[t.format]!.bytesPerTexel);
    const texel: TexelLevel = { format: t.format, level, width, height, images, dimension: t.dimension };
    return { label, uploaded, texture: texel };
  }

  /** The input texture levels the kernel could write, queued for readback with what was uploaded to each. */
  readWritableInputs(submission: Submission): Array<{ readonly input: InputRecord; readonly read: number }> {
    const reads: Array<{ readonly input: InputRecord; readonly read: number }> = [];
    for (const [texture, levels] of this.writableInputs) {
      const t = this.inputTextures.get(texture)!;
      for (const [level, where] of levels) {
        const input = this.uploadedLevel(texture, level, `texture (${t.format}, written through ${where})`);
        if (!input?.texture) continue;
        const { width, height, images } = input.texture;
        const bytesPerTexel = TEXTURE_FORMATS[t.format]!.bytesPerTexel;
        reads.push({
          input,
          read: submission.readTexture({ texture, level, width, height, layers: images, bytesPerTexel }),
        });
      }
    }
    return reads;
  }

  /**
   * The uploaded levels of every input texture the kernel cannot write (not read back), as uploaded: for a
   * failure's report, so called only when one asks (`texture 2 (rgba8unorm) level 0`).
   */
  unreadInputs(): InputRecord[] {
    return [...this.inputTextures.keys()].flatMap((texture, n) => {
      const t = this.inputTextures.get(texture)!;
      const written = this.writableInputs.get(texture);
      return Array.from({ length: texture.mipLevelCount }, (_, level) =>
        written?.has(level) || t.scratchLevels.has(level)
          ? undefined
          : this.uploadedLevel(texture, level, `texture ${n + 1} (${t.format}) level ${level}`),
      ).filter((r): r is InputRecord => r !== undefined);
    });
  }

  /** Destroys every texture of this case. */
  release(): void {
    for (const t of this.textures.splice(0)) t.destroy();
  }
}
