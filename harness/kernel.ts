/**
 * The unit of twinpath: a kernel definition binds the WGSL, the pure-TS
 * oracle, the comparison policy and the case generator together.
 */
import type fc from 'fast-check';
import type { ExactValues } from './compare/compare.ts';
import type { Policy } from './compare/policy.ts';
import type { GpuContext, OutputBinding } from './gpu/context.ts';
import type { WgslSource } from './gpu/wgsl-source.ts';
import type { CppContext, CudaContext, NativeImplementation } from './native/api.ts';
import type { Storage } from './surface/format.ts';
import type { Surface } from './surface/surface.ts';

/** What an oracle returns: the expected surface, and for tie-aware policies the exact results. */
export interface OracleOutput {
  readonly surface: Surface;
  readonly exact?: ExactValues;
}

export interface KernelDefinition<I> {
  /** Unique, `[a-z0-9_]+`: it names the sweep, the report files and the replay line. */
  readonly name: string;
  readonly wgsl: WgslSource;
  /** The case generator. */
  readonly input: fc.Arbitrary<I>;
  /**
   * The oracle: pure TS, no GPU. `gpu` is the GPU's output (bytes only), for
   * chained kernels: a later pass may legitimately see an earlier pass's
   * rounding (FACTS.md §5), so its expected values are computed from the
   * GPU's earlier levels — each pass judged on its actual input. An oracle
   * never reads the level it is judged on from `gpu`.
   */
  readonly cpu: (input: I, gpu?: Surface) => OracleOutput | Surface;
  /** The GPU path, through the harness's small context; returns the case's output. */
  readonly gpu: (g: GpuContext, input: I) => OutputBinding | Promise<OutputBinding>;
  /** A CUDA implementation (NVRTC, launched through the driver API), swept against the same oracle as `im2col [cuda]`. */
  readonly cuda?: NativeImplementation<I, CudaContext>;
  /** A C++ implementation (the system compiler, called through koffi), swept as `im2col [cpp]`. */
  readonly cpp?: NativeImplementation<I, CppContext>;
  /** The policy, or one per storage kind (see perStorage). */
  readonly compare: Policy | ((storage: Storage) => Policy);
  /** One line naming a case in failures and reports (default: JSON). */
  readonly describe?: (input: I) => string;
  /** Default number of cases per sweep (default 100; TWINPATH_RUNS overrides). */
  readonly runs?: number;
  /** A representative input of a frame size, for `twinpath bench`. */
  readonly bench?: (width: number, height: number) => I;
  /**
   * The URL of the module that defines and exports this kernel
   * (`import.meta.url`): lets the harness run its oracle on worker threads.
   */
  readonly module?: string;
}

export type Kernel<I> = KernelDefinition<I> & { readonly describe: (input: I) => string };

/**
 * Checks and completes a kernel definition.
 * Throws `defineKernel: name "Mip Blur" must match [a-z0-9_]+`.
 */
export function defineKernel<I>(d: KernelDefinition<I>): Kernel<I> {
  if (!/^[a-z0-9_]+$/.test(d.name)) throw new Error(`defineKernel: name ${JSON.stringify(d.name)} must match [a-z0-9_]+`);
  return { ...d, describe: d.describe ?? ((i: I) => JSON.stringify(i)) };
}

/** The policy a kernel uses for outputs of `storage`. */
export function policyFor<I>(k: Kernel<I>, storage: Storage): Policy {
  return typeof k.compare === 'function' ? k.compare(storage) : k.compare;
}

/** One oracle run: its output, or the message of what it threw; its CPU time (ms). */
export type OracleRun = { readonly output: OracleOutput; readonly ms: number } | { readonly error: string; readonly ms: number };

/** Runs a kernel's oracle on this thread; what it throws becomes the run's `error`. */
export function runOracle<I>(k: Kernel<I>, input: I, gpu: Surface): OracleRun {
  const t = performance.now();
  try {
    const out = k.cpu(input, gpu);
    return { output: 'surface' in out ? out : { surface: out }, ms: performance.now() - t };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), ms: performance.now() - t };
  }
}

function isKernel(v: unknown): v is Kernel<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as Kernel<unknown>).cpu === 'function' && typeof (v as Kernel<unknown>).name === 'string';
}

/** The kernel named `name` among a module's exports (directly, or in an exported array or map of kernels). */
export function exportedKernel(mod: Record<string, unknown>, name: string): Kernel<unknown> | undefined {
  for (const v of Object.values(mod)) {
    const found = (isKernel(v) ? [v] : Array.isArray(v) ? v : v instanceof Map ? [...v.values()] : []).find((c) => isKernel(c) && c.name === name);
    if (found) return found as Kernel<unknown>;
  }
  return undefined;
}
