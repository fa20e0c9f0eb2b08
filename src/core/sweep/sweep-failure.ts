/**
 * A failed sweep's result: the failing case's replay line, and its outputs
 * handed to the failure listeners (pictures, data) after one more run.
 */
import type { Backend } from '../../backends/backend.ts';
import type { BackendName } from '../../backends/registry.ts';
import { sanitizeFailure } from './sanitize-failure.ts';
import { runConfig } from '../settings/settings.ts';
import type { Expected, Kernel } from '../kernel/kernel.ts';
import type { OutputJudgement } from '../judge/judge.ts';
import { DEFAULT_OUTPUT, type ProducedOutput } from '../../model/output/spec.ts';
import type { InputUpload } from '../../model/output/run.ts';
import { runCase, type CaseResult } from './case.ts';
import { captureOutputs } from './failure-capture.ts';
import { NAN_ERROR, nanAgainstNumber } from '../../model/compare/nan-against-number.ts';
import { emitSweepFailure } from './failure-listeners.ts';
import type { FailingCase } from './sweep-cases.ts';
import type { CaseWorstError, SweepFailure, SweepOptions, SweepResult, UnshrunkCase } from './sweep-result.ts';

/** The main job's replay line for a kernel's sweep on `backend` (always named with `--backend`). */
export function mainJobReplay(kernel: string, backend: BackendName): (seed: number, path: string) => string {
  return (seed, path) => `npx twinpath run ${kernel} --backend ${backend} --seed ${seed} --path '${path}'`;
}

/** A case's largest |error| on the output that failed (or its first), where its outputs were compared. */
export function caseWorst(r: CaseResult): CaseWorstError | undefined {
  const c = r.comparison;
  if (!c) return undefined;
  const error = Math.abs(c.worst?.error ?? 0);
  const nan = c.worst && nanAgainstNumber(c.worst.expectedValue, c.worst.actualValue);
  return {
    error,
    unit: c.unit,
    tolerance: c.tolerance,
    ...(nan ? { nanAgainstNumber: true } : {}),
    ...(r.output && r.outputs ? { output: r.output } : {}),
  };
}

/** Below this fraction of the first failing case's worst error, the shrunk case has lost most of it. */
const LOST_FRACTION = 0.5;

/** `3.2e-3`, `0.25`, `2`: an error as short as it reads. */
function shortNumber(v: number): string {
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  return Math.abs(v) < 0.01 || Math.abs(v) >= 1e4 ? v.toExponential(1) : String(+v.toPrecision(3));
}

/** `3.2e-3`, or `3.2e-3 abs` with its unit; `NaN` (no unit) where it was NaN against a number. */
function worstError(w: CaseWorstError, withUnit: boolean): string {
  if (w.nanAgainstNumber) return NAN_ERROR;
  return withUnit ? `${shortNumber(w.error)} ${w.unit}` : shortNumber(w.error);
}

/** The replay line `replay` (`--path 'P'` or `TWINPATH_PATH='P'`) with the case at `path` instead. */
export function replayAt(replay: string, path: string): string {
  return replay.replace(/(--path |TWINPATH_PATH=)'[^']*'/, `$1'${path}'`);
}

/**
 * The first failing case beside the shrunk one, and where shrinking lost most of the error, that it did:
 * `first failing case: 64x48 #3 (path 17): mismatch, worst 3.2e-3 abs (tolerance 1.0e-5)` (`worst NaN (tolerance
 * 1.0e-5)` where it was NaN against a number) and
 * `shrinking lost most of the error: shrunk from 3.2e-3 at 64x48 #3 to 1.1e-5 at 1x2 #0; the first case shows
 * the bug better (replay it: npx twinpath run blur --backend wgsl --seed 42 --path '17')`. Empty where the failure
 * was not shrunk.
 */
export function renderUnshrunk(f: Pick<SweepFailure, 'unshrunk' | 'result' | 'replay'>): string[] {
  const u = f.unshrunk;
  if (!u) return [];
  const worst = u.worst ? `, worst ${worstError(u.worst, true)} (tolerance ${shortNumber(u.worst.tolerance)})` : '';
  const lines = [`first failing case: ${u.case} (path ${u.path}): ${u.outcome}${worst}`];
  const shrunk = caseWorst(f.result);
  if (u.worst && shrunk && shrunk.unit === u.worst.unit && shrunk.error < LOST_FRACTION * u.worst.error) {
    lines.push(
      `shrinking lost most of the error: shrunk from ${worstError(u.worst, false)} at ${u.case} to ` +
        `${worstError(shrunk, false)} at ${f.result.case}; the first case shows the bug better ` +
        `(replay it: ${replayAt(f.replay, u.path)})`,
    );
  }
  return lines;
}

/** The first failing case as kept beside a shrunk one: absent where shrinking did not change it. */
function unshrunkCase<I>(first: FailingCase<I> | undefined, shrunk: FailingCase<I>): UnshrunkCase | undefined {
  if (!first || shrunk.shrinks === 0) return undefined;
  const worst = caseWorst(first.result);
  return {
    input: first.input,
    case: first.result.case,
    path: first.path,
    outcome: first.result.outcome,
    ...(worst ? { worst } : {}),
  };
}

/**
 * A failed sweep's result, with the failure's pictures handed to the failure listeners, and on a native backend
 * what its shrunk case gives re-run once under a sanitizer (sanitizeFailure). `first`: the first failing case as
 * generated, kept beside `f` where `f` is its shrunk form.
 */
export async function failedSweep<I>(
  k: Kernel<I>,
  base: Omit<SweepResult, 'pass' | 'runs' | 'failure'>,
  runs: number,
  f: FailingCase<I>,
  o: SweepOptions,
  backend: Backend,
  first?: FailingCase<I>,
): Promise<SweepResult> {
  const captured = await captureFailure(k, f.input, f.result, base.seed, f.path, base.backend);
  const output = f.result.output ? { output: f.result.output } : {};
  const line = (o.replay ?? mainJobReplay(k.name, base.backend))(base.seed, f.path);
  // A case the sanitizer found (here, or on every case under --sanitize) is replayed under it: without it, it may pass.
  const tool = f.sanitizer?.tool ?? (f.result.outcome === 'sanitizer' ? runConfig().sanitize : undefined);
  const replay = tool ? `TWINPATH_SANITIZE=${tool} ${line}` : line;
  const sanitizer = f.sanitizer ?? (await sanitizeFailure(k, backend, f, base.seed));
  const unshrunk = unshrunkCase(first, f);
  return {
    ...base,
    runs,
    pass: false,
    failure: {
      ...f,
      ...output,
      replay,
      ...captured,
      ...(sanitizer ? { sanitizer } : {}),
      ...(unshrunk ? { unshrunk } : {}),
    },
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
  let inputs: readonly InputUpload[] = [];
  const again = await runCase(k, input, {
    twice: false,
    backend,
    onOracle: (e) => (expected = e),
    onOutputs: (o) => (produced = o),
    onInputs: (i) => (inputs = i),
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
    outputs: expected && produced ? captureOutputs(k, input, backend, produced, expected, judged) : [],
    protection: again.protection ?? result.protection ?? {},
    inputs,
    ...(inputChanges ? { inputChanges } : {}),
  });
  return {
    ...(Object.keys(artifacts).length ? { artifacts } : {}),
    ...(errors.length ? { artifactErrors: errors } : {}),
  };
}
