/**
 * A flat-cost pyramid blur built on generate_mips + trilinear sampling (the
 * use case of prgpu's mip chains), every format. The one output carries both
 * halves: levels 1..n-1 are the GPU's mip chain, level 0 the blurred image;
 * the chain is judged pass by pass and the blur on the GPU's actual chain.
 */
import {
  benchSurfaceCase,
  fc,
  MAX_MIP,
  absRel,
  bitsFromF32,
  caseMemo,
  defineKernel,
  describeSurfaceCase,
  perStorage,
  surfaceCaseArb,
  surfaceFromCase,
  texelRanges,
  unormNearTie,
  wgsl,
  type SurfaceCase,
} from 'twinpath';
import { generateMips } from '../../oracles/mip-downsample.ts';
import { pyramidBlur } from '../../oracles/pyramid-blur.ts';

interface BlurCase {
  readonly surface: SurfaceCase;
  /** In level-0 pixels; quarter steps from 0 to 16. */
  readonly radius: number;
}

const source = caseMemo((c: BlurCase) => surfaceFromCase(c.surface));

// Taps' weights may be 2 ULP(pos) off through 3 mixes and the 9-tap sum (texture_view's bound, docs/facts.md#precision): <= 2^-11 + rounding; the chain's
// levels share the window, 0.25 LSB at Unorm8, so a store that rounds where it must truncate (0.5 LSB off) still fails.
const policy = perStorage({
  Unorm8x4: unormNearTie(2 ** -10),
  Unorm16x4: unormNearTie(2 ** -10),
  Float32x4: absRel(2 ** -10, 0),
});

export default defineKernel<BlurCase>({
  name: 'pyramid_blur',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, ['../mip_downsample/mip-downsample.wgsl', './pyramid-blur.wgsl']),
  input: fc.record({
    surface: surfaceCaseArb({ maxSide: 64, levels: { min: 2, max: MAX_MIP } }),
    radius: fc.integer({ min: 0, max: 64 }).map((k) => k / 4),
  }),
  describe: (c) => `${describeSurfaceCase(c.surface)} radius ${c.radius}`,
  cpu: (c, gpu) => {
    const mips = generateMips(source(c), gpu);
    const blurred = pyramidBlur(source(c), gpu ?? mips.surface, c.radius);
    const expected = mips.surface;
    for (const [a, b] of texelRanges(expected.desc, [0])) expected.bytes.set(blurred.surface.bytes.subarray(a, b), a);
    const exact =
      mips.exact && blurred.exact
        ? { rounding: 'truncate' as const, levels: [blurred.exact.levels[0], ...mips.exact.levels.slice(1)] }
        : undefined;
    return { surface: expected, ...(exact ? { exact } : {}) };
  },
  gpu: (g, c) => {
    const s = source(c);
    const out = g.output(s.desc, { init: { from: s, levels: [0] } });
    const desc = g.desc(s.desc);
    for (const dst of s.desc.levels.slice(1))
      g.dispatch('mip_downsample', { pixels: out, desc, params: g.uniform([dst.level - 1]) }, [dst.width, dst.height]);
    g.dispatch('pyramid_blur', { pixels: out, desc, blur: g.uniform([bitsFromF32(c.radius)]), source: g.surface(s) }, [
      s.desc.width,
      s.desc.height,
    ]);
    return out;
  },
  compare: policy,
  runs: 200,
  bench: (width, height) => ({
    surface: benchSurfaceCase(width, height, { levels: MAX_MIP }),
    radius: 8,
  }),
});
