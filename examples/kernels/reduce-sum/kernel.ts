/**
 * A workgroup tree reduction sized by arrayLength, two entry points, two
 * outputs (the per-workgroup partial sums and the total): wrapping u32
 * adds over random bit patterns, so bit-exact in any order.
 */
import { defineKernel, exact, fc, prng, wgsl } from 'twinpath';

export interface ReduceCase {
  readonly count: number;
  readonly seed: number;
}

export function words(c: ReduceCase): Uint32Array {
  const next = prng(c.seed);
  return Uint32Array.from({ length: c.count }, () => next());
}

const WG = 256;

export const reduceSum = defineKernel<ReduceCase>({
  name: 'example_reduce_sum',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './reduce-sum.wgsl'),
  input: fc.record({
    count: fc.oneof(fc.integer({ min: 1, max: 4096 }), fc.constantFrom(1, 255, 256, 257, 65536 + 3)),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.count} u32 #${c.seed}`,
  cpu: (c) => {
    const w = words(c);
    const partials = new Uint32Array(Math.ceil(c.count / WG));
    w.forEach((v, i) => (partials[Math.floor(i / WG)] = (partials[Math.floor(i / WG)]! + v) >>> 0));
    return { partials, total: Uint32Array.of(partials.reduce((a, b) => (a + b) >>> 0, 0)) };
  },
  gpu: (g, c) => {
    const partials = g.outputBuffer({ name: 'partials', element: 'u32', shape: [Math.ceil(c.count / WG)] });
    const total = g.outputBuffer({ name: 'total', element: 'u32', shape: [1] });
    g.dispatch('reduce_words', { words: g.buffer(words(c)), partials }, [c.count]);
    g.dispatch('reduce_partials', { partials, total }, [WG]);
    return { partials, total };
  },
  // Wrapping integer adds: any order gives the same bits.
  compare: exact(),
});
