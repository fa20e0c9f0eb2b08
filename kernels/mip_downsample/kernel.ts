/**
 * prgpu's mip_downsample, one dispatch: level srcLevel + 1 from level
 * srcLevel of the same buffer. The source level holds the case's content.
 */
import fc from 'fast-check';
import { MAX_MIP, caseMemo, createSurface, defineKernel, describeSurfaceCase, descFromCase, fillContent, surfaceCaseArb, wgsl, type SurfaceCase } from '../../harness/index.ts';
import { mipDownsamplePass } from '../../oracles/mip-downsample.ts';
import { mipPolicy } from './tolerance.ts';

interface MipPassCase {
  readonly surface: SurfaceCase;
  /** Picks the source level: `pick % (levels - 1)`. */
  readonly pick: number;
}

const srcLevel = (c: MipPassCase) => c.pick % (descFromCase(c.surface).levels.length - 1);

const source = caseMemo((c: MipPassCase) => {
  const s = createSurface(descFromCase(c.surface));
  fillContent(s, c.surface.content, srcLevel(c));
  return s;
});

export default defineKernel<MipPassCase>({
  name: 'mip_downsample',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './mip-downsample.wgsl'),
  input: fc.record({ surface: surfaceCaseArb({ maxSide: 300, levels: { min: 2, max: MAX_MIP } }), pick: fc.nat(MAX_MIP) }),
  describe: (c) => `${describeSurfaceCase(c.surface)} srcLevel ${srcLevel(c)}`,
  cpu: (c) => mipDownsamplePass(source(c), srcLevel(c)),
  gpu: (g, c) => {
    const s = source(c);
    const l = srcLevel(c);
    const out = g.output(s.desc, { owns: [l, l + 1], init: { from: s, levels: [l] } });
    const dst = s.desc.levels[l + 1]!;
    g.dispatch('mip_downsample', { pixels: out, desc: g.desc(s.desc), params: g.uniform([l]) }, [dst.width, dst.height]);
    return out;
  },
  compare: mipPolicy,
  bench: (width, height) => ({ surface: { width, height, format: { storage: 'Unorm8x4', layout: 'Rgba' }, pitch: { kind: 'tight' }, levels: 2, content: { kind: 'random', seed: 1 } }, pick: 0 }),
  runs: 300,
});
