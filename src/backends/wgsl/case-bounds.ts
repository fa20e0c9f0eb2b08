/**
 * A case's bounds-check records (`--sanitize` on WGSL): one zeroed record
 * buffer per bounds-checked module the case dispatches, bound at the free
 * binding the check chose for every entry point that reaches a checked
 * access, read back with the case and turned into the case's outcome
 * `sanitizer` when any access fell outside its bound.
 */
import type { DeviceRun } from '../../model/output/run.ts';
import type { BoundsCheck } from '../../wgsl/bounds-check/instrument.ts';
import { boundsViolations } from '../../wgsl/bounds-check/report.ts';
import type { BoundsRead, KernelModule } from './gpu-context.ts';
import type { Submission } from './submission.ts';

/** The record buffers of one case. */
export class CaseBounds {
  private readonly records = new Map<BoundsCheck, GPUBuffer>();

  /** `zeroed` gives a zeroed storage buffer of the case (`bytes`, label). */
  constructor(private readonly zeroed: (bytes: number, label: string) => GPUBuffer) {}

  /** The record buffer's bind group entry and group for a dispatch of `entryPoint`, if it reaches a checked access. */
  entry(
    m: KernelModule,
    entryPoint: string,
  ): { readonly group: number; readonly entry: GPUBindGroupEntry } | undefined {
    const check = m.bounds;
    if (!check?.record || !check.recordUsers.has(entryPoint)) return undefined;
    let buffer = this.records.get(check);
    if (!buffer) {
      buffer = this.zeroed(check.record.bytes, 'bounds check');
      this.records.set(check, buffer);
    }
    return { group: check.record.group, entry: { binding: check.record.binding, resource: { buffer } } };
  }

  /** Queues each record buffer for readback. */
  read(submission: Submission): BoundsRead[] {
    return [...this.records].map(([check, buffer]) => ({ check, read: submission.read(buffer, check.record!.bytes) }));
  }
}

/**
 * The outcome `sanitizer` when a record says an access fell outside its bound, else undefined:
 * `oob: bounds check: out-of-bounds read src[16] (bound 16; @group(0) @binding(0) src, storage) at …:9 by global
 * invocation (16, 0, 0)` (one line per variable).
 */
export function boundsOutcome(
  kernel: string,
  records: readonly BoundsRead[],
  reads: readonly Uint8Array[],
): DeviceRun | undefined {
  const found = records.flatMap((r) => {
    const bytes = reads[r.read]!;
    return boundsViolations(r.check, new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
  });
  return found.length ? { outcome: 'sanitizer', error: `${kernel}: bounds check: ${found.join('\n  ')}` } : undefined;
}
