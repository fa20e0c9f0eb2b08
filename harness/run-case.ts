/**
 * Runs cases of a kernel on both paths: the GPU halves — WGSL batched into
 * queue submissions (with error scopes), or a native backend's — the
 * determinism rerun, then each case judged (judge.ts: oracle, canary,
 * comparison). Never throws for a problem of a case: it becomes the case's
 * outcome, and the sweep goes on.
 */
import { executeNativeCases, type BackendName } from './backends/registry.ts';
import { equalBytes } from './bytes.ts';
import { locateByte, renderCanary, type CanaryReport } from './canary.ts';
import { renderComparison, type ComparisonRecord } from './compare/compare.ts';
import { CaseGpu, GpuSetupError, type OutputBinding } from './gpu/context.ts';
import { CaseDeadlineError, Submission } from './gpu/submission.ts';
import { WgslCompileError } from './gpu/pipelines.ts';
import { gpuSession, takeUncapturedErrors } from './gpu/session.ts';
import { runConfig } from './config.ts';
import type { Kernel, OracleOutput } from './kernel.ts';
import { judge } from './judge.ts';
import { judgeAll } from './judge-pool.ts';
import { surfaceBytes, wrapSurface, type Surface } from './surface/surface.ts';

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
  /** Wall time of the GPU half: upload, dispatch, readback (and the rerun, with determinism on); a batch's time shared equally by its cases. */
  readonly gpuMs: number;
  /** The compute pass's GPU time from timestamp queries, when the device has them. */
  readonly gpuNs?: number;
  /** CPU time writing the case's buffers and textures. */
  readonly uploadMs?: number;
  /** Submit to mapped readback, wall time (includes the GPU's execution); a submission's time shared equally by its cases. */
  readonly readbackMs?: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface RunCaseOptions {
  /** Receives the GPU's output surface (for metamorphic checks, which judge the GPU's own numbers). */
  readonly onOutput?: (actual: Surface) => void;
  /** Receives the oracle's output (for reports of a failure). */
  readonly onOracle?: (expected: OracleOutput) => void;
  /** Run the GPU half twice and require identical bytes (default: TWINPATH_DETERMINISM, on in CI). */
  readonly twice?: boolean;
  /** How long the GPU may take to finish the case (default: TWINPATH_CASE_DEADLINE_MS, 60 s). */
  readonly deadlineMs?: number;
  /** Which implementation runs the GPU half (default `wgsl`). */
  readonly backend?: BackendName;
}

/** One execution of a case's GPU half (any backend): its readback, or why there is none. */
type GpuRun =
  | { readonly output: Pick<OutputBinding, 'desc' | 'ownedLevels'>; readonly bytes: Uint8Array; readonly gpuNs?: number; readonly uploadMs: number; readonly readbackMs: number }
  | { readonly outcome: CaseOutcome; readonly error: string; readonly canary?: CanaryReport };

/** The outcome of a kernel's gpu() that threw. */
function thrownRun(kernel: string, e: unknown): GpuRun {
  return e instanceof GpuSetupError ? { outcome: 'setup-error', error: message(e) } : { outcome: 'gpu-error', error: `${kernel}: gpu() threw: ${message(e)}` };
}

/**
 * Runs the GPU half of `inputs`, as many cases per queue submission as fit
 * (see Submission). When a submission fails as a whole — a GPU error, a lost
 * device, the deadline — its cases run again one per submission, so each
 * problem is pinned to the case that has it.
 */
async function executeGpu<I>(k: Kernel<I>, inputs: readonly I[], deadlineMs: number, backend: BackendName = 'wgsl'): Promise<GpuRun[]> {
  if (backend !== 'wgsl') return executeNativeCases(k, backend, inputs);
  const runs: GpuRun[] = [];
  while (runs.length < inputs.length) runs.push(...(await executeSubmission(k, inputs.slice(runs.length), deadlineMs)));
  return runs;
}

/**
 * Records cases from the front of `inputs` until the submission is full,
 * submits, reads back: one GpuRun per case it took. A submission of several
 * cases goes without per-dispatch error scopes; when it fails, its cases
 * rerun one per submission, scoped, to say which case and dispatch failed.
 */
