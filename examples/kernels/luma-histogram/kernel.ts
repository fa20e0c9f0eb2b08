/** Two outputs of one pass: a grey image and the histogram of its luma; integer arithmetic, exact. */
import { defineKernel, exact, fc, prng, wgsl } from 'twinpath';

export interface LumaCase {
  readonly width: number;
  readonly height: number;
  readonly seed: number;
}

export function rgba(c: LumaCase): Uint32Array {
  const next = prng(c.seed);
  return Uint32Array.from({ length: c.width * c.height }, () => next());
}

export const lumaHistogram = defineKernel<LumaCase>({
  name: 'example_luma_histogram',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './luma-histogram.wgsl'),
  input: fc.record({
    width: fc.integer({ min: 1, max: 256 }),
    height: fc.integer({ min: 1, max: 256 }),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.width}x${c.height} rgba8 #${c.seed}`,
  cpu: (c) => {
    const histogram = new Uint32Array(256);
    const grey = rgba(c).map((p) => {
      const luma = (77 * (p & 0xff) + 150 * ((p >>> 8) & 0xff) + 29 * ((p >>> 16) & 0xff)) >>> 8;
      histogram[luma]!++;
      return (luma | (luma << 8) | (luma << 16) | (p & 0xff000000)) >>> 0;
    });
    return { grey, histogram };
  },
  gpu: (g, c) => {
    const grey = g.outputBuffer({ name: 'grey', element: 'u32', shape: [c.height, c.width] });
    const histogram = g.outputBuffer({ name: 'histogram', element: 'u32', shape: [256] });
    g.dispatch('main', { rgba: g.buffer(rgba(c)), grey, histogram }, [c.width * c.height]);
    return { grey, histogram };
  },
  compare: { grey: exact(), histogram: exact() },
});
