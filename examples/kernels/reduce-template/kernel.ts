/**
 * A templated CUDA reduction launched by its source names — two instances of
 * `reduce<T, BLOCK, NONZERO_ONLY>`, each with dynamic shared memory — beside
 * its C++ reference (plain loops, `extern "C"` entry points) and a TS oracle.
 * Integer math, atomics in any order: bit-exact.
 */
import { defineKernel, exact, fc, nativeFiles, prng, type LaunchShape } from 'twinpath';
import { reduceOracle } from './oracle.ts';

export interface ReduceCase {
  readonly count: number;
  /** About one element in `1 / zeroEvery` is zero, the rest random bits. */
  readonly zeroEvery: number;
  readonly seed: number;
}

/** The case's elements: random i32 bits, some zeros. */
export function values(c: ReduceCase): Int32Array {
  const next = prng(c.seed);
  return Int32Array.from({ length: c.count }, () => (next() % c.zeroEvery === 0 ? 0 : next() | 0));
}

/** The instances the kernel launches, as the source spells them. */
const SUM = 'reduce<unsigned int, 128, false>';
const COUNT = 'reduce<int, 256, true>';

/** A grid-stride launch of `block` threads a block (at most 64 blocks), one 4-byte element of shared memory each. */
function reduceShape(count: number, block: number): LaunchShape {
  return { grid: [Math.min(Math.ceil(count / block), 64)], block: [block], sharedBytes: block * 4 };
}

export const reduceTemplate = defineKernel<ReduceCase>({
  name: 'example_reduce_template',
  module: import.meta.url,
  input: fc.record({
    count: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(1, 127, 128, 129, 256, 64 * 256 + 1)),
    zeroEvery: fc.integer({ min: 1, max: 8 }),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.count} i32, zero 1 in ${c.zeroEvery} #${c.seed}`,
  cpu: (c) => reduceOracle(values(c)),
  cuda: {
    source: nativeFiles(import.meta.url, './reduce.cu'),
    entries: [SUM, COUNT],
    run: (n, c) => {
      const x = n.buffer(values(c));
      const sum = n.outputBuffer({ name: 'sum', element: 'u32', shape: [1] });
      const nonzero = n.outputBuffer({ name: 'nonzero', element: 'i32', shape: [1] });
      n.launch(SUM, [x, sum, n.u32(c.count)], reduceShape(c.count, 128));
      n.launch(COUNT, [x, nonzero, n.u32(c.count)], reduceShape(c.count, 256));
      return { sum, nonzero };
    },
  },
  cpp: {
    source: nativeFiles(import.meta.url, './reduce_reference.cpp'),
    run: (n, c) => {
      const x = n.buffer(values(c));
      const sum = n.outputBuffer({ name: 'sum', element: 'u32', shape: [1] });
      const nonzero = n.outputBuffer({ name: 'nonzero', element: 'i32', shape: [1] });
      n.call('reduce_sum_u32', [x, sum, n.u32(c.count)]);
      n.call('count_nonzero_i32', [x, nonzero, n.u32(c.count)]);
      return { sum, nonzero };
    },
  },
  // Integer adds (the sum wrapping), atomics in any order: the same bits.
  compare: { sum: exact(), nonzero: exact() },
});
