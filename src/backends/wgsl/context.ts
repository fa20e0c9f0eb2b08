/**
 * The small context a kernel's GPU function works through: inputs (surfaces,
 * typed buffers, packed structs, textures, samplers), named outputs
 * (surfaces, typed element buffers, textures), and dispatches that bind by
 * WGSL name in any group. The harness owns the device, pipelines, pooled
 * buffers, canaries, poison, readback and the check that inputs stay as
 * uploaded; a kernel never touches them. {@link CaseGpu} hands each kind of
 * resource to its own part: buffers, textures, dispatches.
 */
import type { LayoutValue, ZeroFill } from '../../model/layout/codec.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import type { TextureDesc } from '../../model/surface/desc.ts';
import type { Surface } from '../../model/surface/surface.ts';
import type { ElementOutputOptions } from '../../model/output/element-output.ts';
import type { OutputSpec } from '../../model/output/spec.ts';
import { TEXTURE_FORMATS } from '../../model/elements/texture-formats.ts';
import { SetupError } from '../../model/setup-error.ts';
import { CaseBounds } from './case-bounds.ts';
import { CaseBuffers } from './case-buffers.ts';
import { CaseDispatches } from './case-dispatch.ts';
import { CaseScope } from './case-scope.ts';
import { CaseTextures } from './case-textures.ts';
import type {
  Binding,
  BufferBinding,
  ClosedCase,
  DispatchOptions,
  ElementOutputBinding,
  GpuContext,
  GpuOutput,
  GpuOutputs,
  KernelModule,
  OutputBinding,
  OutputOptions,
  SurfaceBinding,
  TextureData,
  TextureOutput,
  TextureOutputOptions,
} from './gpu-context.ts';
import type { GpuSession } from './session.ts';
import type { Submission } from './submission.ts';

/** The per-case implementation of {@link GpuContext}. */
export class CaseGpu implements GpuContext {
  readonly device: GPUDevice;
  private readonly scope: CaseScope;
  private readonly buffers: CaseBuffers;
  private readonly textures: CaseTextures;
  private readonly dispatches: CaseDispatches;
  private readonly bounds: CaseBounds;

  constructor(
    session: GpuSession,
    kernel: string,
    /** The kernel's modules by name; `''` is its `wgsl`. */
    modules: ReadonlyMap<string, KernelModule>,
    private readonly submission: Submission,
    /**
     * Give every dispatch its own validation scope, so an error names the
     * dispatch. A submission of several cases goes without: it reruns its
     * cases alone (scoped) when anything fails.
     */
    scoped = true,
  ) {
    this.device = session.device;
    this.scope = new CaseScope(session, kernel);
    this.buffers = new CaseBuffers(this.scope);
    this.textures = new CaseTextures(this.scope);
    this.bounds = new CaseBounds((bytes, label) => this.buffers.zeroedStorage(bytes, label));
    this.dispatches = new CaseDispatches(this.scope, this.textures, modules, submission, scoped, this.bounds);
  }

  /** CPU time spent writing buffers and textures (ms). */
  get uploadMs(): number {
    return this.scope.uploadMs;
  }

  surface(s: Surface): SurfaceBinding {
    return this.buffers.surface(s);
  }

  output(desc: TextureDesc, options: OutputOptions = {}): OutputBinding {
    return this.buffers.output(desc, options);
  }

  buffer(data: ArrayBufferView, options: { readonly label?: string } = {}): BufferBinding {
    return this.buffers.buffer(data, options);
  }

  outputBuffer(o: ElementOutputOptions): ElementOutputBinding {
    return this.buffers.outputBuffer(o);
  }

  struct(
    s: StructDecl,
    value: { readonly [name: string]: LayoutValue },
    options: { readonly space?: 'uniform' | 'storage'; readonly zeroFill?: ZeroFill } = {},
  ): BufferBinding {
    return this.buffers.struct(s, value, options);
  }

  desc(d: TextureDesc): Binding {
    return this.buffers.desc(d);
  }

  uniform(words: ArrayLike<number> | Uint8Array): Binding {
    return this.buffers.uniform(words);
  }

  storage(words: ArrayLike<number>): Binding {
    return this.buffers.storage(words);
  }

  texture(s: Surface | TextureData, format?: GPUTextureFormat): GPUTexture {
    return this.textures.texture(s, format);
  }

  outputTexture(o: TextureOutputOptions): TextureOutput {
    return this.textures.outputTexture(o);
  }

  textureLevel(
    t: GPUTexture,
    level: number,
    as: 'texture' | 'storage-texture',
    dimension?: GPUTextureViewDimension,
  ): Binding {
    return this.textures.textureLevel(t, level, as, dimension);
  }

  textureView(t: GPUTexture, dimension?: GPUTextureViewDimension): Binding {
    return this.textures.textureView(t, dimension);
  }

  sampler(d: GPUSamplerDescriptor): Binding {
    return this.textures.sampler(d);
  }

  dispatch(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    threads: readonly [number, number?, number?],
    options: DispatchOptions = {},
  ): void {
    this.dispatches.dispatch(entryPoint, bindings, threads, options);
  }

  dispatchWorkgroups(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    groups: readonly [number, number?, number?],
    options: DispatchOptions = {},
  ): void {
    this.dispatches.dispatchWorkgroups(entryPoint, bindings, groups, options);
  }

  /** Records the case's dispatches again into `pass` (the bench's back-to-back launches). */
  replayDispatches(pass: GPUComputePassEncoder): void {
    this.dispatches.replay(pass);
  }

  /** How many dispatches the case recorded. */
  get dispatchCount(): number {
    return this.dispatches.count;
  }

  /** Validation errors of each dispatch's pipeline and bindings, named by dispatch. */
  async dispatchValidation(): Promise<string[]> {
    return this.dispatches.validation();
  }

  /** The named outputs a gpu function returned, each checked to be one this case declared. */
  private namedOutputs(returned: GpuOutputs | undefined): Array<[string, object]> {
    if (!returned)
      throw new SetupError(
        `${this.scope.kernel}: its gpu function returned no output; return the output binding, or a record of them by name`,
      );
    const single = this.scope.declared.has(returned);
    const entries: Array<[string, object]> = single
      ? [[(returned as GpuOutput).output, returned]]
      : Object.entries(returned);
    if (!entries.length)
      throw new SetupError(`${this.scope.kernel}: its gpu function returned an empty record of outputs`);
    for (const [name, b] of entries) {
      if (!this.scope.declared.has(b)) {
        throw new SetupError(
          `${this.scope.kernel}: output ${name} is not an output of this case; declare it with g.output(), g.outputBuffer() or g.outputTexture()`,
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
      const spec = { ...this.scope.declared.get(b)!, name };
      const read =
        'texture' in b
          ? this.readTexture(b as TextureOutput, spec)
          : this.submission.read((b as BufferBinding).buffer, (b as BufferBinding).size);
      return { spec, read };
    });
    const inputs = [...this.buffers.readInputs(this.submission), ...this.textures.readWritableInputs(this.submission)];
    const bounds = this.bounds.read(this.submission);
    this.submission.addCase();
    const textures = this.textures;
    return {
      outputs,
      inputs,
      unread: () => textures.unreadInputs(),
      slot: this.dispatches.slot,
      protection: { ...this.scope.protection },
      bounds,
    };
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
    this.dispatches.endPass();
  }

  /** Gives every buffer of this case back to the pool; textures are destroyed. */
  release(): void {
    this.buffers.release();
    this.textures.release();
  }
}
