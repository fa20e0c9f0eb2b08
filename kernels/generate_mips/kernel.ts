/**
 * prgpu's generate_mips: n - 1 chained mip_downsample dispatches filling
 * levels 1..n-1 of the buffer in place from level 0.
 */
import { MAX_MIP, defineKernel, describeSurfaceCase, surfaceCaseArb, surfaceFromCase, wgslWithLibrary } from '../../harness/index.ts';
import { generateMips } from '../../oracles/mip-downsample.ts';
import { mipPolicy } from '../mip_downsample/tolerance.ts';

export default defineKernel({
  name: 'generate_mips',
  wgsl: wgslWithLibrary(import.meta.url, '../mip_downsample/mip-downsample.wgsl'),
  input: surfaceCaseArb({ maxSide: 300, levels: { min: 2, max: MAX_MIP } }),
  describe: describeSurfaceCase,
  cpu: (c, gpu) => generateMips(surfaceFromCase(c), gpu),
  gpu: (g, c) => {
    const s = surfaceFromCase(c);
    const out = g.output(s.desc, { init: { from: s, levels: [0] } });
    const desc = g.desc(s.desc);
    for (const dst of s.desc.levels.slice(1)) {
      g.dispatch('mip_downsample', [out, desc, g.uniform([dst.level - 1])], [dst.width, dst.height]);
    }
    return out;
  },
  compare: mipPolicy,
  runs: 300,
});
