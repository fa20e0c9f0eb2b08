/**
 * The unit of twinpath: a kernel definition binds the pure-TS oracle, the
 * comparison policy and the case generator to one or more implementations —
 * WGSL (`wgsl` + `gpu`), `cuda`, `cpp`, or one for a registered backend in
 * `implementations` — none privileged.
 */
import type fc from 'fast-check';
import type { ExactValues } from '../../model/compare/compare.ts';
import type { Policy, Rounding } from '../../model/compare/policy.ts';
import type { ElementData } from '../../model/elements/element-types.ts';
import { hasImplementation, implementationOf, type KernelImplementations } from '../../backends/implementations.ts';
import { kernelBackends } from '../../backends/registry.ts';
import type { Storage } from '../../model/surface/format.ts';
import type { Surface } from '../../model/surface/surface.ts';
import { KERNEL_NAME } from './naming.ts';

/** What an oracle returns for a surface output: the expected surface, and for tie-aware policies the exact results. */
export interface OracleOutput {
  readonly surface: Surface;
  readonly exact?: ExactValues;
}

/**
 * An element or texture output's expected values: typed arrays as stored codes
 * (Float32Array bits, Uint16Array f16 bits, Uint8Array unorm8 bytes), number
 * arrays as values; texture texels in the format's memory order.
 */
export interface ElementExpectation {
  readonly values: ElementData;
  /** One entry per element; a truthy one excludes it (the math leaves it undefined): not compared, counted. */
  readonly dontCare?: ArrayLike<number | boolean>;
  /** The exact (f64) results in [0, 1] per element, for unorm policies that need them (unormNearTie). */
  readonly exact?: { readonly rounding: Rounding; readonly values: ArrayLike<number> };
}

/** The oracle's value of one output: a surface, or element values (with a don't-care mask where the math leaves values undefined). */
export type ExpectedOutput = Surface | OracleOutput | ElementData | ElementExpectation;

/** What an oracle returns: its one output, or every output by the name the GPU function gives it. */
export type OracleResult = ExpectedOutput | Readonly<Record<string, ExpectedOutput>>;

/** An oracle's output made uniform: a surface (with exact values) or element values. */
export type Expected =
  | { readonly kind: 'surface'; readonly value: OracleOutput }
  | { readonly kind: 'elements'; readonly value: ElementExpectation };

/** A policy for every output, or one per storage kind (see perStorage). */
export type PolicyChoice = Policy | ((storage: Storage) => Policy);

export interface KernelDefinition<I> extends KernelImplementations<I> {
  /** Unique, `[a-z0-9_]+`: it names the sweep, the report files and the replay line. */
  readonly name: string;
  /** The case generator. */
  readonly input: fc.Arbitrary<I>;
  /**
   * The oracle: pure TS, no GPU. `gpu` is the GPU's output (bytes only), for
   * chained kernels: a later pass may legitimately see an earlier pass's
   * rounding (docs/facts.md#precision), so its expected values are computed from the
   * GPU's earlier levels — each pass judged on its actual input. An oracle
   * never reads the level it is judged on from `gpu`.
   */
  readonly cpu: (input: I, gpu?: Surface) => OracleResult;
  /** The policy for every output (or one per storage kind, see perStorage), or one per output by name. */
  readonly compare: PolicyChoice | Readonly<Record<string, PolicyChoice>>;
  /**
   * Policies by backend name (`cpp`, `cuda`, `wgsl`…), each in place of `compare` on that backend, in the same shapes:
   * `{ cpp: exact() }` holds a C++ twin bit-exact where the GPU gets `compare`. Failure text names it: `policy exact (cpp)`.
   */
  readonly compareOn?: Readonly<Record<string, PolicyChoice | Readonly<Record<string, PolicyChoice>>>>;
  /** One line naming a case in failures and reports (default: JSON). */
  readonly describe?: (input: I) => string;
  /** Default number of cases per sweep (default 100; TWINPATH_RUNS overrides). */
  readonly runs?: number;
  /** A representative input of a frame size, for `twinpath bench`. */
  readonly bench?: (width: number, height: number) => I;
  /**
   * The bytes a `bench` case reads and writes, all told, for its GB/s (default 2 x its outputs' bytes, which
   * undercounts a kernel that reads far more than it writes, a reduction say).
   */
  readonly benchBytes?: (input: I) => number;
  /**
   * The URL of the module that defines and exports this kernel
   * (`import.meta.url`): lets the harness run its oracle on worker threads.
   */
  readonly module?: string;
}

