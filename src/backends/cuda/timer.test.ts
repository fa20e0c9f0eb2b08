/**
 * The CUDA timer on the mock driver (fixtures/mock-libcuda.c, whose events always read 0.25 ms apart and whose
 * device reports an H100 SXM's memory clock and bus width): the case's launches replayed hot and cold, the peak
 * from the driver, and a case that fails is the row's error.
 */
import { beforeAll, expect, test } from 'vitest';
import { timeCase } from '../../bench/time-case.ts';
import { cudaPeak } from './timer.ts';
import { mockFault, mockFill, useMockCuda } from './fixtures/mock-kernels.ts';

beforeAll(() => {
  useMockCuda();
});

const STOP = { maxNoise: 0.005, minSamples: 10, budgetMs: 1000, minBatchNs: 1_000_000 };
const c = { width: 20, height: 3, padWords: 1, value: 0x3f800000 };

test('hot batches and cold launches timed by events, with the peak the driver states', async () => {
  const t = await timeCase(mockFill, c, 'cuda', STOP);
  if (!('hot' in t)) throw new Error(JSON.stringify(t));
  // One launch reads 250 us: a batch of at least 1 ms is 4 launches, whose pair of events also reads 250 us.
  expect(t.launchesPerBatch).toBe(4);
  expect(t.hot.timing).toMatchObject({ count: 10, median: 62.5, noise: 0 });
  expect(t.cold.timing).toMatchObject({ median: 250, noise: 0 });
  expect(t.cold.stop).toBe('noise');
  expect(t.peak).toEqual({ bytesPerS: 3352.32e9, source: 'driver: 2619 MHz x 5120-bit, double data rate' });
});

test('no peak where the driver reports no memory clock', () => {
  expect(cudaPeak({ attribute: (a) => (a === 36 ? 0 : 5120) })).toBeUndefined();
});

test("a case that faults is the row's error, not a timing", async () => {
  const t = await timeCase(mockFault, c, 'cuda', STOP);
  expect(t).toEqual({ error: expect.stringMatching(/^mock_fault \[cuda\]: launch 1 \(mock_fault\) faulted: /) });
});
