/**
 * Runs cases of a kernel on both paths: the device halves on the case's
 * backend (device-half.ts), the determinism rerun, then each case judged (judge.ts: oracle, canary,
 * comparison). Never throws for a problem of a case: it becomes the case's
 * outcome, and the sweep goes on.
 */
import { threadId } from 'node:worker_threads';
import { equalBytes } from '../../model/bytes.ts';
import { renderCanary, type CanaryReport } from '../../model/canary.ts';
import { ELEMENT_TYPES } from '../../model/elements/element-types.ts';
import { elementLocation, renderLocation, shapeOf } from '../../model/elements/shape.ts';
import { DEFAULT_BACKEND, type BackendName } from '../../backends/registry.ts';
import { deviceHalf } from './device-half.ts';
import type { StageClock } from './stage-clock.ts';
import { runConfig } from '../settings/settings.ts';
import type { Expected, Kernel } from '../kernel/kernel.ts';
import { judge, renderOutputComparison, type OutputComparison, type OutputJudgement } from '../judge/judge.ts';
import { judgeAll, type PreparedBatch } from '../judge/judge-pool.ts';
import { inputChanges, renderInputChange, surfaceByteText, type InputChange } from '../judge/input-changes.ts';
import type { CaseOutcome, DeviceRun, InputUpload, ProducedRun } from '../../model/output/run.ts';
import {
  elementDataBytes,
  shapeCount,
  type OutputSpec,
  type ProducedOutput,
  type Protection,
} from '../../model/output/spec.ts';
import { textureByteText } from '../../model/elements/texel-location.ts';
import { surfaceBytes, wrapSurface, type Surface } from '../../model/surface/surface.ts';

export type { CaseOutcome } from '../../model/output/run.ts';

