/**
 * A sweep: fast-check generates cases for a kernel, each runs on both paths,
 * and the first failure is shrunk to the smallest case that still fails.
 */
import fc from 'fast-check';
import { DEFAULT_BACKEND, nativeBackend, type BackendName } from '../../backends/registry.ts';
import { checkRequirement, gpuRequirement, type DeviceInfo } from '../../backends/wgsl/adapter.ts';
import { gpuSession, UnsupportedError } from '../../backends/wgsl/session.ts';
import { runConfig } from '../settings/settings.ts';
import { renderCaseResult, runCase, startCases, type CaseOutcome, type CaseResult } from './case.ts';
import { emitSweepFailure, type FailureArtifacts } from './failure-listeners.ts';
import { captureOutputs } from './failure-capture.ts';
import type { Expected, Kernel } from '../kernel/kernel.ts';
import type { OutputJudgement } from '../judge/judge.ts';
import { DEFAULT_OUTPUT, type ProducedOutput, type Protection } from '../../model/output/spec.ts';
import { sweepLabel } from '../kernel/sweep-label.ts';

export interface SweepOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
  /**
   * How to replay one case, given seed and path; default: the main job's
   * `npx twinpath run <kernel> --seed S --path P`.
   */
  readonly replay?: (seed: number, path: string) => string;
  /** Which implementation to sweep against the oracle (default `wgsl`). */
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

/** Cases a sweep hands to the GPU at once (fast-check generates them; the first failure is then replayed and shrunk alone). */
export const CASES_PER_BATCH = 32;

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

function addStat(s: TimingStats | undefined, v: number): TimingStats {
  const count = (s?.count ?? 0) + 1;
  const total = (s?.total ?? 0) + v;
  return { count, total, min: Math.min(s?.min ?? v, v), max: Math.max(s?.max ?? v, v), last: v, avg: total / count };
}

/** Per-sweep timing: GPU pass time (ns, timestamp queries), oracle, upload and readback (ms), over passing and failing cases alike. */
export interface SweepTiming {
  readonly gpuNs?: TimingStats;
  readonly oracleMs?: TimingStats;
  readonly uploadMs?: TimingStats;
  readonly readbackMs?: TimingStats;
  /** How GPU time was taken: `timestamp queries, Dawn quantization disabled`, or why it was not. */
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
  /** The implementation swept: `wgsl`, `cuda` or `cpp`; kernel + backend identify a sweep (sweepLabel names it). */
  readonly backend: BackendName;
  /** Where it ran: the WebGPU adapter, the CUDA device, or the CPU and compiler of the C++ backend. */
  readonly adapter: DeviceInfo;
  readonly seed: number;
  readonly pass: boolean;
  /** Generated cases run before the sweep ended (shrinking not counted). */
  readonly runs: number;
  /** Every case run, shrink attempts included, by outcome. */
  readonly outcomes: Readonly<Partial<Record<CaseOutcome, number>>>;
  readonly worst: readonly WorstError[];
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
   * Set when the sweep could not run on this adapter: it lacks a device
   * feature or limit the kernel requires. Never a pass; counted apart.
   */
  readonly unsupported?: { readonly reason: string };
  /** Per WGSL variable of a guarded buffer: where its guard band lay (see Protection). */
  readonly protection?: Readonly<Record<string, Protection>>;
  readonly ms: number;
  readonly oracleMs: number;
  readonly gpuMs: number;
}

/** The main job's replay line for a kernel (on a backend other than the default, with `--backend`). */
export function mainJobReplay(
  kernel: string,
  backend: BackendName = DEFAULT_BACKEND,
): (seed: number, path: string) => string {
  const on = backend === DEFAULT_BACKEND ? '' : ` --backend ${backend}`;
  return (seed, path) => `npx twinpath run ${kernel}${on} --seed ${seed} --path '${path}'`;
}

/** Where a sweep on `backend` runs and how its kernel time is taken; or why the backend cannot run here. */
async function sweepDevice(
  backend: BackendName,
): Promise<{ readonly adapter: DeviceInfo; readonly source: string } | { readonly unavailable: string }> {
  if (backend !== 'wgsl') {
    const p = await nativeBackend(backend);
    return 'unavailable' in p ? p : { adapter: p.backend.device, source: p.backend.timingSource };
  }
  const session = await gpuSession();
  checkRequirement(session.info, gpuRequirement());
  return {
    adapter: session.info,
    source: session.timestamps
      ? 'timestamp queries, Dawn timestamp quantization disabled (toggle)'
      : 'no timestamp-query on this device: wall time only',
  };
}

