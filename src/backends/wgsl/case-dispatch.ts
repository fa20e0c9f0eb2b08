/**
 * A case's dispatches: each checked against its module's WGSL (entry point,
 * bindings by name, storage-texture access the device supports, workgroup
 * limits), then recorded into the case's one compute pass, in its own
 * validation scope where the case runs alone.
 */
import { storageSupport, TEXTURE_FORMATS } from '../../model/elements/texture-formats.ts';
import { SetupError } from '../../model/setup-error.ts';
import { computeEntry, resolveBindings, type ResolvedBinding, type StorageTextureType } from './bindings.ts';
import type { CaseBounds } from './case-bounds.ts';
import type { CaseScope } from './case-scope.ts';
import type { CaseTextures } from './case-textures.ts';
import type { Binding, BufferBinding, DispatchOptions, KernelModule } from './gpu-context.ts';
import type { Submission } from './submission.ts';

/** The dispatches of one case, recorded into its compute pass. */
export class CaseDispatches {
  private pass: GPUComputePassEncoder | undefined;
  /** The timestamp slot of the case's pass, when the submission times it. */
  slot: number | undefined;
  /** Per-dispatch validation scopes: `dispatch 2 (mip_downsample): <message>` or null. */
  private readonly dispatchErrors: Array<Promise<string | null>> = [];
  /** Every dispatch as recorded, so the bench can record the case's kernel work again (see replay). */
  private readonly recorded: Array<{
    readonly pipeline: GPUComputePipeline;
    readonly bindGroups: ReadonlyArray<readonly [number, GPUBindGroup]>;
    readonly groups: readonly number[];
  }> = [];

  constructor(
    private readonly scope: CaseScope,
    private readonly textures: CaseTextures,
    /** The kernel's modules by name; `''` is its `wgsl`. */
    private readonly modules: ReadonlyMap<string, KernelModule>,
    private readonly submission: Submission,
    /** Give every dispatch its own validation scope, so an error names the dispatch. */
    private readonly scoped: boolean,
    /** The bounds check's record buffers, bound where a module is bounds-checked. */
    private readonly bounds: CaseBounds,
  ) {}

  /** A dispatch over `threads` invocations: workgroup counts from @workgroup_size (workgroupsFor). */
  dispatch(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    threads: readonly [number, number?, number?],
    options: DispatchOptions = {},
  ): void {
    this.record(entryPoint, bindings, options, (size) => this.workgroupsFor(entryPoint, size, threads));
  }

  /** A dispatch of exactly `groups` workgroups, each within the device's limit (explicitWorkgroups). */
  dispatchWorkgroups(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    groups: readonly [number, number?, number?],
    options: DispatchOptions = {},
  ): void {
    this.record(entryPoint, bindings, options, () => this.explicitWorkgroups(entryPoint, groups));
  }

  /** Checks a dispatch against its module's WGSL and records it; a dispatch of no workgroups is skipped. */
  private record(
    entryPoint: string,
    bindings: Readonly<Record<string, Binding>> | readonly Binding[],
    options: DispatchOptions,
    workgroups: (size: readonly number[]) => readonly number[],
  ): void {
    const m = this.moduleFor(options.module);
    const e = computeEntry(this.scope.kernel, m.src, entryPoint);
    const resolved = resolveBindings(this.scope.kernel, m.src, e, bindings);
    this.checkStorageTextures(entryPoint, resolved);
    const groups = workgroups(e.workgroupSize ?? [1, 1, 1]);
    if (groups.some((g) => g === 0)) return;
    const n = this.dispatchErrors.length + 1;
    const device = this.scope.device;
    if (this.scoped) device.pushErrorScope('validation');
    const pipeline = this.scope.session.pipelines.pipeline(m.module, entryPoint, options.constants);
    const bindGroups = this.bindGroups(pipeline, resolved, m, entryPoint);
    if (this.scoped)
      this.dispatchErrors.push(
        device.popErrorScope().then((err) => (err ? `dispatch ${n} (${entryPoint}): ${err.message}` : null)),
      );
    const pass = this.computePass();
    pass.setPipeline(pipeline);
    for (const [group, bg] of bindGroups) pass.setBindGroup(group, bg);
    pass.dispatchWorkgroups(groups[0]!, groups[1]!, groups[2]!);
    this.recorded.push({ pipeline, bindGroups, groups });
  }

  /** Records the case's dispatches again, in order, into `pass`, on the same pipelines and bindings. */
  replay(pass: GPUComputePassEncoder): void {
    for (const d of this.recorded) {
      pass.setPipeline(d.pipeline);
      for (const [group, bg] of d.bindGroups) pass.setBindGroup(group, bg);
      pass.dispatchWorkgroups(d.groups[0]!, d.groups[1]!, d.groups[2]!);
    }
  }

  /** How many dispatches the case recorded. */
  get count(): number {
    return this.recorded.length;
  }