async function executeSubmission<I>(k: Kernel<I>, inputs: readonly I[], deadlineMs: number): Promise<GpuRun[]> {
  const session = await gpuSession();
  let module: GPUShaderModule;
  try {
    module = await session.pipelines.module(k.name, k.wgsl);
  } catch (e) {
    const run: GpuRun = { outcome: e instanceof WgslCompileError ? 'compile-error' : 'gpu-error', error: message(e) };
    return inputs.map(() => run);
  }
  const { device } = session;
  const scoped = inputs.length === 1;
  const submission = new Submission(session, k.name);
  const scopes: GPUErrorFilter[] = ['internal', 'out-of-memory', 'validation'];
  scopes.forEach((s) => device.pushErrorScope(s));
  const cases: Array<{ readonly g: CaseGpu; readonly closed?: ReturnType<CaseGpu['close']>; readonly thrown?: unknown }> = [];
  for (const input of inputs) {
    if (cases.length && submission.full) break;
    const g = new CaseGpu(session, k.name, k.wgsl, module, submission, scoped);
    try {
      await k.gpu(g, input);
      cases.push({ g, closed: g.close() });
    } catch (e) {
      g.endPass();
      cases.push({ g, thrown: e });
    }
  }
  let read: Awaited<ReturnType<Submission['submit']>> | undefined;
  let failed: unknown;
  try {
    read = await submission.submit(k.name, deadlineMs);
  } catch (e) {
    failed = e;
  }
  const alone = async () => {
    const runs: GpuRun[] = [];
    for (const input of inputs.slice(0, cases.length)) runs.push(...(await executeSubmission(k, [input], deadlineMs)));
    return runs;
  };
  if (failed instanceof CaseDeadlineError) {
    // The device may never come back: drop it (the next submission gets a new one) rather than wait on its error scopes.
    session.lost = 'case deadline passed';
    device.destroy();
    if (!scoped) return alone();
    return [{ outcome: 'timeout', error: `${failed.message}; the device was dropped and the next case gets a new one` }];
  }
  const perDispatch = (await Promise.all(cases.map((c) => c.g.dispatchValidation()))).flat();
  const popped = (await Promise.all(scopes.map(() => device.popErrorScope()))).filter((e): e is GPUError => e !== null);
  cases.forEach((c) => c.g.release());
  const errors = [...perDispatch, ...popped.map((e) => e.message), ...takeUncapturedErrors(session)].map((e) => e.trim());
  if (session.lost || errors.length || failed) {
    // A pipeline whose creation failed must be created again by the next case that needs it, so that case's scope sees why.
    session.pipelines.forgetModule(module);
    if (!scoped) return alone();
  }
  if (session.lost) return [{ outcome: 'device-lost', error: `${k.name}: the GPU device was lost (${session.lost}); the next case gets a new device` }];
  if (errors.length) return [{ outcome: 'gpu-error', error: `${k.name}: GPU errors:\n  ${errors.join('\n  ').replace(/\n(?! {2})/g, '\n    ')}` }];
  if (failed || !read) return [{ outcome: 'gpu-error', error: `${k.name}: reading the output back failed: ${message(failed)}` }];
  const readbackMs = read.ms / cases.length;
  return cases.map((c): GpuRun => {
    if (!c.closed) return thrownRun(k.name, c.thrown);
    const r = read.reads[c.closed.read]!;
    return { output: c.closed.output, bytes: r.bytes, uploadMs: c.g.uploadMs, readbackMs, ...(r.gpuNs === undefined ? {} : { gpuNs: r.gpuNs }) };
  });
}

/** GPU timing of one run of a case's GPU half, without the oracle (for benchmarks); `outputBytes`: its output chain's size. */
export type GpuTiming = { readonly gpuNs?: number; readonly uploadMs: number; readonly readbackMs: number; readonly outputBytes: number } | { readonly outcome: CaseOutcome; readonly error: string };

/** Runs only the GPU half of a case on `backend`, alone in its submission, and returns its timing, or why it could not run. */
export async function timeGpu<I>(k: Kernel<I>, input: I, backend: BackendName = 'wgsl'): Promise<GpuTiming> {
  const r = (await executeGpu(k, [input], runConfig().caseDeadlineMs, backend))[0]!;
  if (!('bytes' in r)) return r;
  return { uploadMs: r.uploadMs, readbackMs: r.readbackMs, outputBytes: surfaceBytes(r.output.desc), ...(r.gpuNs === undefined ? {} : { gpuNs: r.gpuNs }) };
}

/** The first byte where two runs differ, located like a canary violation: `level 1 row 0 byte 4 (buffer offset 68): 0x7f then 0x80`. */
function firstDifference(desc: Surface['desc'], a: Uint8Array, b: Uint8Array): string | undefined {
  if (equalBytes(a, b)) return undefined;
  const i = a.findIndex((v, k) => v !== b[k]);
  const at = locateByte(desc, i);
  const where = at.region === 'guard' ? 'guard band' : `level ${at.level} row ${at.row} byte ${at.rowByte}`;
  const hex = (v: number) => `0x${v.toString(16).padStart(2, '0')}`;
  return `${where} (buffer offset ${i}): ${hex(a[i]!)} then ${hex(b[i]!)}`;
}