export interface CaseResult {
  readonly kernel: string;
  /** The case in one line (the kernel's describe). */
  readonly case: string;
  /** What the kernel's describe() threw for this case (`case` then says so instead). */
  readonly describeError?: string;
  readonly outcome: CaseOutcome;
  readonly pass: boolean;
  /** The output `comparison` and `canary` belong to: the first that failed, else the first. */
  readonly output?: string;
  readonly comparison?: OutputComparison;
  readonly canary?: CanaryReport;
  /** Every output's verdict, when the case has several. */
  readonly outputs?: readonly OutputJudgement[];
  /** Per WGSL variable: where its buffer's guard band lay. */
  readonly protection?: Readonly<Record<string, Protection>>;
  /** The message of an error outcome. */
  readonly error?: string;
  /** Why the case never ran (its backend was lost by an earlier case); see NoOutput. */
  readonly notRun?: string;
  /** The inputs an `input-changed` case wrote into, located. */
  readonly inputChanges?: readonly InputChange[];
  readonly oracleMs: number;
  /** Wall time of the device half: upload, dispatch, readback (and the rerun, with determinism on); a batch's time shared equally by its cases. */
  readonly gpuMs: number;
  /** The kernel's device time (timestamp queries, CUDA events, or the C++ calls' wall time), when the backend takes it. */
  readonly gpuNs?: number;
  /** CPU time writing the case's buffers and textures. */
  readonly uploadMs?: number;
  /** Submit to mapped readback, wall time (includes the GPU's execution); a submission's time shared equally by its cases. */
  readonly readbackMs?: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The case's one line; a describe() that throws costs the line, never the case: `(describe() threw: boom)`. */
function describeCase<I>(k: Kernel<I>, input: I): { readonly case: string; readonly describeError?: string } {
  try {
    return { case: k.describe(input) };
  } catch (e) {
    return { case: `(describe() threw: ${message(e)})`, describeError: message(e) };
  }
}

export interface RunCaseOptions {
  /** Receives the device's first surface output (for metamorphic checks, which judge the device's own numbers). */
  readonly onOutput?: (actual: Surface) => void;
  /** Receives every output the device produced, by name (for reports of a failure). */
  readonly onOutputs?: (outputs: readonly ProducedOutput[]) => void;
  /** Receives every input as uploaded, those read back and those not (for reports of a failure). */
  readonly onInputs?: (inputs: readonly InputUpload[]) => void;
  /** Receives the oracle's outputs by name (for reports of a failure). */
  readonly onOracle?: (expected: ReadonlyMap<string, Expected>) => void;
  /** Run the device half twice and require identical bytes (default: TWINPATH_DETERMINISM, on in CI). */
  readonly twice?: boolean;
  /** How long the backend may take to finish the case (default: TWINPATH_CASE_DEADLINE_MS, 60 s). */
  readonly deadlineMs?: number;
  /** Which backend runs the device half (default DEFAULT_BACKEND). */
  readonly backend?: BackendName;
  /** Receives the time of each stage: device half, oracle, judging (the sweep's profile). */
  readonly clock?: StageClock;
  /** The batch as prepared on worker threads (judge-pool.ts): its cases are judged where their oracles ran. */
  readonly prepared?: PreparedBatch | undefined;
}

/** The bytes of an output's data, without its guard band. */
function dataBytes(o: ProducedOutput): number {
  const s = o.spec;
  return s.kind === 'surface' ? surfaceBytes(s.desc) : s.kind === 'elements' ? elementDataBytes(s) : o.bytes.length;
}

/** The bytes of an input's data, without its guard band. */
function inputDataBytes(u: InputUpload): number {
  if (u.element) return u.element.bytes * u.element.count;
  return u.desc ? surfaceBytes(u.desc) : u.uploaded.length;
}

/**
 * Timing of one run of a case's device half, without the oracle (for benchmarks); `outputBytes`, `inputBytes`: its
 * outputs' and inputs' data.
 */
export type DeviceTiming =
  | {
      readonly gpuNs?: number;
      readonly uploadMs: number;
      readonly readbackMs: number;
      readonly outputBytes: number;
      readonly inputBytes: number;
    }
  | { readonly outcome: CaseOutcome; readonly error: string };

/** Runs only the device half of a case, alone, and returns its timing, or why it could not run. */
export async function timeDevice<I>(
  k: Kernel<I>,
  input: I,
  backend: BackendName = DEFAULT_BACKEND,
): Promise<DeviceTiming> {
  const r = (await deviceHalf(k, [input], runConfig().caseDeadlineMs, backend))[0]!;
  if (!('outputs' in r)) return r;
  const outputBytes = r.outputs.reduce((n, o) => n + dataBytes(o), 0);
  const inputs = [...r.inputs, ...(r.unread?.() ?? [])];
  return {
    uploadMs: r.uploadMs,
    readbackMs: r.readbackMs,
    outputBytes,
    inputBytes: inputs.reduce((n, u) => n + inputDataBytes(u), 0),
    ...(r.gpuNs === undefined ? {} : { gpuNs: r.gpuNs }),
  };
}

const hex = (v: number) => `0x${v.toString(16).padStart(2, '0')}`;

/** Where byte `i` of an output lies: level, row and byte of a surface, location of an element, else the offset. */
function locate(o: OutputSpec, i: number): string {
  if (o.kind === 'surface') return surfaceByteText(o.desc, i);
  if (o.kind === 'texture') return textureByteText(o, i);
  const n = Math.floor(i / ELEMENT_TYPES[o.element].bytes);
  const count = shapeCount(o.shape);
  return n >= count ? 'guard band' : `element ${renderLocation(elementLocation(shapeOf(count, o.shape), n))}`;
}

/**
 * The first byte where two runs of an output differ, located:
 * `level 1 row 0 byte 4 (buffer offset 68): 0x7f then 0x80`,
 * `level 0 layer 1 texel (3,2) channel g (buffer offset 60): 0x11 then 0x12`.
 */
function firstDifference(o: OutputSpec, a: Uint8Array, b: Uint8Array): string | undefined {
  if (equalBytes(a, b)) return undefined;
  const i = a.findIndex((v, k) => v !== b[k]);
  return `${locate(o, i)} (buffer offset ${i}): ${hex(a[i]!)} then ${hex(b[i]!)}`;
}

/** Where an output's bytes differ between two runs, named by output when the case has several. */
function outputDifference(a: ProducedOutput, b: ProducedOutput, several: boolean): string | undefined {
  const d = firstDifference(a.spec, a.bytes, b.bytes);
  return d && (several ? `output ${a.spec.name} ${d}` : d);
}

/**
 * Runs `input` through both paths of `k`, alone in its submission. Rejects only when no adapter exists
 * (NoAdapterError) or the backend cannot run here (BackendUnavailableError).
 */
export async function runCase<I>(k: Kernel<I>, input: I, options: RunCaseOptions = {}): Promise<CaseResult> {
  return (await runCases(k, [input], options))[0]!;
}

/**
 * Runs `inputs` through both paths of `k`: the device halves batched into as
 * few queue submissions as fit, then each case judged on its own. One result
 * per input, in order. Rejects only when no adapter exists (NoAdapterError).
 */
export async function runCases<I>(
  k: Kernel<I>,
  inputs: readonly I[],
  options: RunCaseOptions = {},
): Promise<CaseResult[]> {
  return (await startCases(k, inputs, options)).judged;
}

/**
 * Runs the device halves of `inputs` and starts judging them; resolves once the
 * device work is read back, with the promise of the results (one per input, in
 * order), so a caller can record and submit the next batch while worker
 * threads judge this one. Rejects only when no adapter exists (NoAdapterError).
 */
export async function startCases<I>(
  k: Kernel<I>,
  inputs: readonly I[],
  options: RunCaseOptions = {},
): Promise<{ readonly judged: Promise<CaseResult[]> }> {
  const deadlineMs = options.deadlineMs ?? runConfig().caseDeadlineMs;
  const backend = options.backend ?? DEFAULT_BACKEND;
  const t = performance.now();
  const first = await deviceHalf(k, inputs, deadlineMs, backend);
  const again = (options.twice ?? runConfig().determinism) ? inputs.filter((_, i) => 'outputs' in first[i]!) : [];
  const second = again.length ? await deviceHalf(k, again, deadlineMs, backend) : [];
  options.clock?.addDeviceRuns([...first, ...second]);
  // Wall time of the device halves, shared equally by the cases of the batch.
  const gpuMs = (performance.now() - t) / Math.max(inputs.length, 1);
  let n = 0;
  const outputs = inputs.map((input, i) => {
    const run = first[i]!;
    return checkOutput(k, input, run, 'outputs' in run && again.length ? second[n++] : undefined, gpuMs, options);
  });
  const ready = outputs.filter((o): o is CaseOutput<I> => !('outcome' in o));
  const cases = ready.map((o) => ({ input: o.input, out: { outputs: o.run.outputs, backend } }));
  const prepared = options.prepared;
  // A caller that wants the oracle's surfaces gets every case judged here.
  const judgements = options.onOracle
    ? Promise.resolve(cases.map((c) => judge(k, c.input, c.out, options.onOracle)))
    : prepared
      ? prepared.judge(cases.map((c, i) => ({ index: outputs.indexOf(ready[i]!), out: c.out })))
      : judgeAll(k, cases);
  const judged = judgements.then((js) => {
    for (const j of js) options.clock?.addJudged(j.oracleMs, j.judgeMs ?? 0, j.judgedOn === threadId);
    const judgementOf = new Map(ready.map((o, i) => [o, js[i]!]));
    return outputs.map((o): CaseResult => {
      if ('outcome' in o) return o;
      const j = judgementOf.get(o)!;
      const r = o.run;
      const timing = {
        uploadMs: r.uploadMs,
        readbackMs: r.readbackMs,
        ...(r.gpuNs === undefined ? {} : { gpuNs: r.gpuNs }),
      };
      const several = j.outputs && j.outputs.length > 1 ? { outputs: j.outputs } : {};
      const { outputs: _all, judgeMs: _judgeMs, judgedOn: _judgedOn, ...one } = j;
      const protection = Object.keys(r.protection).length ? { protection: r.protection } : {};
      return {
        kernel: k.name,
        ...describeCase(k, o.input),
        ...one,
        ...several,
        ...protection,
        pass: j.outcome === 'pass',
        gpuMs,
        ...(j.comparison ? timing : {}),
      };
    });
  });
  return { judged };
}

/** A case whose device half produced an output, waiting to be judged. */
interface CaseOutput<I> {
  readonly input: I;
  readonly run: ProducedRun;
}

/** The device's outputs of a case, or the case's failure: no output, an input it changed, or two runs that differ. */
function checkOutput<I>(
  k: Kernel<I>,
  input: I,
  first: DeviceRun,
  second: DeviceRun | undefined,
  gpuMs: number,
  options: RunCaseOptions,
): CaseOutput<I> | CaseResult {
  const fail = (outcome: CaseOutcome, error: string, more: Partial<CaseResult> = {}): CaseResult => ({
    kernel: k.name,
    ...describeCase(k, input),
    outcome,
    pass: false,
    error,
    ...more,
    oracleMs: 0,
    gpuMs,
  });
  if (!('outputs' in first)) return fail(first.outcome, first.error, first.notRun ? { notRun: first.notRun } : {});
  const changed = inputChanges(first.inputs);
  if (changed.length)
    return fail('input-changed', `${k.name}: ${changed.map(renderInputChange).join('\n')}`, { inputChanges: changed });
  if (second) {
    if (!('outputs' in second)) return fail(second.outcome, second.error);
    const diff = first.outputs
      .map((o, i) => outputDifference(o, second.outputs[i]!, first.outputs.length > 1))
      .find((d) => d !== undefined);
    if (diff)
      return fail(
        'nondeterministic',
        `${k.name}: two runs of the same case differ (a race or an uninitialised read?): first at ${diff}`,
      );
  }
  const surface = first.outputs.find((o) => o.spec.kind === 'surface');
  if (surface && surface.spec.kind === 'surface') options.onOutput?.(wrapSurface(surface.spec.desc, surface.bytes));
  options.onOutputs?.(first.outputs);
  options.onInputs?.([...first.inputs, ...(first.unread?.() ?? [])]);
  // The inputs' bytes (uploaded and read back) are done with: only the outputs wait to be judged.
  const { unread: _unread, ...produced } = first;
  return { input, run: { ...produced, inputs: [] } };
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
  const judged = r.outputs ?? (r.comparison && r.canary ? [{ comparison: r.comparison, canary: r.canary }] : []);
  for (const o of judged) {
    if (!o.canary.pass) lines.push(renderCanary(o.canary));
    lines.push(renderOutputComparison(o.comparison));
  }
  return lines.join('\n');
}