  /** Validation errors of each dispatch's pipeline and bindings, named by dispatch. */
  async validation(): Promise<string[]> {
    return (await Promise.all(this.dispatchErrors)).filter((e): e is string => e !== null);
  }

  /** Ends the case's compute pass, if one is open. */
  endPass(): void {
    this.pass?.end();
    this.pass = undefined;
  }

  /**
   * The module a dispatch names, or SetupError:
   * `blur: dispatch names module 'commn', which is not among the kernel's modules (common)`.
   */
  private moduleFor(name: string | undefined): KernelModule {
    const m = this.modules.get(name ?? '');
    if (!m) {
      const names = [...this.modules.keys()].filter((k) => k !== '');
      throw new SetupError(
        `${this.scope.kernel}: dispatch names module '${name}', which is not among the kernel's modules (${names.join(', ') || 'none'})`,
      );
    }
    return m;
  }

  /** Checks each storage texture's access against the device, and notes the input levels the kernel can write. */
  private checkStorageTextures(entryPoint: string, resolved: readonly ResolvedBinding<Binding>[]): void {
    for (const r of resolved) {
      if (!r.storageTexture) continue;
      this.checkStorageAccess(entryPoint, r.variable, r.storageTexture);
      if (r.storageTexture.access !== 'read') this.textures.noteWritable(r.given, `${r.variable} in ${entryPoint}`);
    }
  }

  /**
   * Workgroup counts for `threads` invocations. A one-dimensional dispatch with more workgroups than the device
   * allows per dimension is split over y: `rows = ceil(G / max)` rows of `ceil(G / rows)` workgroups, so the
   * kernel's linear index is `gid.x + gid.y * num_workgroups.x * workgroup_size.x`, and the last row may overshoot
   * (guard the index). Beyond that, SetupError:
   * `blur: blur_h needs 70000x2x1 workgroups; this device allows 65535 per dimension
   * (maxComputeWorkgroupsPerDimension). Fix: lower the kernel's size budget.`
   */
  private workgroupsFor(
    entryPoint: string,
    size: readonly number[],
    threads: readonly [number, number?, number?],
  ): readonly number[] {
    const groups = [0, 1, 2].map((i) => Math.ceil((threads[i] ?? 1) / size[i]!));
    const max = this.scope.device.limits.maxComputeWorkgroupsPerDimension;
    if (groups.some((g) => g === 0) || groups.every((g) => g <= max)) return groups;
    const rows = Math.ceil(groups[0]! / max);
    if (groups[1] === 1 && groups[2] === 1 && rows <= max) return [Math.ceil(groups[0]! / rows), rows, 1];
    throw new SetupError(
      `${this.scope.kernel}: ${entryPoint} needs ${groups.join('x')} workgroups; ${this.perDimension(max)}. ` +
        "Fix: lower the kernel's size budget.",
    );
  }

  /**
   * Exactly the workgroup counts a kernel gives, or SetupError naming what is wrong:
   * `blur: dispatchWorkgroups(blur_h) asks for 70000x1x1 workgroups; this device allows 65535 per dimension
   * (maxComputeWorkgroupsPerDimension). Fix: split them over y or z`, `… asks for 1.5x1x1 workgroups: counts are
   * whole numbers >= 0`.
   */
  private explicitWorkgroups(entryPoint: string, given: readonly [number, number?, number?]): readonly number[] {
    const groups = [0, 1, 2].map((i) => given[i] ?? 1);
    const asks = `${this.scope.kernel}: dispatchWorkgroups(${entryPoint}) asks for ${groups.join('x')} workgroups`;
    if (!groups.every((g) => Number.isInteger(g) && g >= 0))
      throw new SetupError(`${asks}: counts are whole numbers >= 0`);
    const max = this.scope.device.limits.maxComputeWorkgroupsPerDimension;
    if (groups.some((g) => g > max))
      throw new SetupError(`${asks}; ${this.perDimension(max)}. Fix: split them over y or z`);
    return groups;
  }

  /** `this device allows 65535 per dimension (maxComputeWorkgroupsPerDimension)`. */
  private perDimension(max: number): string {
    return `this device allows ${max} per dimension (maxComputeWorkgroupsPerDimension)`;
  }

  /** One bind group per group the bindings use, recording where each guarded variable's guard band lies. */
  private bindGroups(
    pipeline: GPUComputePipeline,
    resolved: readonly ResolvedBinding<Binding>[],
    m: KernelModule,
    entryPoint: string,
  ): ReadonlyArray<readonly [number, GPUBindGroup]> {
    const byGroup = new Map<number, GPUBindGroupEntry[]>();
    for (const r of resolved) {
      const b = r.given;
      if (this.textures.isOutputView(b)) this.scope.protection[r.variable] = 'texture';
      if ('buffer' in b) this.scope.noteBound(b.buffer, r.variable);
      const entries = byGroup.get(r.group) ?? [];
      entries.push({
        binding: r.binding,
        resource: 'buffer' in b ? this.range(b, r, m, entryPoint) : b.resource,
      });
      byGroup.set(r.group, entries);
    }
    const record = this.bounds.entry(m, entryPoint);
    if (record) byGroup.set(record.group, [...(byGroup.get(record.group) ?? []), record.entry]);
    return [...byGroup].map(
      ([group, entries]) =>
        [
          group,
          this.scope.device.createBindGroup({ layout: this.scope.session.pipelines.layout(pipeline, group), entries }),
        ] as const,
    );
  }

