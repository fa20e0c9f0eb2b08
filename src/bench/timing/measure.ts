/**
 * Timing a prepared case the way NVBench does: a warm-up; hot timing of back-to-back batches, each sized to run at
 * least a minimum device time; cold timing of single launches with the device's cache flushed before each; each
 * stopping once the samples' noise (relative standard deviation) is under a threshold, or its time budget is spent.
 */
import type { KernelTimer } from '../../backends/backend.ts';
import { kernelTiming, relativeStdDev, type KernelTiming } from './statistics.ts';

/** When a timing stops. */
export interface StopCriterion {
  /** Stop once the samples' relative standard deviation is at most this (0.005: NVBench's 0.5%). */
  readonly maxNoise: number;
  /** ...and at least this many samples were taken. */
  readonly minSamples: number;
  /** Stop regardless after this much wall time (ms) of one timing, once two samples exist. */
  readonly budgetMs: number;
  /** A hot batch runs at least this much device time (ns), so its two stamps' resolution and overhead vanish. */
  readonly minBatchNs: number;
}

/** NVBench's defaults but the budget: 0.5% noise, 10 samples, 2 s per timing rather than 15 s, 0.5 ms batches. */
export const DEFAULT_STOP: StopCriterion = { maxNoise: 0.005, minSamples: 10, budgetMs: 2000, minBatchNs: 500_000 };

/** One timing: its summary, its samples (us per launch) for a later comparison, and why it stopped. */
export interface Timing {
  readonly timing: KernelTiming;
  readonly samples: readonly number[];
  /** `noise`: under maxNoise; `budget`: the time budget ran out first (the noise is what it reached). */
  readonly stop: 'noise' | 'budget';
}

/** Hot and cold timings of a case, and the launches of each hot batch. */
export interface Measurement {
  readonly hot: Timing;
  readonly cold: Timing;
  readonly launchesPerBatch: number;
}

/** At most this many launches in one hot batch (a kernel of a few ns would otherwise ask for millions). */
const MAX_BATCH = 10_000;

/** Takes samples from `next` (each a batch of samples) until the criterion holds. */
async function sample(next: () => Promise<number[]>, stop: StopCriterion, launches = 1): Promise<Timing> {
  const samples: number[] = [];
  const start = performance.now();
  for (;;) {
    samples.push(...(await next()));
    const noise = relativeStdDev(samples);
    if (samples.length >= stop.minSamples && noise <= stop.maxNoise)
      return { timing: kernelTiming(samples, launches), samples, stop: 'noise' };
    if (samples.length >= 2 && performance.now() - start >= stop.budgetMs)
      return { timing: kernelTiming(samples, launches), samples, stop: 'budget' };
  }
}

/** Launches per hot batch so that one batch takes at least `minBatchNs`, from one launch's time. */
export function batchLaunches(oneLaunchNs: number, minBatchNs: number): number {
  return Math.min(MAX_BATCH, Math.max(1, Math.ceil(minBatchNs / Math.max(oneLaunchNs, 1))));
}

/** Times a prepared case: warm-up, hot batches, cold launches (see the file's comment). */
export async function measure(timer: KernelTimer, stop: StopCriterion = DEFAULT_STOP): Promise<Measurement> {
  // Warm-up: a launch of each kind, so clocks, caches of code and lazily made state are up before any sample.
  await timer.cold(1);
  const launches = batchLaunches(await timer.hot(1), stop.minBatchNs);
  const hot = await sample(async () => [(await timer.hot(launches)) / launches / 1000], stop, launches);
  // Cold samples come a few at a time, in one submission (WGSL) or stream (CUDA).
  const cold = await sample(async () => (await timer.cold(4)).map((ns) => ns / 1000), stop);
  return { hot, cold, launchesPerBatch: launches };
}
