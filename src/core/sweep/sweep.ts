/**
 * A sweep: the kernel's implementation compiled on its backend, then
 * fast-check generates cases, each runs on both paths, and the first failure
 * is shrunk to the smallest case that still fails. Its steps each live in
 * their own module: settings and device (sweep-start.ts), cases
 * (sweep-cases.ts), the failure (sweep-failure.ts).
 */
import type { Kernel } from '../kernel/kernel.ts';
import { sweepLabel } from '../kernel/sweep-label.ts';
import { reachedDevice } from '../../model/device.ts';
import { renderCaseResult } from './case.ts';
import { renderSanitizerFinding } from '../../model/sanitizer.ts';
import { replayCase, runBatches, type FailingCase, type SweepRun } from './sweep-cases.ts';
import { failedSweep, renderUnshrunk } from './sweep-failure.ts';
import { firstSanitizerFailure } from './sanitized-search.ts';
import { emitSweepProgress } from './progress-listeners.ts';
import { SweepRecorder } from './sweep-recorder.ts';
import { StageClock } from './stage-clock.ts';
import { judgedHereWhy } from '../judge/judge-pool.ts';
import { runConfig } from '../settings/settings.ts';
import type { SweepOptions, SweepResult } from './sweep-result.ts';
import { sweepDevice, sweepSettings, type SweepDevice } from './sweep-start.ts';

export { mainJobReplay } from './sweep-failure.ts';
export {
  CASES_PER_BATCH,
  type CaseRecord,
  type SweepFailure,
  type SweepOptions,
  type SweepResult,
  type SweepTiming,
  type TimingStats,
  type ToleranceRecord,
  type WorstError,
} from './sweep-result.ts';
import { counted } from '../../model/counted.ts';

/**
 * Sweeps a kernel on a backend (default DEFAULT_BACKEND). Settings: options, then TWINPATH_RUNS / TWINPATH_SEED /
 * TWINPATH_PATH, then the kernel's own `runs` (default 100). With a path, the sweep runs exactly the case it
 * names. Before any case the implementation is compiled: a source that does not compile ends the sweep as
 * `compileError` with 0 cases; a backend that cannot run here, or one the kernel does not implement, resolves at
 * once as `unavailable` / `unsupported` with the reason. Rejects with NoAdapterError before any case when the
 * WGSL backend finds no adapter, or a software one under TWINPATH_REQUIRE_GPU=hardware.
 */
export async function sweep<I>(k: Kernel<I>, o: SweepOptions = {}): Promise<SweepResult> {
  const clock = new StageClock();
  const r = await timedSweep(k, o, clock);
  const { profile, workers } = runConfig();
  if (!profile) return r;
  const why = r.runs > 0 ? await judgedHereWhy(k) : undefined;
  return { ...r, profile: { ...clock.profile(r.timing.source, workers), ...(why ? { judgedHere: why } : {}) } };
}

/** The sweep, each stage's time added to `clock`. */
async function timedSweep<I>(k: Kernel<I>, o: SweepOptions, clock: StageClock): Promise<SweepResult> {
  const settings = sweepSettings(k, o);
  const planned = settings.path ? 1 : settings.numRuns;
  emitSweepProgress({ kind: 'start', kernel: k.name, backend: settings.backend, planned });
  const device = await sweepDevice(k, settings, clock);
  if ('ended' in device) return device.ended;
  const backend = device.ready.backend;
  const run: SweepRun<I> = {
    k,
    settings,
    recorder: new SweepRecorder(device.ready.timingSource),
    isolate: backend.isolate && (() => backend.isolate!()),
    clock,
  };
  const base = () => resultBase(run, device.ready);
  const failed = (runs: number, f: FailingCase<I>, unshrunk?: FailingCase<I>) =>
    clock.time('report', () => failedSweep(k, base(), runs, f, o, backend, unshrunk));
  // A path replays exactly one case: that case alone, not shrunk further.
  if (settings.path) {
    const { replayed, failure } = await replayCase(run, settings.path, false);
    run.recorder.record(replayed, 'run');
    return failure ? failed(1, failure) : { ...base(), runs: 1, pass: true };
  }
  const { runs, first } = await runBatches(run);
  if (!first) return { ...base(), runs, pass: true };
  // Where cases share a process a kernel can corrupt, the sanitizer names the case that did, whatever failed after it.
  const corruptor = await clock.time('shrink', () => firstSanitizerFailure(run, backend, first));
  if (corruptor) return failed(runs, corruptor);
  // The first failing case, replayed from its path (fast-check regenerates it) and shrunk one case at a time.
  const { replayed, failure: shrunk } = await clock.time('shrink', () => replayCase(run, first.path, true));
  if (shrunk) return failed(runs, shrunk, first);
  const note = replayed.notRun
    ? `not shrunk: it could not run again (${replayed.notRun})`
    : run.isolate?.()
      ? 'failed in a batch of cases but passed when run again alone in a fresh runner: an earlier case corrupted the memory it ran in (--sanitize finds which), or a flaky kernel'
      : 'failed in a batch of cases but passed when run again alone: a flaky kernel, or cases of one submission that interfere';
  return failed(runs, { ...first, note });
}