/** What a sweep on a backend that cannot run here records: no cases, the reason, not a pass. */
const NOWHERE: DeviceInfo = {
  vendor: '',
  architecture: '',
  device: 'unavailable',
  description: '',
  software: false,
  flags: [],
};

/**
 * Sweeps a kernel. Settings: options, then TWINPATH_RUNS / TWINPATH_SEED /
 * TWINPATH_PATH, then the kernel's own `runs` (default 100). With a path, the
 * sweep runs exactly the case it names.
 * Rejects with NoAdapterError before any case when there is no adapter, or
 * when TWINPATH_REQUIRE_GPU=hardware and the adapter is software. On a
 * native backend that cannot run here, resolves at once with `unavailable`
 * (the reason) and no cases.
 */
export async function sweep<I>(k: Kernel<I>, o: SweepOptions = {}): Promise<SweepResult> {
  const env = runConfig();
  const seed = o.seed ?? env.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const path = o.path ?? env.path;
  const numRuns = o.runs ?? env.runs ?? k.runs ?? 100;
  if (!Number.isInteger(numRuns) || numRuns < 1)
    throw new Error(
      `${k.name}: runs must be a positive whole number of cases, not ${numRuns}: a sweep of no case tests nothing`,
    );
  const backend = o.backend ?? DEFAULT_BACKEND;
  const device = await sweepDevice(backend);
  // A sweep that cannot run here: no case, and why (the backend is unavailable, or the adapter lacks what it requires).
  const notRun = (adapter: DeviceInfo, why: Pick<SweepResult, 'unavailable' | 'unsupported'>): SweepResult => ({
    kernel: k.name,
    backend,
    adapter,
    seed,
    pass: false,
    runs: 0,
    outcomes: {},
    worst: [],
    cases: [],
    timing: { source: 'not run' },
    ...why,
    ms: 0,
    oracleMs: 0,
    gpuMs: 0,
  });
  if ('unavailable' in device) return notRun(NOWHERE, { unavailable: device.unavailable });
  const adapter = device.adapter;
  if (backend === 'wgsl' && k.requires) {
    const missing = await gpuSession(undefined, k.requires).then(
      () => undefined,
      (e: unknown) => (e instanceof UnsupportedError ? e.message : Promise.reject(e)),
    );
    if (missing) return notRun(adapter, { unsupported: { reason: `${k.name}: ${missing}` } });
  }
  const started = performance.now();
  const results = new WeakMap<object, CaseResult>();
  const outcomes: Partial<Record<CaseOutcome, number>> = {};
  const worst = new Map<string, WorstError>();
  const cases: CaseRecord[] = [];
  const timing: { -readonly [K in keyof SweepTiming]: SweepTiming[K] } = { source: device.source };
  let oracleMs = 0;
  let gpuMs = 0;
  let describeError: string | undefined;
  const protection: Record<string, Protection> = {};
  const record = (r: CaseResult, phase: CaseRecord['phase']) => {
    outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    describeError ??= r.describeError;
    if (r.gpuNs !== undefined) timing.gpuNs = addStat(timing.gpuNs, r.gpuNs);
    if (r.uploadMs !== undefined) timing.uploadMs = addStat(timing.uploadMs, r.uploadMs);
    if (r.readbackMs !== undefined) timing.readbackMs = addStat(timing.readbackMs, r.readbackMs);
    if (r.comparison) timing.oracleMs = addStat(timing.oracleMs, r.oracleMs);
    const w = r.comparison?.worst;
    cases.push({
      case: r.case,
      outcome: r.outcome,
      phase,
      ...(w && r.comparison ? { worst: Math.abs(w.error), unit: r.comparison.unit } : {}),
    });
    oracleMs += r.oracleMs;
    gpuMs += r.gpuMs;
    if (r.pass) {
      const judged =
        r.outputs ?? (r.comparison ? [{ output: r.output ?? DEFAULT_OUTPUT, comparison: r.comparison }] : []);
      for (const { output, comparison } of judged) {
        const cw = comparison.worst;
        if (!cw) continue;
        const key = `${output}\u0000${comparison.unit}`;
        const prev = worst.get(key);
        if (!prev || Math.abs(cw.error) > Math.abs(prev.error)) {
          worst.set(key, {
            output,
            unit: comparison.unit,
            error: Math.abs(cw.error),
            tolerance: comparison.tolerance,
            policy: comparison.policy,
            case: r.case,
          });
        }
      }
    }
    if (r.protection) Object.assign(protection, r.protection);
  };
  const run = (input: I) => runCase(k, input, { backend });
  const base = () => ({
    kernel: k.name,
    backend,
    adapter,
    seed,
    outcomes,
    worst: [...worst.values()],
    cases,
    timing,
    ...(describeError === undefined ? {} : { describeError }),
    ms: performance.now() - started,
    oracleMs,
    gpuMs,
    ...(Object.keys(protection).length ? { protection: { ...protection } } : {}),
  });

  /**
   * Runs the case at fast-check `at` (seed + path) again, alone; with `shrink`, fast-check shrinks it
   * when it fails, every attempt recorded as a shrink. Returns the replayed case's result and the failure.
   */
  const replay = async (at: string, shrink: boolean) => {
    let replayed: CaseResult | undefined;
    const details = await fc.check(
      fc.asyncProperty(k.input, async (input) => {
        const r = await run(input);
        if (replayed) record(r, 'shrink');
        replayed ??= r;
        if (typeof input === 'object' && input !== null) results.set(input, r);
        // A shrink candidate that could not run (its backend lost) is no counterexample: shrinking stops short of it.
        return r.pass || (shrink && r.notRun !== undefined);
      }),
      { seed, path: at, numRuns: 1, endOnFailure: !shrink },
    );
    if (!details.failed) return { replayed: replayed! };
    const input = details.counterexample![0] as I;
    const result = (typeof input === 'object' && input !== null ? results.get(input) : undefined) ?? (await run(input));
    return {
      replayed: replayed!,
      failure: { input, result, path: details.counterexamplePath ?? at, shrinks: details.numShrinks },
    };
  };

  // A path replays exactly one case: that case alone, not shrunk further.
  if (path) {
    const { replayed, failure } = await replay(path, false);
    record(replayed, 'run');
    return failure ? failed(k, base(), 1, failure, seed, o) : { ...base(), runs: 1, pass: true };
  }

  // fast-check generates the cases; they run CASES_PER_BATCH at a time, each batch's GPU work in as few queue
  // submissions as fit, and a batch is judged while the next one is generated and submitted.
  const pending: I[] = [];
  let runs = 0;
  let first: { readonly index: number; readonly input: I; readonly result: CaseResult } | undefined;
  let judging: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending.splice(0);
    const start = runs;
    runs += batch.length;
    const { judged } = await startCases(k, batch, { backend });
    const previous = judging;
    judging = judged.then(async (rs) => {
      await previous;
      rs.forEach((r, i) => {
        record(r, 'run');
        if (!r.pass && !first) first = { index: start + i, input: batch[i]!, result: r };
      });
    });
    // Rejections surface where the chain is awaited (the next batch, or the end), not as unhandled ones meanwhile.
    judging.catch(() => undefined);
  };
  // The property only collects: it never fails, and what a batch throws (no adapter, say) is rethrown after the check, never taken for a failing case.
  let thrown: { readonly error: unknown } | undefined;
  await fc.check(
    fc.asyncProperty(k.input, async (input) => {
      if (first || thrown) return true;
      pending.push(input);
      if (pending.length >= CASES_PER_BATCH) await flush().catch((error: unknown) => (thrown = { error }));
      return true;
    }),
    { numRuns, seed },
  );
  if (thrown) throw thrown.error;
  if (!first && pending.length) await flush();
  await judging;
  if (!first) return { ...base(), runs, pass: true };

  // The first failing case, replayed from its path (fast-check regenerates it) and shrunk one case at a time.
  const { replayed, failure: shrunk } = await replay(String(first.index), true);
  if (shrunk) return failed(k, base(), runs, shrunk, seed, o);
  const note = replayed.notRun
    ? `not shrunk: it could not run again (${replayed.notRun})`
    : 'failed in a batch of cases but passed when run again alone: a flaky kernel, or cases of one submission that interfere';
  return failed(
    k,
    base(),
    runs,
    { input: first.input, result: first.result, path: String(first.index), shrinks: 0, note },
    seed,
    o,
  );
}

