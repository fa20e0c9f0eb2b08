/**
 * A two-kernel CUDA histogram — per-block partial histograms into a scratch
 * buffer, then a merge pass into the output: two launches per case, the
 * partials never judged — beside its C++ reference (one loop) and a TS
 * oracle. Integer counts: exact.
 */
import { defineKernel, exact, fc, nativeFiles, prng } from 'twinpath';
import { histogramOracle } from './oracle.ts';

export interface HistogramCase {
  readonly count: number;
  /** Samples fall in the first `spread` bins: 1 piles every sample into one bin (the most contended atomics). */
  readonly spread: number;
  readonly seed: number;
}

/** As histogram.cu's HIST_BINS. */
const BINS = 256;
const BLOCK = 256;

/** The case's 8-bit samples. */
export function samples(c: HistogramCase): Uint8Array {
  const next = prng(c.seed);
  return Uint8Array.from({ length: c.count }, () => next() % c.spread);
}

export const histogramTwoPass = defineKernel<HistogramCase>({
  name: 'example_histogram_two_pass',
  module: import.meta.url,
  input: fc.record({
    count: fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(1, 255, 256, 257, 32 * BLOCK + 1)),
    spread: fc.oneof(fc.constant(BINS), fc.integer({ min: 1, max: BINS })),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.count} samples in ${c.spread} bins #${c.seed}`,
  cpu: (c) => histogramOracle(samples(c)),
  cuda: {
    source: nativeFiles(import.meta.url, './histogram.cu'),
    entries: ['histogram_partial', 'histogram_merge'],
    run: (n, c) => {
      const blocks = Math.min(Math.ceil(c.count / BLOCK), 32);
      const partials = n.scratch(blocks * BINS * 4);
      // Canary-filled: a bin the merge never writes fails the case.
      const hist = n.outputBuffer({ element: 'u32', shape: [BINS], prefill: 'canary' });
      n.launch('histogram_partial', [n.buffer(samples(c)), n.u32(c.count), partials], {
        grid: [blocks],
        block: [BLOCK],
      });
      n.launch('histogram_merge', [partials, n.u32(blocks), hist], { grid: [1], block: [BINS] });
      return hist;
    },
  },
  cpp: {
    source: nativeFiles(import.meta.url, './histogram_reference.cpp'),
    run: (n, c) => {
      const hist = n.outputBuffer({ element: 'u32', shape: [BINS], prefill: 'canary' });
      n.call('histogram_reference', [n.buffer(samples(c)), n.u32(c.count), hist]);
      return hist;
    },
  },
  // Integer counts, atomics in any order: exact.
  compare: exact(),
});
