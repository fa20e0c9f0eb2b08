/**
 * prgpu's generate_mips: n - 1 chained mip_downsample dispatches filling
 * levels 1..n-1 of the buffer in place from level 0.
 */
import {
  benchSurfaceCase,
  MAX_MIP,
  defineKernel,
  describeSurfaceCase,
  surfaceCaseArb,
  surfaceFromCase,
  wgsl,
  type GpuContext,
  type OutputBinding,
  type Surface,
  type SurfaceCase,
} from 'twinpath';
import { generateMips } from '../../oracles/mip-downsample.ts';
import {
  MIP_DOWNSAMPLE_CPP,
  MIP_DOWNSAMPLE_CUDA,
  callMipDownsample,
  launchMipDownsample,
} from '../mip_downsample/kernel.ts';
import { mipPolicy } from '../mip_downsample/tolerance.ts';

export const GENERATE_MIPS_WGSL = wgsl(import.meta.url, '../mip_downsample/mip-downsample.wgsl');

/** The GPU half for a prepared surface: level 0 copied in, one dispatch per further level. */
export function gpuGenerateMips(g: GpuContext, s: Surface): OutputBinding {
  const out = g.output(s.desc, { init: { from: s, levels: [0] } });
  const desc = g.desc(s.desc);
  for (const dst of s.desc.levels.slice(1)) {
    g.dispatch('mip_downsample', { pixels: out, desc, params: g.uniform([dst.level - 1]) }, [dst.width, dst.height]);
  }
  return out;
}

export default defineKernel<SurfaceCase>({
  name: 'generate_mips',
  module: import.meta.url,
  wgsl: GENERATE_MIPS_WGSL,
  input: surfaceCaseArb({ maxSide: 300, levels: { min: 2, max: MAX_MIP } }),
  describe: describeSurfaceCase,
  cpu: (c, gpu) => generateMips(surfaceFromCase(c), gpu),
  gpu: (g, c) => gpuGenerateMips(g, surfaceFromCase(c)),
  cuda: {
    source: MIP_DOWNSAMPLE_CUDA,
    run: (n, c) => {
      const s = surfaceFromCase(c);
      const out = n.output(s.desc, { init: { from: s, levels: [0] } });
      for (const dst of s.desc.levels.slice(1)) launchMipDownsample(n, out, dst.level - 1);
      return out;
    },
  },
  cpp: {
    source: MIP_DOWNSAMPLE_CPP,
    run: (n, c) => {
      const s = surfaceFromCase(c);
      const out = n.output(s.desc, { init: { from: s, levels: [0] } });
      for (const dst of s.desc.levels.slice(1)) callMipDownsample(n, out, dst.level - 1);
      return out;
    },
  },
  compare: mipPolicy,
  runs: 300,
  bench: (width, height) => benchSurfaceCase(width, height, { levels: MAX_MIP }),
});
