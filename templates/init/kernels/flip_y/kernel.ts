/**
 * The flip_y kernel: its WGSL, its oracle, the cases to sweep and how the
 * two are compared. Exported, so `twinpath bench` and the judge threads find it.
 */
import {
  benchSurfaceCase,
  defineKernel,
  describeSurfaceCase,
  exact,
  surfaceCaseArb,
  surfaceFromCase,
  wgsl,
} from 'twinpath';
import { flipY } from '../../oracles/flip-y.ts';

export const flipYKernel = defineKernel({
  name: 'flip_y',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './flip-y.wgsl'),
  // Sizes, row pitches, pixel formats and contents, one mip level.
  input: surfaceCaseArb({ maxSide: 64, levels: { min: 1, max: 1 } }),
  describe: describeSurfaceCase,
  cpu: (c) => flipY(surfaceFromCase(c)),
  gpu: (g, c) => {
    const src = surfaceFromCase(c);
    const out = g.output(src.desc);
    const wordsPerRow = (src.desc.width * src.desc.bytesPerPixel) / 4;
    // Each binding by its WGSL variable's name, in whatever group the WGSL puts it.
    g.dispatch('flip_y', { source: g.surface(src), flipped: out, desc: g.desc(src.desc) }, [
      wordsPerRow,
      src.desc.height,
    ]);
    return out;
  },
  // A permutation of bytes: exact.
  compare: exact(),
  runs: 100,
  // A frame of `twinpath bench`: tight Unorm8x4 rows of random bytes.
  bench: (width, height) => benchSurfaceCase(width, height),
});