/** A sweep's result but its verdict: what it ran on and what its cases recorded so far. */
function resultBase<I>(run: SweepRun<I>, device: SweepDevice): Omit<SweepResult, 'pass' | 'runs' | 'failure'> {
  return {
    kernel: run.k.name,
    backend: run.settings.backend,
    adapter: device.adapter,
    seed: run.settings.seed,
    ...run.recorder.recorded(),
  };
}

/**
 * The text of a sweep: `im2col [cuda]: unavailable — CUDA unavailable: libcuda did not load …`,
 * `blur [cpp]: compile-error (0 cases run)\nsrc/blur.cpp:6:52: error: 'x' was not declared in this scope`,
 * `needs_f16: unsupported on mesa llvmpipe: the adapter lacks shader-f16`, `blur [cuda]: unsupported: the kernel has
 * no cuda implementation (it implements wgsl)`,
 * `blur: passed 100 cases (seed 42)`, or the failure:
 * ```
 * generate_mips failed after 12 cases (seed 42, shrunk 9 times) on mesa llvmpipe… (software, …)
 * shrunk case: 2x2 Unorm8x4/Bgra pitch tight levels 2 random#17
 * first failing case: 37x21 Unorm8x4/Bgra pitch tight levels 5 random#912 (path 11): mismatch, worst 3 LSB (tolerance 1)
 * generate_mips: mismatch on 2x2 Unorm8x4/Bgra …
 * …
 * replay: npx twinpath run generate_mips --backend wgsl --seed 42 --path '11:3:0'
 * ```
 * Where shrinking lost most of the error, a line says so after the first failing case (renderUnshrunk).
 * A native failure's shrunk case re-run under a sanitizer adds its line before the replay:
 * `sanitizer (memcheck): found: heap_over [cpp]: sanitizer: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at …`.
 */
export function renderSweepFailure(r: SweepResult): string {
  const f = r.failure;
  const label = sweepLabel(r.kernel, r.backend);
  if (r.unavailable) return `${label}: unavailable — ${r.unavailable}`;
  if (r.compileError !== undefined) return `${label}: compile-error (0 cases run)\n${r.compileError}`;
  if (r.unsupported) {
    const on = reachedDevice(r.adapter) ? ` on ${r.adapter.vendor} ${r.adapter.device}` : '';
    return `${label}: unsupported${on}: ${r.unsupported.reason}`;
  }
  if (!f) return `${label}: passed ${counted(r.runs, 'case')} (seed ${r.seed})`;
  return [
    `${label} failed after ${counted(r.runs, 'case')} (seed ${r.seed}, shrunk ${counted(f.shrinks, 'time')}) on ${r.adapter.vendor} ${r.adapter.device} (${r.adapter.software ? 'software' : 'hardware'})`,
    `shrunk case: ${f.result.case}`,
    ...renderUnshrunk(f),
    renderCaseResult(f.result),
    ...(f.note ? [`note: ${f.note}`] : []),
    ...(f.sanitizer ? [renderSanitizerFinding(f.sanitizer)] : []),
    `replay: ${f.replay}`,
  ].join('\n');
}
