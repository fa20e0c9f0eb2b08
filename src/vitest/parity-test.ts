/**
 * The vitest face of a sweep: `parityTest(kernel)` registers one test per
 * implementation the kernel has — `parity: <kernel>` for WGSL,
 * `parity: <kernel> [cuda]`, `parity: <kernel> [cpp]` (sweep-name.ts) — each
 * sweeping it against the same oracle, deciding its verdict (verdict.ts)
 * once, with the expectations applied, and failing with the shrunk case, its
 * diagnostics and a replay line. The main job (`twinpath run`) and
 * `npm test` both run sweeps through this.
 */
import { relative } from 'node:path';
import { test } from 'vitest';
import { kernelBackends, requiredBackends, selectedBackends, type BackendName } from '../backends/registry.ts';
import { matchesAnyGlob } from '../core/settings/glob.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import { kernelSummary } from '../core/kernel/kernel-summary.ts';
import { sweepTestGlobs } from '../core/settings/project-config.ts';
import { sweepLabel } from '../core/kernel/sweep-label.ts';
import { sweepTestName } from '../core/kernel/sweep-name.ts';
import { mainJobReplay, renderSweepFailure, sweep, type SweepOptions, type SweepResult } from '../core/sweep/sweep.ts';
import { loadExpectations } from '../core/gate/expectations.ts';
import { gpuRequirement } from '../core/settings/settings.ts';
import { terminalSafe } from '../core/settings/terminal-text.ts';
import {
  decideVerdict,
  errorVerdict,
  passesGate,
  unsupportedFailsGate,
  verdictText,
  type SweepVerdict,
} from '../core/gate/verdict.ts';
import { counted } from '../model/counted.ts';

/** Generous: a sweep on a 2-core software adapter, shrinking included. */
const SWEEP_TIMEOUT_MS = 20 * 60 * 1000;

/** The verdict with the expectations file in force; a file that cannot be read fails the sweep, its result kept. */
function verdictOf(r: SweepResult): SweepVerdict {
  try {
    return decideVerdict(r, loadExpectations());
  } catch (e) {
    return { status: 'fail', reason: (e as Error).message };
  }
}

/** A sweep's outcome for its test: the result and verdict, or (no result) the verdict and what the sweep threw. */
export type SweepOutcome =
  | { readonly result: SweepResult; readonly verdict: SweepVerdict }
  | { readonly verdict: SweepVerdict; readonly thrown: unknown };

/**
 * Runs a sweep and decides its verdict once: from the result and the expectations file (a sweep that cannot
 * run here says so in its result), or `fail` with what it threw when it ended without one.
 */
export async function sweepOutcome(run: () => Promise<SweepResult>): Promise<SweepOutcome> {
  try {
    const result = await run();
    return { result, verdict: verdictOf(result) };
  } catch (thrown) {
    return { verdict: errorVerdict(thrown), thrown };
  }
}

/** The message of a test whose verdict does not pass the gate. */
function failureMessage(r: SweepResult, v: SweepVerdict): string {
  if (v.status === 'fail' && !v.reason) return renderSweepFailure(r);
  if (v.status === 'unexpected-pass')
    return `${r.kernel}: passed ${counted(r.runs, 'case')} on ${r.adapter.vendor} ${r.adapter.device}, but ${verdictText(v)}`;
  return `${r.kernel}: ${verdictText(v)}${r.failure ? `\n${renderSweepFailure(r)}` : ''}`;
}

const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Registers the parity sweep of `k` on each backend it implements (or on
 * `options.backend` alone) as a vitest test; backends the run did not select
 * (`--backend`) are registered skipped. When the run selects none of the
 * kernel's backends, the selected ones are swept all the same, each ending
 * `unsupported` (`im2col [cuda]: the kernel has no cuda implementation (it
 * implements cpp)`): counted, never a pass. The test passes when the verdict
 * passes the gate (pass, or a failure the expectations file lists), is
 * skipped with the reason when the sweep cannot run here (unsupported,
 * unavailable) — failing instead when the run requires that backend
 * (`--require-backend`): `im2col [cuda]: the run requires backend cuda, which is unavailable: …` —
 * and fails otherwise with the failure text. A failure in one of the
 * project's sweep files (twinpath.config.ts `tests`) replays as
 * `npx twinpath run <kernel> --backend B --seed S --path 'P'`, elsewhere as
 * `TWINPATH_SEED=S TWINPATH_PATH='P' npx vitest run <file> -t 'parity: <kernel>'`.
 */
export function parityTest<I>(k: Kernel<I>, options: SweepOptions = {}): void {
  const selected = selectedBackends();
  const implemented = kernelBackends(k);
  const left = implemented.some((b) => selected.includes(b)) ? implemented : selected;
  const backends = options.backend ? [options.backend] : left;
  for (const backend of backends) registerSweep(k, backend, options, selected.includes(backend));
}

function registerSweep<I>(k: Kernel<I>, backend: BackendName, options: SweepOptions, selected: boolean): void {
  const name = sweepTestName(k.name, backend);
  const label = sweepLabel(k.name, backend);
  // A backend `--backend` left out (issue 12) is registered skipped: counted as skipped, never as a pass.
  (selected ? test : test.skip)(
    name,
    { meta: { twinpathKernel: kernelSummary(k) }, timeout: SWEEP_TIMEOUT_MS },
    async ({ task, skip }) => {
      const file = relative(process.cwd(), task.file.filepath);
      const replay =
        options.replay ??
        (matchesAnyGlob(file, sweepTestGlobs())
          ? mainJobReplay(k.name, backend)
          : (seed: number, path: string) =>
              `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' npx vitest run ${file} -t '${regexEscape(name)}'`);
      const o = await sweepOutcome(() => sweep(k, { ...options, replay, backend }));
      task.meta.twinpathVerdict = o.verdict;
      if ('thrown' in o) throw o.thrown;
      task.meta.twinpath = o.result;
      if (o.verdict.status === 'unavailable') {
        if (requiredBackends().includes(backend)) {
          throw new Error(
            terminalSafe(`${label}: the run requires backend ${backend}, which is unavailable: ${o.verdict.reason}`),
          );
        }
        return skip(terminalSafe(`${label}: ${verdictText(o.verdict)}`));
      }
      if (o.verdict.status === 'unsupported') {
        // A hardware gate fails on it unless the expectations list it; elsewhere it is counted apart (skipped with the reason).
        if (unsupportedFailsGate(o.verdict, gpuRequirement())) {
          throw new Error(
            terminalSafe(
              `${renderSweepFailure(o.result)}. Fix: run on an adapter with it, or list the kernel in the expectations file (case "unsupported").`,
            ),
          );
        }
        return skip(terminalSafe(`${label}: ${verdictText(o.verdict)}`));
      }
      if (!passesGate(o.verdict)) throw new Error(terminalSafe(failureMessage(o.result, o.verdict)));
    },
  );
}
