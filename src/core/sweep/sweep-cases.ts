/**
 * A sweep's cases: fast-check generates them, they run CASES_PER_BATCH at a
 * time until the first failure; a case is replayed alone from its fast-check
 * path, and shrunk one case at a time when it fails.
 */
import fc from 'fast-check';
import type { Kernel } from '../kernel/kernel.ts';
import type { SanitizerFinding } from '../../model/sanitizer.ts';
import { runCase, startCases, type CaseResult } from './case.ts';
import type { SweepRecorder } from './sweep-recorder.ts';
import { CASES_PER_BATCH } from './sweep-result.ts';
import type { SweepSettings } from './sweep-start.ts';
import type { StageClock } from './stage-clock.ts';

/** A sweep under way: its kernel, settings and the recorder of its cases. */
export interface SweepRun<I> {
  readonly k: Kernel<I>;
  readonly settings: SweepSettings;
  readonly recorder: SweepRecorder;
  /** Replaces the process cases run in (Backend.isolate); false or absent where cases share none a kernel can corrupt. */
  readonly isolate?: (() => boolean) | undefined;
  /** Receives each stage's time (the sweep's profile). */
  readonly clock: StageClock;
}

/** A failing case: itself, its result, its fast-check path and how often it was shrunk. */
export interface FailingCase<I> {
  readonly input: I;
  readonly result: CaseResult;
  readonly path: string;
  readonly shrinks: number;
  readonly note?: string;
  /** What the sanitizer found, when it was the sanitizer that found this case (sanitized-search.ts). */
  readonly sanitizer?: SanitizerFinding;
}

/**
 * Runs the generated cases, each batch's device work at once, a batch judged while the next one is generated and
 * submitted, until the first failure. Returns how many ran and the first failing one (its index as `path`).
 * Rejects with what a batch threw (no adapter, say): never taken for a failing case.
 */
export async function runBatches<I>(
  run: SweepRun<I>,
): Promise<{ readonly runs: number; readonly first?: FailingCase<I> | undefined }> {
  const { k, settings, recorder, clock } = run;
  const started = performance.now();
  const pending: I[] = [];
  let runs = 0;
  let first: FailingCase<I> | undefined;
  let judging: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending.splice(0);
    const start = runs;
    runs += batch.length;
    const { judged } = await startCases(k, batch, { backend: settings.backend, clock });
    const previous = judging;
    judging = judged.then(async (rs) => {
      await previous;
      rs.forEach((r, i) => {
        recorder.record(r, 'run');
        if (!r.pass && !first) first = { input: batch[i]!, result: r, path: String(start + i), shrinks: 0 };
      });
    });
    // Rejections surface where the chain is awaited (the next batch, or the end), not as unhandled ones meanwhile.
    judging.catch(() => undefined);
  };
  // The property only collects: it never fails; what a batch throws is rethrown after the check.
  let thrown: { readonly error: unknown } | undefined;
  let resumed = performance.now();
  await fc.check(
    fc.asyncProperty(k.input, async (input) => {
      clock.add('generate', performance.now() - resumed);
      if (!first && !thrown) {
        pending.push(input);
        if (pending.length >= CASES_PER_BATCH) await flush().catch((error: unknown) => (thrown = { error }));
      }
      resumed = performance.now();
      return true;
    }),
    { numRuns: settings.numRuns, seed: settings.seed },
  );
  if (thrown) throw thrown.error;
  if (!first && pending.length) await flush();
  await judging;
  clock.casesDone(runs, performance.now() - started);
  return { runs, first };
}

/**
 * Runs `input` once; on a backend that keeps a process or context across cases, a failure is run again alone in
 * a fresh one (replaced before and after), and that run is the result: what failed only because an earlier case
 * corrupted the runner's memory does not count, and a replay in a new process gives the same verdict.
 */
export async function runIsolated<I>(run: SweepRun<I>, input: I): Promise<CaseResult> {
  const once = () => runCase(run.k, input, { backend: run.settings.backend });
  const r = await once();
  if (r.pass || r.notRun !== undefined || !run.isolate?.()) return r;
  const fresh = await once();
  if (!fresh.pass) run.isolate();
  return fresh;
}

/**
 * Runs the case at fast-check `at` (seed + path) again, alone, in a fresh runner where the backend keeps one
 * (runIsolated); with `shrink`, fast-check shrinks it when it fails, every attempt recorded as a shrink. Returns
 * the replayed case's result and the failure.
 */
export async function replayCase<I>(
  run: SweepRun<I>,
  at: string,
  shrink: boolean,
): Promise<{ readonly replayed: CaseResult; readonly failure?: FailingCase<I> }> {
  const { k, settings, recorder } = run;
  const results = new WeakMap<object, CaseResult>();
  const once = (input: I) => runIsolated(run, input);
  run.isolate?.();
  let replayed: CaseResult | undefined;
  const details = await fc.check(
    fc.asyncProperty(k.input, async (input) => {
      const r = await once(input);
      if (replayed) recorder.record(r, 'shrink');
      replayed ??= r;
      if (typeof input === 'object' && input !== null) results.set(input, r);
      // A shrink candidate that could not run (its backend lost) is no counterexample: shrinking stops short of it.
      return r.pass || (shrink && r.notRun !== undefined);
    }),
    { seed: settings.seed, path: at, numRuns: 1, endOnFailure: !shrink },
  );
  if (!details.failed) return { replayed: replayed! };
  const input = details.counterexample![0] as I;
  const result = (typeof input === 'object' && input !== null ? results.get(input) : undefined) ?? (await once(input));
  return {
    replayed: replayed!,
    failure: { input, result, path: details.counterexamplePath ?? at, shrinks: details.numShrinks },
  };
}