/** A failed sweep's result, with the failure's pictures handed to the failure listeners. */
async function failed<I>(
  k: Kernel<I>,
  base: Omit<SweepResult, 'pass' | 'runs' | 'failure'>,
  runs: number,
  f: {
    readonly input: I;
    readonly result: CaseResult;
    readonly path: string;
    readonly shrinks: number;
    readonly note?: string;
  },
  seed: number,
  o: SweepOptions,
): Promise<SweepResult> {
  const captured = await captureFailure(k, f.input, f.result, seed, f.path, base.backend);
  const output = f.result.output ? { output: f.result.output } : {};
  return {
    ...base,
    runs,
    pass: false,
    failure: { ...f, ...output, replay: (o.replay ?? mainJobReplay(k.name, base.backend))(seed, f.path), ...captured },
  };
}

type Captured = Pick<SweepFailure, 'artifacts' | 'artifactErrors'>;

/**
 * Runs the shrunk case once more and hands it to the failure listeners:
 * every output as judged (surfaces with their error maps, typed buffers and
 * textures with their per-element errors and don't-care masks), where each
 * binding's guard band lay, and the inputs it changed. Other outcomes (a
 * GPU error, a timeout) have nothing to draw.
 */
async function captureFailure<I>(
  k: Kernel<I>,
  input: I,
  result: CaseResult,
  seed: number,
  path: string,
  backend: BackendName,
): Promise<Captured> {
  if (!(result.comparison && result.canary) && !result.inputChanges) return {};
  let expected: ReadonlyMap<string, Expected> | undefined;
  let produced: readonly ProducedOutput[] | undefined;
  const again = await runCase(k, input, {
    twice: false,
    backend,
    onOracle: (e) => (expected = e),
    onOutputs: (o) => (produced = o),
  });
  const judged: readonly OutputJudgement[] =
    again.outputs ??
    (again.comparison && again.canary
      ? [
          {
            output: again.output ?? DEFAULT_OUTPUT,
            outcome: again.outcome === 'mismatch' || again.outcome === 'canary' ? again.outcome : 'pass',
            comparison: again.comparison,
            canary: again.canary,
          },
        ]
      : []);
  const inputChanges = result.inputChanges ?? again.inputChanges;
  const { artifacts, errors } = emitSweepFailure({
    kernel: k.name,
    backend,
    case: result.case,
    seed,
    path,
    outcome: result.outcome,
    ...(result.comparison ? { failedOutput: result.output ?? DEFAULT_OUTPUT } : {}),
    outputs: expected && produced ? captureOutputs(k, produced, expected, judged) : [],
    protection: again.protection ?? result.protection ?? {},
    ...(inputChanges ? { inputChanges } : {}),
  });
  return {
    ...(Object.keys(artifacts).length ? { artifacts } : {}),
    ...(errors.length ? { artifactErrors: errors } : {}),
  };
}

