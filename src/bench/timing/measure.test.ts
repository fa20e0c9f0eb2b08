/** The timing loop against a timer whose times are known: batch sizing, the noise stop and the budget stop. */
import { expect, test } from 'vitest';
import type { KernelTimer } from '../../backends/backend.ts';
import { batchLaunches, measure, type StopCriterion } from './measure.ts';

/** A timer of `ns` per launch; cold launches take `coldNs(i)` for the i-th sample. */
function fakeTimer(ns: number, coldNs: (i: number) => number = () => 2 * ns) {
  const calls = { hot: [] as number[], cold: 0 };
  const timer: KernelTimer = {
    hot: async (launches) => (calls.hot.push(launches), launches * ns),
    cold: async (samples) => Array.from({ length: samples }, () => coldNs(calls.cold++)),
    release: () => undefined,
  };
  return { timer, calls };
}

const STOP: StopCriterion = { maxNoise: 0.01, minSamples: 10, budgetMs: 200, minBatchNs: 1_000_000 };

test('hot batches sized to the minimum batch time; steady samples stop on their noise after minSamples', async () => {
  const { timer, calls } = fakeTimer(20_000);
  const m = await measure(timer, STOP);
  expect(m.launchesPerBatch).toBe(50);
  expect(calls.hot.slice(1).every((n) => n === 50)).toBe(true);
  expect(m.hot.stop).toBe('noise');
  expect(m.hot.timing).toMatchObject({ count: 10, median: 20, min: 20, max: 20, noise: 0, total: 10 * 50 * 20 });
  expect(m.cold.stop).toBe('noise');
  expect(m.cold.timing.median).toBe(40);
});

test('samples that stay noisy stop on the budget, with the noise they reached', async () => {
  const { timer } = fakeTimer(1000, (i) => (i % 2 ? 1000 : 3000));
  const m = await measure(timer, { ...STOP, budgetMs: 20 });
  expect(m.cold.stop).toBe('budget');
  expect(m.cold.timing.noise).toBeGreaterThan(0.4);
});

test('a batch never exceeds 10,000 launches, nor falls below one', () => {
  expect(batchLaunches(1, 1e9)).toBe(10_000);
  expect(batchLaunches(5e9, 1e6)).toBe(1);
});
