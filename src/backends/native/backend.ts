/**
 * What the native backends share of the Backend interface: probed once per
 * process, the implementation compiled (by nvcc, NVRTC or the system compiler)
 * before the first case, each case's native half run one after another on
 * the backend's runtime, into the DeviceRun every backend gives the judge.
 */
import type { Backend, CompileOutcome, Compiled, SanitizeRequest, TimerOutcome } from '../backend.ts';
import type { SanitizerFinding } from '../../model/sanitizer.ts';
import type { DeviceInfo } from '../../model/device.ts';
import { implementationOf, type BackendKernel } from '../implementations.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import type { NativeBackendName, NativeContext, NativeImplementation } from './api.ts';
import { NativeCompileError } from './host-compiler.ts';

type AnyImplementation = NativeImplementation<unknown, NativeContext>;

/** A native backend once found: its device, its compiler, and how it runs one case. */
export interface NativeRuntime {
  /** Where it runs, recorded as a sweep's adapter: `NVIDIA H200 (sm_90)`, or the CPU and the compiler. */
  readonly device: DeviceInfo;
  /** How kernel time is taken, for SweepTiming.source. */
  readonly timingSource: string;
  /** Why it cannot run more work in this process (see Backend `lost`). */
  readonly lost?: string | undefined;
  /** Compiles and loads `impl` (cached), its struct layouts checked; throws NativeCompileError with the log. */
  compile(label: string, impl: AnyImplementation): void;
  /**
   * Runs one case's native half (kernel time: CUDA events around each launch, or the wall time of the C++
   * calls); never throws for a problem of the case. Work that does not finish within `deadlineMs` is its `timeout`.
   */
  runCase(label: string, impl: AnyImplementation, input: unknown, deadlineMs: number): Promise<DeviceRun>;
  /**
   * Runs a batch's cases in order, where the runtime can do better than one runCase after another (the C++ runner
   * takes the next case's calls while it runs this one's); absent: runCase, one case at a time.
   */
  runCases?(
    label: string,
    impl: AnyImplementation,
    inputs: readonly unknown[],
    deadlineMs: number,
  ): Promise<DeviceRun[]>;
  /** Gives back what it holds. */
  release(): void;
  /** Replaces what its cases run in (the C++ runner process): the next case starts in a fresh one; false: none. */
  isolate(): boolean;
  /**
   * Runs one case and hands back its timer (see Backend `timer`); never throws for a problem of the case. A runtime
   * without it is `unsupported` in the bench.
   */
  timeCase?(label: string, impl: AnyImplementation, input: unknown, deadlineMs: number): Promise<TimerOutcome>;
  /** Runs one case again under a sanitizer (see Backend `sanitizeCase`); never throws. */
  sanitizeCase(label: string, impl: AnyImplementation, req: SanitizeRequest<unknown>): Promise<SanitizerFinding>;
}

/** A native kernel compiled: its implementation and sweep label. */
interface NativeCompiled<I> extends Compiled<I> {
  readonly impl: AnyImplementation;
  readonly label: string;
}

/**
 * The Backend `name` over the runtime `find` gives (called once per process, again after `release`), or why there
 * is none. A source that does not compile is the sweep's compile error (the compiler's log at file:line:col);
 * what else compiling throws (a driver failure) is left to the cases, each of which reports it as its outcome.
 */
export function nativeBackend(
  name: NativeBackendName,
  find: () => NativeRuntime | { readonly unavailable: string },
): Backend {
  let found: ReturnType<typeof find> | undefined;
  const runtime = (): NativeRuntime => {
    found ??= find();
    if ('unavailable' in found) throw new Error(found.unavailable);
    return found;
  };
  return {
    name,
    implementationOf: (k) => implementationOf(k, name),
    async probe() {
      found ??= find();
      return 'unavailable' in found ? found : { device: found.device, timingSource: found.timingSource };
    },
    async compile<I>(kernel: BackendKernel<I>, label: string): Promise<CompileOutcome<I>> {
      const impl = implementationOf(kernel, name) as AnyImplementation | undefined;
      if (!impl) throw new Error(`${label}: the kernel has no ${name} implementation`);
      try {
        runtime().compile(label, impl);
      } catch (e) {
        if (e instanceof NativeCompileError) return { compileError: e.message };
      }
      const compiled: NativeCompiled<I> = { kernel, impl, label };
      return { compiled };
    },
    async run<I>(compiled: Compiled<I>, inputs: readonly I[], deadlineMs: number): Promise<DeviceRun[]> {
      const { impl, label } = compiled as NativeCompiled<I>;
      const rt = runtime();
      if (rt.runCases) return rt.runCases(label, impl, inputs, deadlineMs);
      const runs: DeviceRun[] = [];
      for (const input of inputs) runs.push(await rt.runCase(label, impl, input, deadlineMs));
      return runs;
    },
    async timer<I>(compiled: Compiled<I>, input: I, deadlineMs: number): Promise<TimerOutcome> {
      const { impl, label } = compiled as NativeCompiled<I>;
      const rt = runtime();
      if (!rt.timeCase) return { unsupported: `${label}: the ${name} backend cannot time a kernel in-process yet` };
      return rt.timeCase(label, impl, input, deadlineMs);
    },
    release() {
      if (found && !('unavailable' in found)) found.release();
      found = undefined;
    },
    isolate() {
      return !!found && !('unavailable' in found) && found.isolate();
    },
    async sanitizeCase<I>(compiled: Compiled<I>, req: SanitizeRequest<I>): Promise<SanitizerFinding> {
      const { impl, label } = compiled as NativeCompiled<I>;
      return runtime().sanitizeCase(label, impl, req);
    },
    get lost() {
      return found && !('unavailable' in found) ? found.lost : undefined;
    },
  };
}