/**
 * The text of a sweep: `im2col [cuda]: unavailable — CUDA unavailable: libcuda did not load …`,
 * `needs_f16: unsupported on mesa llvmpipe: needs_f16: the adapter lacks shader-f16`,
 * `blur: passed 100 cases (seed 42)`, or the failure:
 * ```
 * generate_mips failed after 12 cases (seed 42, shrunk 9 times) on mesa llvmpipe… (software, …)
 * shrunk case: 2x2 Unorm8x4/Bgra pitch tight levels 2 random#17
 * generate_mips: mismatch on 2x2 Unorm8x4/Bgra …
 * …
 * replay: npx twinpath run generate_mips --seed 42 --path '11:3:0'
 * ```
 */
export function renderSweepFailure(r: SweepResult): string {
  const f = r.failure;
  const label = sweepLabel(r.kernel, r.backend);
  if (r.unavailable) return `${label}: unavailable — ${r.unavailable}`;
  if (r.unsupported) return `${label}: unsupported on ${r.adapter.vendor} ${r.adapter.device}: ${r.unsupported.reason}`;
  if (!f) return `${label}: passed ${r.runs} cases (seed ${r.seed})`;
  return [
    `${label} failed after ${r.runs} cases (seed ${r.seed}, shrunk ${f.shrinks} times) on ${r.adapter.vendor} ${r.adapter.device} (${r.adapter.software ? 'software' : 'hardware'})`,
    `shrunk case: ${f.result.case}`,
    renderCaseResult(f.result),
    ...(f.note ? [`note: ${f.note}`] : []),
    `replay: ${f.replay}`,
  ].join('\n');
}
