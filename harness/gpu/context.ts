/**
 * The small context a kernel's GPU function works through: upload surfaces,
 * bind descriptors and parameters, dispatch entry points by thread count.
 * The harness owns the device, pipelines, pooled buffers, canaries and
 * readback; a kernel never touches them.
 */
import { reflectSource, type FunctionInfo } from './reflect.ts';
import { canaryBytes, guardedBytes } from '../canary.ts';
import { packTextureDesc, type TextureDesc } from '../surface/desc.ts';
import { texelRanges, type Surface } from '../surface/surface.ts';
import type { GpuSession } from './session.ts';
import type { Submission } from './submission.ts';
import type { WgslSource } from './wgsl-source.ts';

/** A GPU buffer a dispatch can bind, and how. */
export interface BufferBinding {
  readonly kind: 'surface' | 'storage' | 'uniform';
  readonly buffer: GPUBuffer;
  readonly size: number;
  readonly label: string;
}

/** A texture view (sampled or storage) or a sampler. */
export interface ResourceBinding {
  readonly kind: 'texture' | 'storage-texture' | 'sampler';
  readonly resource: GPUTextureView | GPUSampler;
  readonly label: string;
}

export type Binding = BufferBinding | ResourceBinding;

/** A surface living in a GPU buffer (chain + guard band, canary where not written). */
export interface SurfaceBinding extends BufferBinding {
  readonly kind: 'surface';
  readonly desc: TextureDesc;
}

/** The case's output: the buffer read back, and the levels whose texels the kernel owns. */
export interface OutputBinding extends SurfaceBinding {
  readonly ownedLevels: readonly number[];
}

export interface OutputOptions {
  /** Levels whose texels the kernel writes (compared); every other byte must keep its canary. Default: all. */
  readonly owns?: readonly number[];
  /** Copy these levels' texels from a surface before the kernel runs (in-place kernels such as generate_mips). */
  readonly init?: { readonly from: Surface; readonly levels: readonly number[] };
}

export interface DispatchOptions {
  /** Override constants. */
  readonly constants?: Record<string, number>;
}

/** What a kernel's `gpu` function receives. */
export interface GpuContext {
  readonly device: GPUDevice;
  /** Uploads a surface to read from; bytes outside its texels hold a canary salted apart from the output's. */
  surface(s: Surface): SurfaceBinding;
  /** The case's output surface, canary-filled with a guard band; exactly one per case. */
  output(desc: TextureDesc, options?: OutputOptions): OutputBinding;
  /** A read-only storage buffer holding a packed TextureDesc (docs/facts.md#textures). */
  desc(d: TextureDesc): Binding;
  /** A uniform buffer holding these u32 words (padded to 16 bytes). */
  uniform(words: ArrayLike<number>): Binding;
  /** A read-only storage buffer holding these u32 words. */
  storage(words: ArrayLike<number>): Binding;
  /**
   * A texture with the surface's mip levels, level 0 holding its texels, usable
   * sampled and as a storage texture; views of single levels come from {@link textureLevel}.
   */
  texture(s: Surface, format: GPUTextureFormat): GPUTexture;
  /** One mip level of a texture, bound sampled or as a storage texture. */
  textureLevel(t: GPUTexture, level: number, as: 'texture' | 'storage-texture'): Binding;
  /** A sampler. */
  sampler(d: GPUSamplerDescriptor): Binding;
  /**
   * Records a dispatch of `entryPoint` over `threads` invocations (workgroup
   * counts come from the WGSL's @workgroup_size); `bindings[i]` is bound at
   * @group(0) @binding(i). Empty dispatches are skipped.
   */
  dispatch(entryPoint: string, bindings: readonly Binding[], threads: readonly [number, number?, number?], options?: DispatchOptions): void;
}

/**
 * A binding that does not match the WGSL, a size over the device's limits:
 * problems of the case's setup, named with the kernel and the fix.
 */
export class GpuSetupError extends Error {
  override name = 'GpuSetupError';
}

const MIB = 1024 * 1024;
/** wgsl_reflect's ResourceType codes, as binding kinds. */
const RESOURCE_KIND: Record<number, 'uniform' | 'storage' | 'texture' | 'sampler' | 'storage-texture'> = { 0: 'uniform', 1: 'storage', 3: 'texture', 4: 'sampler', 5: 'storage-texture' };

