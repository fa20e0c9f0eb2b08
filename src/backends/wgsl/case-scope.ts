/**
 * What the parts of one case's GPU context share: the session and device,
 * the kernel's name for errors, the outputs the case declared, where each
 * bound variable's guard band lay, the variables each buffer was bound to, and the CPU time spent uploading.
 */
import type { OutputSpec, Protection } from '../../model/output/spec.ts';
import { SetupError } from '../../model/setup-error.ts';
import type { GpuSession } from './session.ts';

const MIB = 1024 * 1024;

/** The per-case state buffers, textures and dispatches record into. */
export class CaseScope {
  readonly device: GPUDevice;
  /** The outputs this case declared, by the binding the gpu function returns. */
  readonly declared = new Map<object, OutputSpec>();
  /** Per WGSL variable bound to a guarded buffer or an output texture: where its guard band lay. */
  readonly protection: Record<string, Protection> = {};
  /** CPU time spent writing buffers and textures (ms). */
  uploadMs = 0;
  /** Per buffer bound in a dispatch of this case: the WGSL variables it was bound to. */
  private readonly variables = new Map<GPUBuffer, Set<string>>();

  constructor(
    readonly session: GpuSession,
    readonly kernel: string,
  ) {
    this.device = session.device;
  }

  /** Runs an upload (a buffer or texture write), adding its CPU time to {@link uploadMs}. */
  timeUpload(upload: () => void): void {
    const t = performance.now();
    upload();
    this.uploadMs += performance.now() - t;
  }

  /** Records that a dispatch bound `buffer` to the WGSL variable `variable`. */
  noteBound(buffer: GPUBuffer, variable: string): void {
    const of = this.variables.get(buffer) ?? new Set<string>();
    this.variables.set(buffer, of.add(variable));
  }

  /** The one WGSL variable `buffer` was bound to; undefined where it was bound to none or to several. */
  soleVariable(buffer: GPUBuffer): string | undefined {
    const of = this.variables.get(buffer);
    return of?.size === 1 ? [...of][0] : undefined;
  }

  /** Records `binding` as an output of this case, described by `spec`. */
  declare<T extends object>(binding: T, spec: OutputSpec): T {
    this.declared.set(binding, spec);
    return binding;
  }

  /**
   * Throws SetupError before anything is allocated:
   * `generate_mips: output needs a 4096.0 MiB storage buffer; this device allows 128 MiB (maxStorageBufferBindingSize). Fix: …`
   */
  checkStorageSize(size: number, label: string): void {
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (size > limit) {
      throw new SetupError(
        `${this.kernel}: ${label} needs a ${(size / MIB).toFixed(1)} MiB storage buffer; this device allows ${(limit / MIB).toFixed(0)} MiB (maxStorageBufferBindingSize). ` +
          "Fix: lower the kernel's size budget (maxSide) or run on a device with larger limits.",
      );
    }
  }
}
