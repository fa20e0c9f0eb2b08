/** KernelTiming's figures on known samples. */
import { expect, test } from 'vitest';
import { kernelTiming, median, relativeStdDev, robustNoise } from './statistics.ts';

test('count, total, min, max, median, last and noise of known samples', () => {
  expect(kernelTiming([4, 1, 3, 2], 10)).toEqual({
    count: 4,
    total: 100,
    min: 1,
    max: 4,
    median: 2.5,
    last: 2,
    // mean 2.5, sample variance 5/3
    noise: Math.sqrt(5 / 3) / 2.5,
  });
});

test('median of odd and even counts; the noise of one sample is unknown (Infinity), of equal samples 0', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([1, 2, 3, 10])).toBe(2.5);
  expect(relativeStdDev([5])).toBe(Infinity);
  expect(relativeStdDev([5, 5, 5])).toBe(0);
  expect(() => kernelTiming([])).toThrow('kernelTiming: no samples');
});

test('the robust noise ignores a stall that the relative standard deviation does not', () => {
  const steady = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100];
  const stalled = [...steady, 5000];
  expect(robustNoise(steady)).toBeCloseTo(1.4826 / 100, 4);
  expect(robustNoise(stalled)).toBeCloseTo(1.4826 / 100, 4);
  expect(relativeStdDev(stalled)).toBeGreaterThan(2);
  expect(robustNoise([1])).toBe(Infinity);
});