/** The per-case implementation of {@link GpuContext}. */
export class CaseGpu implements GpuContext {
  readonly device: GPUDevice;
  private readonly acquired: GPUBuffer[] = [];
  private readonly textures: GPUTexture[] = [];
  private pass: GPUComputePassEncoder | undefined;
  private slot: number | undefined;
  private out: OutputBinding | undefined;
  private inputs = 0;
  /** CPU time spent writing buffers and textures (ms). */
  uploadMs = 0;
  /** Per-dispatch validation scopes: `dispatch 2 (mip_downsample): <message>` or null. */
  private readonly dispatchErrors: Array<Promise<string | null>> = [];

  constructor(
    private readonly session: GpuSession,
    private readonly kernel: string,
    private readonly src: WgslSource,
    private readonly module: GPUShaderModule,
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
   * Throws GpuSetupError before anything is allocated:
   * `generate_mips: output needs a 4096.0 MiB storage buffer; this device allows 128 MiB (maxStorageBufferBindingSize). Fix: …`
   */
  private checkStorageSize(size: number, label: string): void {
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (size > limit) {
      throw new GpuSetupError(
        `${this.kernel}: ${label} needs a ${(size / MIB).toFixed(1)} MiB storage buffer; this device allows ${(limit / MIB).toFixed(0)} MiB (maxStorageBufferBindingSize). ` +
          'Fix: lower the kernel\'s size budget (maxSide) or run on a device with larger limits.',
      );
    }
  }

  private buffer(size: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
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

  private surfaceBuffer(label: string, fill: Uint8Array): GPUBuffer {
    const b = this.buffer(fill.length, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, label);
    this.write(b, fill);
    return b;
  }

  surface(s: Surface): SurfaceBinding {
    this.checkStorageSize(guardedBytes(s.desc), 'surface');
    const fill = canaryBytes(guardedBytes(s.desc), ++this.inputs);
    for (const [a, b] of texelRanges(s.desc, s.desc.levels.map((l) => l.level))) fill.set(s.bytes.subarray(a, b), a);
    return { kind: 'surface', desc: s.desc, buffer: this.surfaceBuffer('surface', fill), size: fill.length, label: 'surface' };
  }

  output(desc: TextureDesc, options: OutputOptions = {}): OutputBinding {
    if (this.out) throw new GpuSetupError(`${this.kernel}: output() called twice; a case has exactly one output surface`);
    this.checkStorageSize(guardedBytes(desc), 'output');
    const fill = canaryBytes(guardedBytes(desc));
    if (options.init) {
      for (const [a, b] of texelRanges(desc, options.init.levels)) fill.set(options.init.from.bytes.subarray(a, b), a);
    }
    const ownedLevels = options.owns ?? desc.levels.map((l) => l.level);
    this.out = { kind: 'surface', desc, ownedLevels, buffer: this.surfaceBuffer('output', fill), size: fill.length, label: 'output' };
    return this.out;
  }

  desc(d: TextureDesc): Binding {
    const words = packTextureDesc(d);
    const b = this.buffer(words.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, 'desc');
    this.write(b, words);
    return { kind: 'storage', buffer: b, size: words.byteLength, label: 'desc' };
  }

  uniform(words: ArrayLike<number>): Binding {
    const data = new Uint32Array(Math.max(4, Math.ceil(words.length / 4) * 4));
    data.set(Array.from(words));
    const b = this.buffer(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'uniform');
    this.write(b, data);
    return { kind: 'uniform', buffer: b, size: data.byteLength, label: 'uniform' };
  }

  storage(words: ArrayLike<number>): Binding {
    const data = Uint32Array.from({ length: Math.max(1, words.length) }, (_, i) => words[i] ?? 0);
    const b = this.buffer(data.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, 'storage');
    this.write(b, data);
    return { kind: 'storage', buffer: b, size: data.byteLength, label: 'storage' };
  }

  texture(s: Surface, format: GPUTextureFormat): GPUTexture {
    const t = this.device.createTexture({
      size: [s.desc.width, s.desc.height],
      mipLevelCount: s.desc.levels.length,
      format,
      usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.COPY_DST,
      label: `${this.kernel}:texture`,
    });
    this.textures.push(t);
    const l0 = s.desc.levels[0]!;
    const t0 = performance.now();
    this.device.queue.writeTexture({ texture: t }, s.bytes, { offset: l0.offsetBytes, bytesPerRow: l0.pitchBytes, rowsPerImage: l0.height }, [l0.width, l0.height]);
    this.uploadMs += performance.now() - t0;
    return t;
  }

  textureLevel(t: GPUTexture, level: number, as: 'texture' | 'storage-texture'): Binding {
    return { kind: as, resource: t.createView({ baseMipLevel: level, mipLevelCount: 1 }), label: `${as} level ${level}` };
  }

  sampler(d: GPUSamplerDescriptor): Binding {
    return { kind: 'sampler', resource: this.device.createSampler(d), label: 'sampler' };
  }

  private entry(entryPoint: string): FunctionInfo {
    const entries = reflectSource(this.src).entry.compute;
    const e = entries.find((f) => f.name === entryPoint);
    if (!e) {
      throw new GpuSetupError(`${this.kernel}: no @compute entry point '${entryPoint}' in its WGSL (it has: ${entries.map((f) => f.name).join(', ') || 'none'})`);
    }
    return e;
  }

  private checkBindings(e: FunctionInfo, bindings: readonly Binding[]): void {
    const used = e.resources.filter((r) => r.group === 0);
    const problems: string[] = [];
    for (const r of used) {
      const given = bindings[r.binding];
      const wants = RESOURCE_KIND[r.resourceType] ?? 'storage';
      const givenKind = given && (given.kind === 'surface' || given.kind === 'storage' ? 'storage' : given.kind);
      if (!given) problems.push(`@binding(${r.binding}) ${r.name} (${wants}) is not given`);
      else if (givenKind !== wants) {
        problems.push(`@binding(${r.binding}) ${r.name} is ${wants} in the WGSL but a ${given.kind}${'buffer' in given ? ' buffer' : ''} (${given.label}) was given`);
      }
    }
    bindings.forEach((b, i) => {
      if (!used.some((r) => r.binding === i)) problems.push(`binding ${i} (${b.label}) is given but entry point '${e.name}' uses no @group(0) @binding(${i})`);
    });
    if (problems.length) {
      throw new GpuSetupError(`${this.kernel}: binding mismatch for entry point '${e.name}':\n  ${problems.join('\n  ')}\nFix: pass bindings in @binding order, as the WGSL declares them.`);
    }
  }

  dispatch(entryPoint: string, bindings: readonly Binding[], threads: readonly [number, number?, number?], options: DispatchOptions = {}): void {
    const e = this.entry(entryPoint);
    this.checkBindings(e, bindings);
    const size = e.workgroupSize ?? [1, 1, 1];
    const groups = [0, 1, 2].map((i) => Math.ceil((threads[i] ?? 1) / size[i]!));
    if (groups.some((g) => g === 0)) return;
    const maxGroups = this.device.limits.maxComputeWorkgroupsPerDimension;
    if (groups.some((g) => g > maxGroups)) {
      throw new GpuSetupError(`${this.kernel}: ${entryPoint} needs ${groups.join('x')} workgroups; this device allows ${maxGroups} per dimension. Fix: lower the kernel's size budget.`);
    }
    const n = this.dispatchErrors.length + 1;
    if (this.scoped) this.device.pushErrorScope('validation');
    const pipeline = this.session.pipelines.pipeline(this.module, entryPoint, options.constants);
    const bindGroup = this.device.createBindGroup({
      layout: this.session.pipelines.layout(pipeline),
      entries: bindings.map((b, i) => ({ binding: i, resource: 'buffer' in b ? { buffer: b.buffer, offset: 0, size: b.size } : b.resource })),
    });
    if (this.scoped) this.dispatchErrors.push(this.device.popErrorScope().then((e) => (e ? `dispatch ${n} (${entryPoint}): ${e.message}` : null)));
    if (!this.pass) {
      const ts = this.submission.timestampSlot();
      this.slot = ts?.slot;
      this.pass = this.submission.encoder.beginComputePass({ label: this.kernel, ...(ts ? { timestampWrites: ts.writes } : {}) });
    }
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, bindGroup);
    this.pass.dispatchWorkgroups(groups[0]!, groups[1]!, groups[2]!);
  }

  /** Validation errors of each dispatch's pipeline and bindings, named by dispatch. */
  async dispatchValidation(): Promise<string[]> {
    return (await Promise.all(this.dispatchErrors)).filter((e): e is string => e !== null);
  }

  /**
   * Ends the case's compute pass and queues its output (chain + guard band)
   * for readback with the submission; returns the output and the read's index.
   * Throws GpuSetupError when the kernel declared no output:
   * `mip_downsample: its gpu function never called output(); a case has exactly one output surface`.
   */
  close(): { output: OutputBinding; read: number } {
    this.endPass();
    const out = this.out;
    if (!out) throw new GpuSetupError(`${this.kernel}: its gpu function never called output(); a case has exactly one output surface`);
    return { output: out, read: this.submission.read(out.buffer, out.size, this.slot) };
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
