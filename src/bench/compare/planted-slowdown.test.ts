/**
 * The bench's before/after on WGSL (lavapipe here): a planted 2x slowdown is SLOWER, a rerun of the same build
 * SAME. lavapipe runs on the CPU, shared with whatever else the machine runs, so its batch times move by tens of
 * percent between timings: the classification takes sameWithin 0.4 (±40% is SAME), halfway (in log terms) between
 * no change and the planted 2x, and hot batches of at least 2 ms.
 */
import { expect, test } from 'vitest';
import { rounds, roundsSlowed } from '../fixtures/planted-slowdown.ts';
import { timeCase } from '../time-case.ts';
import type { StopCriterion } from '../timing/measure.ts';
import { classify } from './classify.ts';

const STOP: StopCriterion = { maxNoise: 0.02, minSamples: 10, budgetMs: 1000, minBatchNs: 2_000_000 };

async function hotSamples(k: typeof rounds): Promise<readonly number[]> {
  const t = await timeCase(k, k.bench!(0, 0), 'wgsl', STOP);
  if (!('hot' in t)) throw new Error(`no timing: ${JSON.stringify(t)}`);
  return t.hot.samples;
}

test('a planted 2x slowdown is SLOWER, a rerun of the same build SAME', async () => {
  const before = await hotSamples(rounds);
  const again = await hotSamples(rounds);
  const slowed = await hotSamples(roundsSlowed);
  const same = classify(before, again, 0.4);
  const slower = classify(before, slowed, 0.4);
  expect(same.verdict).toBe('SAME');
  expect(slower.verdict).toBe('SLOWER');
  // The interval brackets the planted factor's neighbourhood, not 1.
  expect(slower.low).toBeGreaterThan(1.4);
}, 60_000);
