/**
 * The seam between the backend-neutral core and a native backend: what a
 * backend is (where it runs, how it times) and how one case's native half
 * runs; what comes back is the DeviceRun every backend gives the judge
 * (output/run.ts).
 */
import type { DeviceInfo } from '../../model/device.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import type { NativeBackendName, NativeContext, NativeImplementation } from './api.ts';

export interface NativeBackend {
  readonly name: NativeBackendName;
  /** Where it runs, recorded as a sweep's adapter: `NVIDIA H200 (sm_90)`, or the CPU and the compiler. */
  readonly device: DeviceInfo;
  /** How kernel time is taken, for SweepTiming.source. */
  readonly timingSource: string;
  /**
   * Runs one case's native half into the shape every backend gives the judge
   * (kernel time: CUDA events around each launch, or the wall time of the C++
   * calls); never throws for a problem of the case. Work that does not finish
   * within `deadlineMs` is the case's `timeout`.
   */
  runCase<I>(
    label: string,
    impl: NativeImplementation<I, NativeContext>,
    input: I,
    deadlineMs: number,
  ): Promise<DeviceRun>;
  /**
   * Set once the backend cannot run more work in this process (a CUDA kernel that never finished holds its
   * context): why. Sweeps that start after it count the backend unavailable with this reason.
   */
  readonly lost?: string | undefined;
}

/** A backend, or why it cannot run here (what was looked for). */
export type BackendProbe = { readonly backend: NativeBackend } | { readonly unavailable: string };
