/**
 * The C++ timer: calls repeated and timed inside the runner process, so a copy of 64 KiB reads microseconds, not
 * the process round trip around it; the flush sized from the CPU's largest cache.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import streamCopy from '../../bench/stream-copy/kernel.ts';
import { timeCase } from '../../bench/time-case.ts';
import { lastLevelCacheBytes } from './timer.ts';

test('a 64 KiB copy times in-process: far below the round trip to the runner process', async () => {
  const stop = { maxNoise: 0.05, minSamples: 10, budgetMs: 500, minBatchNs: 1_000_000 };
  const t = await timeCase(streamCopy, { width: 1024, height: 16, seed: 1 }, 'cpp', stop);
  if (!('hot' in t)) throw new Error(JSON.stringify(t));
  // A memcpy of 64 KiB takes a few us; a message to the runner process and back takes far more than 100 us.
  expect(t.hot.timing.median).toBeLessThan(100);
  expect(t.launchesPerBatch).toBeGreaterThan(10);
  expect(t.cold.timing.count).toBeGreaterThanOrEqual(2);
}, 30_000);

test("the last-level cache is the largest of CPU 0's caches; none readable is undefined", () => {
  expect(lastLevelCacheBytes(join(import.meta.dirname, 'fixtures/llc'))).toBe(32 * 1024 * 1024);
  expect(lastLevelCacheBytes(join(import.meta.dirname, 'fixtures/no-such-dir'))).toBeUndefined();
});