export type Kernel<I> = KernelDefinition<I> & { readonly describe: (input: I) => string };

/** A kernel's WGSL implementation, present: its source and the gpu function that runs it. */
export type WgslKernel<I> = Required<Pick<KernelDefinition<I>, 'wgsl' | 'gpu'>>;

/**
 * Checks and completes a kernel definition. Throws:
 * `defineKernel: name "Mip Blur" must match [a-z0-9_]+`;
 * `defineKernel: blur has no implementation. Fix: give it wgsl + gpu, cuda, cpp, or implementations for a registered backend`;
 * `defineKernel: blur has wgsl but no gpu function. Fix: give both (the gpu function runs the WGSL), or neither`;
 * `defineKernel: blur has compareOn.cuda but no cuda implementation (it implements: wgsl, cpp). Fix: name a backend it implements`.
 * A kernel defined with `wgsl` and `gpu` has them (not `WgslSource | undefined`), whether `I` is inferred or given.
 */
export function defineKernel<I>(d: KernelDefinition<I> & WgslKernel<I>): Kernel<I> & WgslKernel<I>;
export function defineKernel<I>(d: KernelDefinition<I>): Kernel<I>;
export function defineKernel<I>(d: KernelDefinition<I>): Kernel<I> {
  if (!KERNEL_NAME.test(d.name)) throw new Error(`defineKernel: name ${JSON.stringify(d.name)} must match [a-z0-9_]+`);
  if ((d.wgsl === undefined) !== (d.gpu === undefined)) {
    const [has, lacks] = d.wgsl === undefined ? ['a gpu function', 'wgsl'] : ['wgsl', 'gpu function'];
    throw new Error(
      `defineKernel: ${d.name} has ${has} but no ${lacks}. Fix: give both (the gpu function runs the WGSL), or neither`,
    );
  }
  if (!hasImplementation(d))
    throw new Error(
      `defineKernel: ${d.name} has no implementation. Fix: give it wgsl + gpu, cuda, cpp, or implementations for a registered backend`,
    );
  const stray = Object.keys(d.compareOn ?? {}).find((backend) => implementationOf(d, backend) === undefined);
  if (stray !== undefined)
    throw new Error(
      `defineKernel: ${d.name} has compareOn.${stray} but no ${stray} implementation (it implements: ${kernelBackends(d).join(', ')}). Fix: name a backend it implements`,
    );
  const k = { ...d, describe: d.describe ?? ((i: I) => JSON.stringify(i)) };
  defined.add(k);
  return k;
}

function isSurface(v: unknown): v is Surface {
  return typeof v === 'object' && v !== null && 'desc' in v && 'bytes' in v;
}

/** One output's value as the oracle gave it, made uniform; undefined for something that is no output value. */
function expectedOf(v: unknown): Expected | undefined {
  if (isSurface(v)) return { kind: 'surface', value: { surface: v } };
  if (typeof v !== 'object' || v === null) return undefined;
  if ('surface' in v && isSurface((v as OracleOutput).surface)) return { kind: 'surface', value: v as OracleOutput };
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return { kind: 'elements', value: { values: v as ElementData } };
  if ('values' in v) return { kind: 'elements', value: v as ElementExpectation };
  return undefined;
}

