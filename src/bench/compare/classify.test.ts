/** The classifier on synthetic samples: each verdict, the interval, and a stray sample that moves nothing. */
import { expect, test } from 'vitest';
import { classify, fastestSamples, ratioInterval } from './classify.ts';

/** `n` samples around `center`, spread ±`spread` (relative) evenly: a known distribution, no randomness. */
const around = (center: number, spread: number, n = 20) =>
  Array.from({ length: n }, (_, i) => center * (1 + spread * (2 * (i / (n - 1)) - 1)));

test('twice the time is SLOWER, half FASTER, with the ratio inside its interval', () => {
  const before = around(100, 0.02);
  const slower = classify(before, around(200, 0.02));
  expect(slower.verdict).toBe('SLOWER');
  expect(slower.ratio).toBeCloseTo(2, 2);
  expect(slower.low).toBeLessThanOrEqual(slower.ratio);
  expect(slower.high).toBeGreaterThanOrEqual(slower.ratio);
  expect(slower.low).toBeGreaterThan(1.9);
  const faster = classify(before, around(50, 0.02));
  expect(faster.verdict).toBe('FASTER');
  expect(faster.ratio).toBeCloseTo(0.5, 2);
});

test('a change within the noise is SAME (nvbench_compare: the smaller noise), or within sameWithin', () => {
  // Both spread ±10% (noise ~6%): 3% apart is within it.
  expect(classify(around(100, 0.1), around(103, 0.1)).verdict).toBe('SAME');
  // Tight samples 3% apart: beyond the noise, and the interval excludes 1.
  expect(classify(around(100, 0.001), around(103, 0.001)).verdict).toBe('SLOWER');
  // ...unless the user counts 5% as no change.
  expect(classify(around(100, 0.001), around(103, 0.001), { sameWithin: 0.05 }).verdict).toBe('SAME');
});

test('a change beyond the noise whose interval still holds 1 is UNSURE', () => {
  // Three samples a side, one wild: the estimate moves 8% but three samples cannot exclude no change.
  const c = classify([100, 101, 102], [108, 109, 60]);
  expect(c.verdict).toBe('UNSURE');
  expect(c.low).toBeLessThan(1);
  expect(c.high).toBeGreaterThan(1);
});

test('one stray sample moves neither the ratio nor the verdict', () => {
  const before = around(100, 0.01);
  const after = [...around(200, 0.01).slice(1), 20_000];
  expect(classify(before, after).verdict).toBe('SLOWER');
  expect(ratioInterval(before, after).ratio).toBeCloseTo(2, 1);
});

test('fewer than two samples a side is refused', () => {
  expect(() => classify([1], [1, 2])).toThrow('classify: 1 sample before, 2 after; a comparison needs two a side');
});

test('stalls that make the standard deviation huge do not make a 2x change SAME', () => {
  // Every fifth sample stalls at 50x: the relative standard deviation passes 100%, the robust noise stays ~1%.
  const stalls = (v: number[]) => v.map((x, i) => (i % 5 === 4 ? 50 * x : x));
  const c = classify(stalls(around(100, 0.02)), stalls(around(200, 0.02)));
  expect(c.verdict).toBe('SLOWER');
  expect(c.tolerance).toBeLessThan(0.05);
});

test('with fastest, only the fastest samples count: contention on half of them moves nothing', () => {
  // Half the samples of each side waited 2-4x for a busy CPU; the rerun was busier than the first.
  const busy = (v: number[], k: number) => v.map((x, i) => (i % 2 ? x * (2 + (k * i) / v.length) : x));
  const before = busy(around(100, 0.01), 1);
  expect(classify(before, busy(around(100, 0.01), 2), { fastest: 0.25 }).verdict).toBe('SAME');
  expect(classify(before, busy(around(200, 0.01), 2), { fastest: 0.25 }).verdict).toBe('SLOWER');
  expect(fastestSamples([5, 1, 4, 2, 3], 0.2)).toEqual([1, 2]);
});
