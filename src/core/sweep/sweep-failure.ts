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
import { runCase, type CaseResult } from './case.ts';
import { captureOutputs } from './failure-capture.ts';
import { emitSweepFailure } from './failure-listeners.ts';
import type { FailingCase } from './sweep-cases.ts';
import type { SweepFailure, SweepOptions, SweepResult } from './sweep-result.ts';

/** The main job's replay line for a kernel's sweep on `backend` (always named with `--backend`). */
export function mainJobReplay(kernel: string, backend: BackendName): (seed: number, path: string) => string {
  return (seed, path) => `npx twinpath run ${kernel} --backend ${backend} --seed ${seed} --path '${path}'`;
}

/**
 * A failed sweep's result, with the failure's pictures handed to the failure listeners, and on a native backend
 * what its shrunk case gives re-run once under a sanitizer (sanitizeFailure).
 */
export async function failedSweep<I>(
  k: Kernel<I>,
  base: Omit<SweepResult, 'pass' | 'runs' | 'failure'>,
  runs: number,
  f: FailingCase<I>,
  o: SweepOptions,
  backend: Backend,
): Promise<SweepResult> {
  const captured = await captureFailure(k, f.input, f.result, base.seed, f.path, base.backend);
  const output = f.result.output ? { output: f.result.output } : {};
  const line = (o.replay ?? mainJobReplay(k.name, base.backend))(base.seed, f.path);
  // A case the sanitizer found (here, or on every case under --sanitize) is replayed under it: without it, it may pass.
  const tool = f.sanitizer?.tool ?? (f.result.outcome === 'sanitizer' ? runConfig().sanitize : undefined);
  const replay = tool ? `TWINPATH_SANITIZE=${tool} ${line}` : line;
  const sanitizer = f.sanitizer ?? (await sanitizeFailure(k, backend, f, base.seed));
  return {
    ...base,
    runs,
    pass: false,
    failure: { ...f, ...output, replay, ...captured, ...(sanitizer ? { sanitizer } : {}) },
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
    outputs: expected && produced ? captureOutputs(k, input, backend, produced, expected, judged) : [],
    protection: again.protection ?? result.protection ?? {},
    ...(inputChanges ? { inputChanges } : {}),
  });
  return {
    ...(Object.keys(artifacts).length ? { artifacts } : {}),
    ...(errors.length ? { artifactErrors: errors } : {}),
  };
}
