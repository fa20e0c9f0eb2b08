/**
 * The figures of one timing (hot batches or cold launches) of a kernel on a backend: NVBench's summary of its
 * samples, each sample the device time of one launch (a hot batch's time over its launches).
 */

/** A timing's summary, in microseconds per launch; `noise` is the samples' relative standard deviation (0.02: 2%). */
export interface KernelTiming {
  /** Samples taken. */
  readonly count: number;
  /** Device time of every launch timed, summed (us). */
  readonly total: number;
  readonly min: number;
  readonly max: number;
  readonly median: number;
  /** The last sample taken. */
  readonly last: number;
  /** Sample standard deviation over the mean: how far one sample is to be trusted. Infinity below two samples. */
  readonly noise: number;
}

/** The median of `v` (the mean of the middle two for an even count); NaN when empty. */
export function median(v: readonly number[]): number {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Sample standard deviation over the mean (Bessel-corrected); Infinity below two samples, or a mean of 0. */
export function relativeStdDev(v: readonly number[]): number {
  if (v.length < 2) return Infinity;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  if (mean === 0) return Infinity;
  const variance = v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1);
  return Math.sqrt(variance) / mean;
}

/**
 * The spread of `v` robust to stray samples: 1.4826 x the median absolute deviation over the median (the relative
 * standard deviation of normal samples, whatever a few stalls add); Infinity below two samples, or a median of 0.
 */
export function robustNoise(v: readonly number[]): number {
  const m = median(v);
  if (v.length < 2 || !(m > 0)) return Infinity;
  return (1.4826 * median(v.map((x) => Math.abs(x - m)))) / m;
}

/**
 * The summary of `samples` (us per launch), each the mean of `launchesPerSample` launches. Throws on no samples:
 * `kernelTiming: no samples`.
 */
export function kernelTiming(samples: readonly number[], launchesPerSample = 1): KernelTiming {
  if (!samples.length) throw new Error('kernelTiming: no samples');
  return {
    count: samples.length,
    total: samples.reduce((a, b) => a + b, 0) * launchesPerSample,
    min: Math.min(...samples),
    max: Math.max(...samples),
    median: median(samples),
    last: samples[samples.length - 1]!,
    noise: relativeStdDev(samples),
  };
}
