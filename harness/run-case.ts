/**
 * Runs one case of a kernel on both paths and judges it: oracle, GPU
 * (with error scopes), canary check, comparison. Never throws for a problem
 * of the case: it becomes the case's outcome, and the sweep goes on.
 */
import { checkCanary, locateByte, renderCanary, type CanaryReport } from './canary.ts';
import { compareSurfaces, renderComparison, type ComparisonRecord } from './compare/compare.ts';
import { PolicyError } from './compare/policy.ts';
import { CaseDeadlineError, CaseGpu, GpuSetupError } from './gpu/context.ts';
import { WgslCompileError } from './gpu/pipelines.ts';
import { gpuSession, takeUncapturedErrors } from './gpu/session.ts';
import { runConfig } from './config.ts';
import { policyFor, type Kernel, type OracleOutput } from './kernel.ts';
import { describeSurface, wrapSurface, type Surface } from './surface/surface.ts';

export type CaseOutcome = 'pass' | 'mismatch' | 'canary' | 'nondeterministic' | 'timeout' | 'compile-error' | 'gpu-error' | 'setup-error' | 'oracle-error' | 'device-lost';

export interface CaseResult {
  readonly kernel: string;
  /** The case in one line (the kernel's describe). */
  readonly case: string;
  readonly outcome: CaseOutcome;
  readonly pass: boolean;
  readonly comparison?: ComparisonRecord;
  readonly canary?: CanaryReport;
  /** The message of an error outcome. */
  readonly error?: string;
  readonly oracleMs: number;
  /** Wall time of the GPU half: upload, dispatch, readback (and the rerun, with determinism on). */
  readonly gpuMs: number;
  /** The compute pass's GPU time from timestamp queries, when the device has them. */
  readonly gpuNs?: number;
  /** CPU time writing the case's buffers and textures. */
  readonly uploadMs?: number;
  /** Submit to mapped readback, wall time (includes the GPU's execution). */
  readonly readbackMs?: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function sameDesc(a: Surface['desc'], b: Surface['desc']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface RunCaseOptions {
  /** Receives the GPU's output surface (for metamorphic checks, which judge the GPU's own numbers). */
  readonly onOutput?: (actual: Surface) => void;
  /** Receives the oracle's output (for reports of a failure). */
  readonly onOracle?: (expected: OracleOutput) => void;
  /** Run the GPU half twice and require identical bytes (default: TWINPATH_DETERMINISM, on in CI). */
  readonly twice?: boolean;
  /** How long the GPU may take to finish the case (default: TWINPATH_CASE_DEADLINE_MS, 60 s). */
  readonly deadlineMs?: number;
}

/** Runs `input` through both paths of `k`. Rejects only when no adapter exists (NoAdapterError). */
/** One execution of a kernel's GPU half: its readback, or why there is none. */
type GpuRun = { readonly readback: Awaited<ReturnType<CaseGpu['finish']>>; readonly uploadMs: number } | { readonly outcome: CaseOutcome; readonly error: string };

async function executeGpu<I>(k: Kernel<I>, input: I, deadlineMs: number): Promise<GpuRun> {
  const session = await gpuSession();
  let module: GPUShaderModule;
  try {
    module = await session.pipelines.module(k.name, k.wgsl);
  } catch (e) {
    return { outcome: e instanceof WgslCompileError ? 'compile-error' : 'gpu-error', error: message(e) };
  }
  const { device } = session;
  const g = new CaseGpu(session, k.name, k.wgsl, module);
  const scopes: GPUErrorFilter[] = ['internal', 'out-of-memory', 'validation'];
  scopes.forEach((s) => device.pushErrorScope(s));
  let readback: Awaited<ReturnType<CaseGpu['finish']>> | undefined;
  let thrown: unknown;
  try {
    await k.gpu(g, input);
    readback = await g.finish(deadlineMs);
  } catch (e) {
    thrown = e;
  }
  if (thrown instanceof CaseDeadlineError) {
    // The device may never come back: drop it (the next case gets a new one) rather than wait on its error scopes.
    session.lost = 'case deadline passed';
    device.destroy();
    return { outcome: 'timeout', error: `${thrown.message}; the device was dropped and the next case gets a new one` };
  }
  const perDispatch = await g.dispatchValidation();
  const scoped = (await Promise.all(scopes.map(() => device.popErrorScope()))).filter((e): e is GPUError => e !== null);
  g.release();
  const errors = [...perDispatch, ...scoped.map((e) => e.message), ...takeUncapturedErrors(session)].map((e) => e.trim());
  if (session.lost) return { outcome: 'device-lost', error: `${k.name}: the GPU device was lost (${session.lost}); the next case gets a new device` };
  if (errors.length) return { outcome: 'gpu-error', error: `${k.name}: GPU errors:\n  ${errors.join('\n  ').replace(/\n(?! {2})/g, '\n    ')}` };
  if (thrown || !readback) {
    return thrown instanceof GpuSetupError ? { outcome: 'setup-error', error: message(thrown) } : { outcome: 'gpu-error', error: `${k.name}: gpu() threw: ${message(thrown)}` };
  }
  return { readback, uploadMs: g.uploadMs };
}

/** GPU timing of one run of a case's GPU half, without the oracle (for benchmarks). */
export type GpuTiming = { readonly gpuNs?: number; readonly uploadMs: number; readonly readbackMs: number } | { readonly outcome: CaseOutcome; readonly error: string };

/** Runs only the GPU half of a case and returns its timing, or why it could not run. */
export async function timeGpu<I>(k: Kernel<I>, input: I): Promise<GpuTiming> {
  const r = await executeGpu(k, input, runConfig().caseDeadlineMs);
  if (!('readback' in r)) return r;
  return { uploadMs: r.uploadMs, readbackMs: r.readback.readbackMs, ...(r.readback.gpuNs === undefined ? {} : { gpuNs: r.readback.gpuNs }) };
}

/** The first byte where two runs differ, located like a canary violation: `level 1 row 0 byte 4 (buffer offset 68): 0x7f then 0x80`. */
function firstDifference(desc: Surface['desc'], a: Uint8Array, b: Uint8Array): string | undefined {
  const i = a.findIndex((v, k) => v !== b[k]);
  if (i < 0) return undefined;
  const at = locateByte(desc, i);
  const where = at.region === 'guard' ? 'guard band' : `level ${at.level} row ${at.row} byte ${at.rowByte}`;
  const hex = (v: number) => `0x${v.toString(16).padStart(2, '0')}`;
  return `${where} (buffer offset ${i}): ${hex(a[i]!)} then ${hex(b[i]!)}`;
}

/** Runs `input` through both paths of `k`. Rejects only when no adapter exists (NoAdapterError). */
export async function runCase<I>(k: Kernel<I>, input: I, options: RunCaseOptions = {}): Promise<CaseResult> {
  const base = { kernel: k.name, case: k.describe(input) };
  const t1 = performance.now();
  const fail = (outcome: CaseOutcome, error: string, oracleMs = 0): CaseResult => ({ ...base, outcome, pass: false, error, oracleMs, gpuMs: performance.now() - t1 });
  const deadlineMs = options.deadlineMs ?? runConfig().caseDeadlineMs;
  const first = await executeGpu(k, input, deadlineMs);
  if (!('readback' in first)) return fail(first.outcome, first.error);
  const readback = first.readback;
  if (options.twice ?? runConfig().determinism) {
    const second = await executeGpu(k, input, deadlineMs);
    if (!('readback' in second)) return fail(second.outcome, second.error);
    const diff = firstDifference(readback.output.desc, readback.bytes, second.readback.bytes);
    if (diff) return fail('nondeterministic', `${k.name}: two runs of the same case differ (a race or an uninitialised read?): first at ${diff}`);
  }
  const gpuMs = performance.now() - t1;
  const { output, bytes } = readback;
  const actual = wrapSurface(output.desc, bytes);
  options.onOutput?.(actual);

  const t0 = performance.now();
  let oracle: OracleOutput;
  try {
    const out = k.cpu(input, actual);
    oracle = 'surface' in out ? out : { surface: out };
  } catch (e) {
    return { ...base, outcome: 'oracle-error', pass: false, error: `${k.name}: oracle threw: ${message(e)}`, oracleMs: performance.now() - t0, gpuMs };
  }
  const oracleMs = performance.now() - t0;
  options.onOracle?.(oracle);
  if (!sameDesc(output.desc, oracle.surface.desc)) {
    return fail('setup-error', `${k.name}: oracle and GPU outputs describe different surfaces: oracle ${describeSurface(oracle.surface.desc)}, GPU ${describeSurface(output.desc)}`, oracleMs);
  }
  const canary = checkCanary(bytes, output.desc, output.ownedLevels);
  let comparison: ComparisonRecord;
  try {
    comparison = compareSurfaces(oracle.surface, actual, {
      policy: policyFor(k, output.desc.format.storage),
      levels: output.ownedLevels,
      ...(oracle.exact ? { exact: oracle.exact } : {}),
    });
  } catch (e) {
    if (e instanceof PolicyError) return fail('setup-error', `${k.name}: ${e.message}`, oracleMs);
    throw e;
  }
  const outcome: CaseOutcome = !canary.pass ? 'canary' : !comparison.pass ? 'mismatch' : 'pass';
  const timing = { uploadMs: first.uploadMs, readbackMs: readback.readbackMs, ...(readback.gpuNs === undefined ? {} : { gpuNs: readback.gpuNs }) };
  return { ...base, outcome, pass: outcome === 'pass', comparison, canary, oracleMs, gpuMs, ...timing };
}

/**
 * The text of a case result: its outcome and case, then the comparison and
 * canary reports or the error:
 * ```
 * generate_mips: mismatch on 2x2 Unorm8x4/Rgba pitch tight levels 2 random#5
 * 1 of 16 values differ (policy unormNearTie(2^-20), Unorm8x4/Rgba)
 * …
 * ```
 */
export function renderCaseResult(r: CaseResult): string {
  const lines = [`${r.kernel}: ${r.outcome} on ${r.case}`];
  if (r.error) lines.push(r.error);
  if (r.canary && !r.canary.pass) lines.push(renderCanary(r.canary));
  if (r.comparison) lines.push(renderComparison(r.comparison));
  return lines.join('\n');
}
