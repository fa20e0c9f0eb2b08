/**
 * Before and after: a row's samples against the baseline's, classified as nvbench_compare does — SAME when the
 * change is within the noise — with a distribution-free interval of the ratio deciding FASTER and SLOWER, and
 * UNSURE when the change is beyond the noise but the interval still holds no change.
 */
import { median, robustNoise } from '../timing/statistics.ts';

export type Verdict = 'FASTER' | 'SLOWER' | 'SAME' | 'UNSURE';

/** A comparison: after / before time (2: twice as slow), its ~95% interval, and the verdict. */
export interface Comparison {
  readonly verdict: Verdict;
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  /** The change counted as SAME: the smaller of the two robust noises, or `sameWithin` where that is larger. */
  readonly tolerance: number;
}

/** How samples are compared. */
export interface ClassifyOptions {
  /** A change within this fraction is SAME whatever the noise (0.05: 5%). */
  readonly sameWithin?: number;
  /**
   * Compare only this fraction of each side's samples, the fastest (1: all). On a shared or software device the
   * slower samples waited for a CPU busy with other work; the fastest are the kernel's own time.
   */
  readonly fastest?: number;
}

/** The fastest `fraction` of `v` (at least two samples, where it has two). */
export function fastestSamples(v: readonly number[], fraction: number): number[] {
  return [...v].sort((a, b) => a - b).slice(0, Math.max(2, Math.ceil(fraction * v.length)));
}

/** z for a two-sided 95% interval. */
const Z95 = 1.96;

/**
 * The ratio after / before as the Hodges-Lehmann estimate over log times (the median of every pairwise ratio),
 * with its ~95% interval from the Mann-Whitney order statistics of those ratios (distribution-free: one stray
 * sample moves neither).
 */
export function ratioInterval(
  before: readonly number[],
  after: readonly number[],
): { readonly ratio: number; readonly low: number; readonly high: number } {
  const logs = after.flatMap((a) => before.map((b) => Math.log(a / b))).sort((x, y) => x - y);
  const [n, m, nm] = [after.length, before.length, logs.length];
  const k = Math.max(0, Math.floor(nm / 2 - Z95 * Math.sqrt((n * m * (n + m + 1)) / 12)));
  return { ratio: Math.exp(median(logs)), low: Math.exp(logs[k]!), high: Math.exp(logs[nm - 1 - k]!) };
}

/**
 * Classifies `after` against `before` (samples of the same row, us per launch): SAME when the ratio is within the
 * tolerance (nvbench_compare's rule: the smaller noise — here the robust one, so that a few stalls of a shared
 * machine do not make a 2x change SAME — and never below `sameWithin`); SLOWER or FASTER when it is
 * beyond it and the interval excludes 1; else UNSURE. With `fastest`, only the fastest samples of each side count. Throws on fewer than two samples a side:
 * `classify: 1 sample before, 30 after; a comparison needs two a side`.
 */
export function classify(
  allBefore: readonly number[],
  allAfter: readonly number[],
  { sameWithin = 0, fastest = 1 }: ClassifyOptions = {},
): Comparison {
  if (allBefore.length < 2 || allAfter.length < 2)
    throw new Error(
      `classify: ${allBefore.length} sample${allBefore.length === 1 ? '' : 's'} before, ${allAfter.length} after; a comparison needs two a side`,
    );
  const before = fastestSamples(allBefore, fastest);
  const after = fastestSamples(allAfter, fastest);
  const { ratio, low, high } = ratioInterval(before, after);
  const tolerance = Math.max(sameWithin, Math.min(robustNoise(before), robustNoise(after)));
  const at = { ratio, low, high, tolerance };
  if (ratio <= 1 + tolerance && ratio >= 1 / (1 + tolerance)) return { verdict: 'SAME', ...at };
  if (low > 1) return { verdict: 'SLOWER', ...at };
  if (high < 1) return { verdict: 'FASTER', ...at };
  return { verdict: 'UNSURE', ...at };
}