/**
 * The oracle's outputs by name, for the names the GPU produced. Throws:
 * `the oracle returned no output hist (it returned: image)`.
 */
export function expectedOutputs(result: OracleResult, names: readonly string[]): Map<string, Expected> {
  const single = expectedOf(result);
  const out = new Map<string, Expected>();
  if (single && names.length === 1) {
    out.set(names[0]!, single);
    return out;
  }
  const record = result as Readonly<Record<string, ExpectedOutput>>;
  for (const name of names) {
    const e = single ? undefined : expectedOf(record[name]);
    if (!e)
      throw new Error(
        `the oracle returned no output ${name} (it returned: ${single ? 'one unnamed output' : Object.keys(record).join(', ') || 'nothing'})`,
      );
    out.set(name, e);
  }
  return out;
}

/** One oracle run: its outputs by name, or the message of what it threw; its CPU time (ms). */
export type OracleRun =
  { readonly outputs: Map<string, Expected>; readonly ms: number } | { readonly error: string; readonly ms: number };

/** What the oracle returned (not yet matched to the outputs' names), or the message of what it threw; its CPU time. */
export type OracleCall =
  { readonly result: OracleResult; readonly ms: number } | { readonly error: string; readonly ms: number };

/** Calls a kernel's oracle on this thread; what it throws becomes the call's `error`. */
export function callOracle<I>(k: Kernel<I>, input: I, gpu: Surface | undefined): OracleCall {
  const t = performance.now();
  try {
    const result = k.cpu(input, gpu);
    return { result, ms: performance.now() - t };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), ms: performance.now() - t };
  }
}

/**
 * Whether the oracle takes the device's first surface output (a second parameter, for chained kernels): it can
 * only run once the device has run, not beforehand beside it.
 */
export const oracleReadsDevice = (k: Kernel<unknown>): boolean => k.cpu.length >= 2;

/** An oracle call's outputs by name, for the names the GPU produced (expectedOutputs' error becomes the run's). */
export function oracleOutputs(call: OracleCall, names: readonly string[]): OracleRun {
  if ('error' in call) return call;
  try {
    return { outputs: expectedOutputs(call.result, names), ms: call.ms };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), ms: call.ms };
  }
}

function isKernel(v: unknown): v is Kernel<unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Kernel<unknown>).cpu === 'function' &&
    typeof (v as Kernel<unknown>).name === 'string'
  );
}

/** The kernels defineKernel made (a copy made by spreading one is not among them). */
const defined = new WeakSet<object>();

/** Whether `k` is a kernel as defineKernel made it, not a copy of one. */
export const isDefinedKernel = (k: object): boolean => defined.has(k);

/**
 * What judging a case of `k` depends on that reads the same in every copy of its module, whatever loader made it
 * (function sources differ between loaders, so a function counts by its arity): its name, its oracle's arity and
 * its comparison policies. A judge thread takes the kernel its module exports under `k`'s name only where the two
 * agree (judge-worker.ts).
 */
export function judgingShape<I>(k: Kernel<I>): string {
  const { name, cpu, compare, compareOn } = k;
  return JSON.stringify({ name, cpu, compare, compareOn }, (_key, v: unknown) =>
    typeof v === 'function' ? `function/${v.length}` : v,
  );
}

/** Every kernel among a module's exports (directly, or in an exported array or map of kernels), each once. */
export function exportedKernels(mod: Record<string, unknown>): Kernel<unknown>[] {
  const found = Object.values(mod).flatMap((v) =>
    isKernel(v) ? [v] : Array.isArray(v) ? v : v instanceof Map ? [...v.values()] : [],
  );
  return [...new Set(found.filter(isKernel))];
}

/** The kernel named `name` among a module's exports (directly, or in an exported array or map of kernels). */
export function exportedKernel(mod: Record<string, unknown>, name: string): Kernel<unknown> | undefined {
  return exportedKernels(mod).find((k) => k.name === name);
}