  /**
   * The range of a buffer a variable sees: its data and guard band, or, where the kernel sizes itself with
   * `arrayLength(&x)`, its data and the whole elements of guard band the rewritten arrayLength excludes (the data
   * alone where an element is larger than the guard band). Records where the guard band lies. Throws SetupError
   * where such a variable is given a buffer without a guard band:
   * `k: main sizes words with arrayLength, which excludes 64 elements (256 bytes) of guard band, but desc has none.
   * Fix: bind a buffer made by g.buffer, g.storage, g.struct({ space: 'storage' }), g.surface, g.output or g.outputBuffer.`
   * and where the data is shorter than the head before a member's array (arrayLength would wrap):
   * `k: main sizes counted with arrayLength of a member after 16 bytes, but buffer 4 holds 8 bytes. Fix: …`.
   * The bounds-checked build (compiled without the rewrite) sees exactly the data of every array it bounds with
   * arrayLength, so that its bound is the data's.
   */
  private range(b: BufferBinding, r: ResolvedBinding<Binding>, m: KernelModule, entryPoint: string): GPUBufferBinding {
    const guard = b.dataBytes === undefined ? 0 : b.size - b.dataBytes;
    if (m.bounds && b.dataBytes !== undefined && (r.lengthGuard || m.bounds.sizedByLength.has(r.variable))) {
      if (guard > 0) this.scope.protection[r.variable] = 'guard-beyond';
      return { buffer: b.buffer, offset: 0, size: b.dataBytes };
    }
    const excluded = r.lengthGuard && r.lengthGuard.elements * r.lengthGuard.stride;
    if (excluded !== undefined && excluded > guard)
      throw new SetupError(
        `${this.scope.kernel}: ${entryPoint} sizes ${r.variable} with arrayLength, which excludes ` +
          `${r.lengthGuard!.elements} elements (${excluded} bytes) of guard band, but ${b.label} has none. Fix: bind a ` +
          "buffer made by g.buffer, g.storage, g.struct({ space: 'storage' }), g.surface, g.output or g.outputBuffer.",
      );
    const head = r.lengthGuard?.head ?? 0;
    if (b.dataBytes !== undefined && b.dataBytes < head)
      throw new SetupError(
        `${this.scope.kernel}: ${entryPoint} sizes ${r.variable} with arrayLength of a member after ${head} bytes, ` +
          `but ${b.label} holds ${b.dataBytes} bytes. Fix: give ${r.variable} at least the ${head} bytes before its array.`,
      );
    if (guard > 0) this.scope.protection[r.variable] = excluded === 0 ? 'guard-beyond' : 'guard-inside';
    const size = excluded === undefined || b.dataBytes === undefined ? b.size : b.dataBytes + excluded;
    return { buffer: b.buffer, offset: 0, size };
  }

  /** The case's compute pass, begun (with the submission's timestamp slot, when it times) at its first dispatch. */
  private computePass(): GPUComputePassEncoder {
    if (!this.pass) {
      const ts = this.submission.timestampSlot();
      this.slot = ts?.slot;
      this.pass = this.submission.encoder.beginComputePass({
        label: this.scope.kernel,
        ...(ts ? { timestampWrites: ts.writes } : {}),
      });
    }
    return this.pass;
  }

  /**
   * A storage texture the device cannot bind with the WGSL's access fails as the kernel's setup, naming the feature:
   * `blur: dst (texture_storage_2d<rgba8unorm, read_write>) in blur_h: rgba8unorm storage textures with read-write
   * access need the device feature texture-formats-tier2. Fix: declare requires: { features: ['texture-formats-tier2'] }
   * (an adapter without it then reports the sweep unsupported), or use write access.`
   */
  private checkStorageAccess(entryPoint: string, variable: string, st: StorageTextureType): void {
    const f = TEXTURE_FORMATS[st.format];
    if (!f) return;
    const access = st.access === 'read_write' ? 'read-write' : st.access === 'read' ? 'read-only' : 'write-only';
    const ok = storageSupport(f, access, this.scope.device.features as unknown as Iterable<string>);
    if (ok.ok) return;
    const feature = /need the device feature (\S+)/.exec(ok.reason)?.[1];
    const fix = feature
      ? `declare requires: { features: ['${feature}'] } (an adapter without it then reports the sweep unsupported), or use write access`
      : 'use another format or access';
    throw new SetupError(
      `${this.scope.kernel}: ${variable} (${st.type}<${st.format}, ${st.access}>) in ${entryPoint}: ${ok.reason}. Fix: ${fix}.`,
    );
  }
}
