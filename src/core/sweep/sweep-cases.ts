/**
 * A sweep's cases: fast-check generates them, they run CASES_PER_BATCH at a
 * time, pipelined, until the first failure; a case is replayed alone from its
 * fast-check path, and shrunk one case at a time when it fails.
 */
import fc from 'fast-check';
import type { Kernel } from '../kernel/kernel.ts';
import type { SanitizerFinding } from '../../model/sanitizer.ts';
import { runCase, startCases, type CaseResult } from './case.ts';
import { prepareCases } from '../judge/judge-pool.ts';
import type { SweepRecorder } from './sweep-recorder.ts';
import { CASES_PER_BATCH } from './sweep-result.ts';
import type { SweepSettings } from './sweep-start.ts';
import type { StageClock } from './stage-clock.ts';

/** A sweep under way: its kernel, settings and the recorder of its cases. */
export interface SweepRun<I> {
  readonly k: Kernel<I>;
  readonly settings: SweepSettings;
  readonly recorder: SweepRecorder;
  /**
   * Replaces the process cases run in (Backend.isolate); false or absent where cases share none a kernel can
   * corrupt.
   */
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
 * Batches handed on at once: one on the device, the next ones generated and being prepared (their oracles running
 * on the worker threads), so the threads keep busy while the device and this thread work through the batch before.
 */
const BATCHES_AHEAD = 3;

/** A batch of generated cases handed to the device: its first case's index and its results once judged. */
interface Batch<I> {
  readonly start: number;
  readonly inputs: readonly I[];
  readonly judged: Promise<readonly CaseResult[]>;
}

/**
 * Runs the generated cases CASES_PER_BATCH at a time, pipelined: while the device runs batch N, fast-check
 * generates batches N+1 and N+2 on this thread, the worker threads run their oracles (building the surfaces and
 * arrays the device half then uploads: judge-pool.ts) and judge batch N-1; one batch is on the device at a time, so the
 * device sees the cases in order as before. The verdicts are recorded in case order up to and including the
 * first failing case, whatever ran after it: the cases recorded, `runs` (the cases up to the failure) and the
 * failure are those of the seed, whatever the core count or timing. Rejects with what a batch threw (no adapter,
 * say): never taken for a failing case.
 */
export async function runBatches<I>(
  run: SweepRun<I>,
): Promise<{ readonly runs: number; readonly first?: FailingCase<I> | undefined }> {
  const { k, settings, clock } = run;
  const started = performance.now();
  clock.casesStart();
  const pending: I[] = [];
  let generated = 0;
  let onDevice: Promise<unknown> = Promise.resolve();
  // The batches handed on and not yet off the device, oldest first.
  const inFlight: Array<Promise<unknown>> = [];
  const verdicts = new BatchVerdicts(run);
  // Hands the pending cases to the worker threads now and to the device once the batch before has left it and
  // their oracles ran; returns once at most BATCHES_AHEAD batches are in flight. The judging is awaited in order.
  const submit = async () => {
    const inputs = pending.splice(0);
    const start = generated - inputs.length;
    const prepared = prepareCases(k, inputs);
    const device = Promise.all([onDevice, prepared.then((p) => p?.ready)]).then(async () => {
      const p = await prepared;
      if (verdicts.ended) {
        p?.drop();
        return { judged: Promise.resolve<CaseResult[]>([]) };
      }
      return startCases(k, inputs, { backend: settings.backend, clock, prepared: p }).catch((e: unknown) => {
        p?.drop();
        throw e;
      });
    });
    onDevice = device.catch(() => undefined);
    const judged = device.then((d) => d.judged);
    // A rejection is taken where the batches are recorded, in order: not an unhandled one meanwhile.
    judged.catch(() => undefined);
    verdicts.add({ start, inputs, judged });
    inFlight.push(onDevice);
    if (inFlight.length > BATCHES_AHEAD) await inFlight.shift();
  };
  await fc.check(
    fc.asyncProperty(new TimedArbitrary(k.input, clock), async (input) => {
      // The property only collects: it never fails; what a batch threw is rethrown at the end.
      if (!verdicts.ended) {
        pending.push(input);
        generated++;
        if (pending.length >= CASES_PER_BATCH) await submit();
        // Lets the device's readback (and its deadline's timer) be served while the next batch is generated.
        else await new Promise(setImmediate);
      }
      return true;
    }),
    { numRuns: settings.numRuns, seed: settings.seed },
  );
  if (pending.length) await submit();
  await onDevice;
  const result = await verdicts.done();
  clock.casesDone(result.runs, performance.now() - started);
  return result;
}

/** An arbitrary that draws what `inner` draws, the same values and shrinks, its drawing time added to generate. */
class TimedArbitrary<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly inner: fc.Arbitrary<T>,
    private readonly clock: StageClock,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    const t = performance.now();
    try {
      return this.inner.generate(mrng, biasFactor);
    } finally {
      this.clock.add('generate', performance.now() - t);
    }
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.inner.shrink(value, context);
  }
}

/** The batches' verdicts, recorded in case order up to the first failing case. */
class BatchVerdicts<I> {
  private recorded: Promise<void> = Promise.resolve();
  private first: FailingCase<I> | undefined;
  private runs = 0;
  private thrown: { readonly error: unknown } | undefined;

  constructor(private readonly run: SweepRun<I>) {}

  /** Whether a failing case (or a batch that threw) was found: no later batch need run. */
  get ended(): boolean {
    return this.first !== undefined || this.thrown !== undefined;
  }

  /** Records the batch's results once it and every batch before it are judged. */
  add(batch: Batch<I>): void {
    this.recorded = this.recorded.then(async () => {
      let results: readonly CaseResult[];
      try {
        results = await batch.judged;
      } catch (error) {
        this.thrown ??= { error };
        return;
      }
      if (this.ended) return;
      for (const [i, r] of results.entries()) {
        this.run.recorder.record(r, 'run');
        this.runs = batch.start + i + 1;
        if (!r.pass) {
          this.first = { input: batch.inputs[i]!, result: r, path: String(batch.start + i), shrinks: 0 };
          return;
        }
      }
    });
  }

  /** Cases run up to the first failure (all, without one) and that failure; rejects with what a batch threw. */
  async done(): Promise<{ readonly runs: number; readonly first?: FailingCase<I> | undefined }> {
    await this.recorded;
    if (this.thrown && !this.first) throw this.thrown.error;
    return { runs: this.runs, first: this.first };
  }
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
