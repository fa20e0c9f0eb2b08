/**
 * What every backend is, whatever runs its implementations (WGSL through Dawn,
 * CUDA through NVRTC and the driver, C++ through the system compiler, or one a
 * project registers): where it runs, how it compiles a kernel's implementation
 * once per sweep, and how it runs a batch of cases into the DeviceRun every
 * backend gives the judge (model/output/run.ts).
 */
import type { BackendKernel } from './implementations.ts';
import type { DeviceInfo } from '../model/device.ts';
import type { DeviceRun } from '../model/output/run.ts';
import type { SanitizerFinding, SanitizerTool } from '../model/sanitizer.ts';

/**
 * One case to re-run under a sanitizer: the case itself, and where fast-check finds it again (kernel, seed, path:
 * what its replay line names), for a backend whose tool must run it in a child process.
 */
export interface SanitizeRequest<I> {
  readonly input: I;
  readonly kernel: string;
  readonly seed: number;
  readonly path: string;
  readonly tool: SanitizerTool;
  readonly deadlineMs: number;
}

/**
 * Where a backend runs and how it takes kernel time — with `unsupported` when the device lacks what the run
 * requires of every sweep (a project's required features), which makes each sweep on it unsupported — or why it
 * cannot run here (what was looked for).
 */
export type BackendProbe =
  | { readonly device: DeviceInfo; readonly timingSource: string; readonly unsupported?: string }
  | { readonly unavailable: string };

/** A kernel's implementation compiled by a backend: what its `run` takes. Each backend adds what it keeps. */
export interface Compiled<I> {
  readonly kernel: BackendKernel<I>;
  /** The sweep's label (`im2col [cuda]`), which the backend's messages start with. */
  readonly label: string;
}

/**
 * What compiling a kernel's implementation gave: the compiled handle; the compiler's log (at file:line:col) when
 * it does not compile; or why this device cannot run it (a feature or limit it requires is missing).
 */
export type CompileOutcome<I> =
  { readonly compiled: Compiled<I> } | { readonly compileError: string } | { readonly unsupported: string };

/** The device's peak memory bandwidth as its driver states it (memory clock x bus width), and where it came from. */
export interface PeakBandwidth {
  readonly bytesPerS: number;
  /** `driver: 2619 MHz x 5120-bit, double data rate`. */
  readonly source: string;
}

/**
 * One case of a kernel prepared for timing (the bench): uploaded and run once, its kernel work then launched again
 * on the same buffers as often as asked, timed by the device (timestamps, events) or, for a CPU backend, in-process.
 */
export interface KernelTimer {
  /** Device time (ns) of `launches` back-to-back launches of the case's kernel work, between one pair of stamps. */
  hot(launches: number): Promise<number>;
  /** Device time (ns) of one launch each, `samples` times, the device's cache flushed (overwritten) before each. */
  cold(samples: number): Promise<number[]>;
  /** The device's peak memory bandwidth, where its driver states it. */
  readonly peak?: PeakBandwidth;
  /** Gives back what the case holds. */
  release(): void;
}

/**
 * What preparing a case for timing gave: the timer; why the case did not run (its first error, one line); or why
 * this backend or device cannot time it (no timestamp queries): the bench counts that row `unsupported`.
 */
export type TimerOutcome =
  { readonly timer: KernelTimer } | { readonly error: string } | { readonly unsupported: string };

/** A backend: what the registry loads by name, and what a sweep compiles and runs a kernel's implementation on. */
export interface Backend {
  /** As `--backend` takes it, and as a sweep label shows it: `im2col [cuda]`. */
  readonly name: string;
  /** The kernel's implementation for this backend, or undefined when it has none. */
  implementationOf<I>(kernel: BackendKernel<I>): unknown;
  /** Where it runs, once per process; or why it cannot run here. */
  probe(): Promise<BackendProbe>;
  /**
   * Compiles (or validates) the kernel's implementation, once per sweep, before its first case; `label` names the
   * sweep (`im2col [cuda]`) in what it reports.
   */
  compile<I>(kernel: BackendKernel<I>, label: string): Promise<CompileOutcome<I>>;
  /**
   * Runs the device half of `inputs`, one DeviceRun per input in order; work that does not finish within
   * `deadlineMs` is its case's `timeout`. Never throws for a problem of a case: it becomes the case's outcome.
   */
  run<I>(compiled: Compiled<I>, inputs: readonly I[], deadlineMs: number): Promise<DeviceRun[]>;
  /** Gives back what it holds (devices, processes); a later probe starts again. */
  release(): void;
  /**
   * Replaces the process its cases run in, so that the next case starts clean of what an earlier one did to its
   * memory (the C++ runner: a kernel may corrupt its heap). False where cases share nothing a kernel can corrupt.
   */
  isolate?(): boolean;
  /**
   * Runs one case again under a sanitizer (a native backend): its first error, that it found none, or why it could
   * not run (the tool is not installed: what was searched). Never throws.
   */
  sanitizeCase?<I>(compiled: Compiled<I>, req: SanitizeRequest<I>): Promise<SanitizerFinding>;
  /**
   * Prepares `input` for timing (the bench's hot and cold loops); never throws for a problem of the case. A backend
   * without it is `unsupported` in the bench.
   */
  timer?<I>(compiled: Compiled<I>, input: I, deadlineMs: number): Promise<TimerOutcome>;
  /**
   * Set once it cannot run more work in this process (a CUDA kernel that never finished holds its context): why.
   * Sweeps that start after it count the backend unavailable with this reason.
   */
  readonly lost: string | undefined;
}
