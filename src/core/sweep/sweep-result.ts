/**
 * What a sweep is given and what it gives back: its options, its result
 * (every case recorded, the worst errors, timing), and its failure.
 */
import type { DeviceInfo } from '../../model/device.ts';
import type { NanPayloads } from '../../model/compare/policy.ts';
import type { BackendName } from '../../backends/registry.ts';
import type { Protection } from '../../model/output/spec.ts';
import type { SanitizerFinding } from '../../model/sanitizer.ts';
import type { CaseOutcome, CaseResult } from './case.ts';
import type { FailureArtifacts } from './failure-listeners.ts';
import type { SweepProfile } from './stage-clock.ts';

export interface SweepOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
  /**
   * How to replay one case, given seed and path; default: the main job's
   * `npx twinpath run <kernel> --backend B --seed S --path P`.
   */
  readonly replay?: (seed: number, path: string) => string;
  /** Which backend's implementation to sweep against the oracle (default DEFAULT_BACKEND). */
  readonly backend?: BackendName;
}

/** The worst error a sweep's passing cases showed, per unit, against the tolerance. */
export interface WorstError {
  /** The output it was seen on. */
  readonly output: string;
  readonly unit: string;
  readonly error: number;
  readonly tolerance: number;
  readonly policy: string;
  readonly case: string;
}

/**
 * The tolerance that applied to one output, per unit, over every case judged: the largest, where a policy sizes it
 * per case (`ulp(c => 2 * Math.ceil(Math.log2(c.n)))`), else the policy's one tolerance.
 */
export interface ToleranceRecord {
  readonly output: string;
  readonly unit: string;
  /** The largest tolerance any case was judged under. */
  readonly largest: number;
  /** The policy as named for the case with the largest: `ulp(20 per case)`. */
  readonly policy: string;
  /** The case that had it. */
  readonly case: string;
  /** Set where the tolerance was sized per case. */
  readonly perCase?: true;
  /** For float outputs: whether any NaN equalled any NaN (`any`) or NaN payloads were compared (`compared`). */
  readonly nanPayloads?: NanPayloads;
}

/** Cases a sweep hands to its backend at once (fast-check generates them; the first failure is then replayed and shrunk alone). */
export const CASES_PER_BATCH = 32;

/** The largest |error| of a case's failing output, against its tolerance. */
export interface CaseWorstError {
  readonly error: number;
  readonly unit: string;
  readonly tolerance: number;
  /** Set where it was NaN against a number (its error then Infinity, printed `NaN`). */
  readonly nanAgainstNumber?: true;
  /** The output it was seen on, where the case has several. */
  readonly output?: string;
}

/** The first failing case as fast-check drew it, kept beside the shrunk one: the error shrinking may have lost. */
export interface UnshrunkCase {
  readonly input: unknown;
  readonly case: string;
  /** Its fast-check path: `--path` replays it. */
  readonly path: string;
  readonly outcome: CaseOutcome;
  /** Where its outputs were compared. */
  readonly worst?: CaseWorstError;
}

export interface SweepFailure {
  /** The shrunk case itself. */
  readonly input: unknown;
  /** The shrunk case's result. */
  readonly result: CaseResult;
  readonly path: string;
  readonly shrinks: number;
  readonly replay: string;
  /** Files failure listeners wrote (pictures, data), relative to the report folder, by role. */
  readonly artifacts?: FailureArtifacts;
  /** Why a listener could not write its files. */
  readonly artifactErrors?: readonly string[];
  /** Said when the failing case did not fail again alone (it is then not shrunk). */
  readonly note?: string;
  /** The output that failed first (a case's outputs are judged in the order its gpu function returns them). */
  readonly output?: string;
  /** The shrunk case re-run once under a sanitizer (a native backend): what it found, or why it could not run. */
  readonly sanitizer?: SanitizerFinding;
  /** The first failing case before shrinking, where shrinking changed it. */
  readonly unshrunk?: UnshrunkCase;
}

/** prgpu's KernelTiming (docs/facts.md#textures): a running summary of one measure. */
export interface TimingStats {
  readonly count: number;
  readonly total: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
  readonly avg: number;
}

/** Per-sweep timing: kernel device time (ns: timestamp queries, CUDA events, C++ wall time), oracle, upload and readback (ms), over passing and failing cases alike. */
export interface SweepTiming {
  readonly gpuNs?: TimingStats;
  readonly oracleMs?: TimingStats;
  readonly uploadMs?: TimingStats;
  readonly readbackMs?: TimingStats;
  /** How kernel time was taken: `timestamp queries, Dawn quantization disabled`, `CUDA events around each launch`…, or why it was not. */
  readonly source: string;
}

/** One case of a sweep, compact: what results.json keeps of every case. */
export interface CaseRecord {
  readonly case: string;
  readonly outcome: CaseOutcome;
  /** Run by fast-check's generation, or while shrinking a failure. */
  readonly phase: 'run' | 'shrink';
  /** The largest |error|, in `unit`. */
  readonly worst?: number;
  readonly unit?: string;
}

export interface SweepResult {
  readonly kernel: string;
  /** The backend swept (`wgsl`, `cuda`, `cpp`, or a registered one); kernel + backend identify a sweep (sweepLabel names it). */
  readonly backend: BackendName;
  /** Where it ran: the WebGPU adapter, the CUDA device, the CPU and compiler of the C++ backend (NO_DEVICE where it reached none). */
  readonly adapter: DeviceInfo;
  readonly seed: number;
  readonly pass: boolean;
  /** Generated cases run before the sweep ended (shrinking not counted). */
  readonly runs: number;
  /** Every case run, shrink attempts included, by outcome. */
  readonly outcomes: Readonly<Partial<Record<CaseOutcome, number>>>;
  readonly worst: readonly WorstError[];
  /** Per output and unit, the largest tolerance a case was judged under (absent where no case was judged). */
  readonly tolerances?: readonly ToleranceRecord[];
  /** Every case run, in order. */
  readonly cases: readonly CaseRecord[];
  readonly timing: SweepTiming;
  readonly failure?: SweepFailure;
  /** What the kernel's describe() first threw, when it threw for any case (the sweep then fails, its cases kept). */
  readonly describeError?: string;
  /**
   * Why the backend could not run here (what was looked for): no case ran, and the sweep is neither a pass nor a
   * failure of the kernel. With `unsupported`, the one way a sweep says it did not run (a sweep never throws for it).
   */
  readonly unavailable?: string;
  /**
   * The compiler's log (at file:line:col) when the implementation did not compile: no case ran, no shrinking,
   * no replay line; a failure, never a pass.
   */
  readonly compileError?: string;
  /**
   * Set when the sweep could not run on this adapter: it lacks a device
   * feature or limit the kernel requires. Never a pass; counted apart.
   */
  readonly unsupported?: { readonly reason: string };
  /** Per WGSL variable of a guarded buffer: where its guard band lay (see Protection). */
  readonly protection?: Readonly<Record<string, Protection>>;
  readonly ms: number;
  readonly oracleMs: number;
  readonly gpuMs: number;
  /** Where the sweep's time went, by stage, and its floor: with TWINPATH_PROFILE=1 (`--profile`). */
  readonly profile?: SweepProfile;
}