/** Runs `input` through both paths of `k`, alone in its submission. Rejects only when no adapter exists (NoAdapterError) or the backend is unavailable (BackendUnavailableError). */
export async function runCase<I>(k: Kernel<I>, input: I, options: RunCaseOptions = {}): Promise<CaseResult> {
  return (await runCases(k, [input], options))[0]!;
}

/**
 * Runs `inputs` through both paths of `k`: the GPU halves batched into as
 * few queue submissions as fit, then each case judged on its own. One result
 * per input, in order. Rejects only when no adapter exists (NoAdapterError).
 */
export async function runCases<I>(k: Kernel<I>, inputs: readonly I[], options: RunCaseOptions = {}): Promise<CaseResult[]> {
  return (await startCases(k, inputs, options)).judged;
}

/**
 * Runs the GPU halves of `inputs` and starts judging them; resolves once the
 * GPU work is read back, with the promise of the results (one per input, in
 * order), so a caller can record and submit the next batch while worker
 * threads judge this one. Rejects only when no adapter exists (NoAdapterError).
 */
export async function startCases<I>(k: Kernel<I>, inputs: readonly I[], options: RunCaseOptions = {}): Promise<{ readonly judged: Promise<CaseResult[]> }> {
  const deadlineMs = options.deadlineMs ?? runConfig().caseDeadlineMs;
  const t = performance.now();
  const first = await executeGpu(k, inputs, deadlineMs, options.backend);
  const again = options.twice ?? runConfig().determinism ? inputs.filter((_, i) => 'bytes' in first[i]!) : [];
  const second = again.length ? await executeGpu(k, again, deadlineMs, options.backend) : [];
  // Wall time of the GPU halves, shared equally by the cases of the batch.
  const gpuMs = (performance.now() - t) / Math.max(inputs.length, 1);
  let n = 0;
  const outputs = inputs.map((input, i) => {
    const run = first[i]!;
    return checkOutput(k, input, run, 'bytes' in run && again.length ? second[n++] : undefined, gpuMs, options);
  });
  const ready = outputs.filter((o): o is CaseOutput<I> => !('outcome' in o));
  const cases = ready.map((o) => ({ input: o.input, out: { desc: o.run.output.desc, ownedLevels: o.run.output.ownedLevels, bytes: o.run.bytes } }));
  // A caller that wants the oracle's surfaces gets every case judged here.
  const judgements = options.onOracle ? Promise.resolve(cases.map((c) => judge(k, c.input, c.out, options.onOracle))) : judgeAll(k, cases);
  const judged = judgements.then((js) => {
    const judgementOf = new Map(ready.map((o, i) => [o, js[i]!]));
    return outputs.map((o): CaseResult => {
      if ('outcome' in o) return o;
      const j = judgementOf.get(o)!;
      const r = o.run;
      const timing = { uploadMs: r.uploadMs, readbackMs: r.readbackMs, ...(r.gpuNs === undefined ? {} : { gpuNs: r.gpuNs }) };
      return { kernel: k.name, case: k.describe(o.input), ...j, pass: j.outcome === 'pass', gpuMs, ...(j.comparison ? timing : {}) };
    });
  });
  return { judged };
}

/** A case whose GPU half produced an output, waiting to be judged. */
interface CaseOutput<I> {
  readonly input: I;
  readonly run: Extract<GpuRun, { bytes: Uint8Array }>;
}

/** The GPU's output of a case, or the case's failure: no output, or two runs that differ. */
function checkOutput<I>(k: Kernel<I>, input: I, first: GpuRun, second: GpuRun | undefined, gpuMs: number, options: RunCaseOptions): CaseOutput<I> | CaseResult {
  const fail = (outcome: CaseOutcome, error: string, canary?: CanaryReport): CaseResult => ({ kernel: k.name, case: k.describe(input), outcome, pass: false, error, oracleMs: 0, gpuMs, ...(canary ? { canary } : {}) });
  if (!('bytes' in first)) return fail(first.outcome, first.error, first.canary);
  if (second) {
    if (!('bytes' in second)) return fail(second.outcome, second.error, second.canary);
    const diff = firstDifference(first.output.desc, first.bytes, second.bytes);
    if (diff) return fail('nondeterministic', `${k.name}: two runs of the same case differ (a race or an uninitialised read?): first at ${diff}`);
  }
  options.onOutput?.(wrapSurface(first.output.desc, first.bytes));
  return { input, run: first };
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
