/**
 * The seam between the backend-neutral core and a native backend: what a
 * backend is (where it runs, how it times), how one case's native half runs,
 * and what comes back — the same shape the WGSL path gives the judge.
 */
import type { CanaryReport } from '../canary.ts';
import type { AdapterInfo } from '../gpu/adapter.ts';
import type { CaseOutcome } from '../run-case.ts';
import type { TextureDesc } from '../surface/desc.ts';
import type { NativeBackendName, NativeContext, NativeImplementation } from './api.ts';

/** One run of a case's native half: its output's bytes (chain + rear guard), or why there are none. */
export type NativeRun =
  | {
      readonly output: { readonly desc: TextureDesc; readonly ownedLevels: readonly number[] };
      readonly bytes: Uint8Array;
      /** Kernel time: CUDA events around each launch, or the wall time of the C++ calls. */
      readonly gpuNs: number;
      readonly uploadMs: number;
      readonly readbackMs: number;
    }
  | { readonly outcome: CaseOutcome; readonly error: string; readonly canary?: CanaryReport };

export interface NativeBackend {
  readonly name: NativeBackendName;
  /** Where it runs, recorded as a sweep's adapter: `NVIDIA H200 (sm_90)`, or the CPU and the compiler. */
  readonly device: AdapterInfo;
  /** How kernel time is taken, for SweepTiming.source. */
  readonly timingSource: string;
  /** Runs one case's native half; never throws for a problem of the case. */
  runCase<I>(label: string, impl: NativeImplementation<I, NativeContext>, input: I): Promise<NativeRun>;
}

/** A backend, or why it cannot run here (what was looked for). */
export type BackendProbe = { readonly backend: NativeBackend } | { readonly unavailable: string };
