/**
 * prgpu's mip_downsample, one dispatch: level srcLevel + 1 from level
 * srcLevel of the same buffer. The source level holds the case's content.
 */
import {
  benchSurfaceCase,
  fc,
  MAX_MIP,
  caseMemo,
  createSurface,
  defineKernel,
  describeSurfaceCase,
  descFromCase,
  fillContent,
  nativeWithLibrary,
  surfaceCaseArb,
  wgsl,
  type CppContext,
  type CudaContext,
  type SurfaceCase,
} from 'twinpath';
import { mipDownsamplePass } from '../../oracles/mip-downsample.ts';
import { mipPolicy } from './tolerance.ts';

export interface MipPassCase {
  readonly surface: SurfaceCase;
  /** Picks the source level: `pick % (levels - 1)`. */
  readonly pick: number;
}

const srcLevel = (c: MipPassCase) => c.pick % (descFromCase(c.surface).levels.length - 1);

/** The pass's source level filled, named so the judge threads build it for the device half. */
const source = caseMemo((c: MipPassCase) => {
  const s = createSurface(descFromCase(c.surface));
  fillContent(s, c.surface.content, srcLevel(c));
  return s;
}, 'mip_downsample source');

export const MIP_DOWNSAMPLE_CUDA = nativeWithLibrary(import.meta.url, './mip-downsample.h', './mip-downsample.cu');
export const MIP_DOWNSAMPLE_CPP = nativeWithLibrary(import.meta.url, './mip-downsample.h', './mip-downsample.cpp');

/** CUDA blocks of 16x16 threads, one per destination texel, as the WGSL's workgroups. */
export const MIP_BLOCK = 16;

/** The CUDA launch of one pass, into level `srcLevel + 1` of `out`. */
export function launchMipDownsample(
  n: CudaContext,
  out: ReturnType<CudaContext['output']>,
  srcLevel: number,
  blocks = (side: number) => Math.ceil(side / MIP_BLOCK),
): void {
  const dst = out.desc.levels[srcLevel + 1]!;
  n.launch('mip_downsample', [out, n.desc(out.desc), n.u32(srcLevel)], {
    grid: [blocks(dst.width), blocks(dst.height)],
    block: [MIP_BLOCK, MIP_BLOCK],
  });
}

/** The C++ call of one pass. */
export function callMipDownsample(n: CppContext, out: ReturnType<CppContext['output']>, srcLevel: number): void {
  n.call('mip_downsample', [out, n.desc(out.desc), n.u32(srcLevel)]);
}

/** The CUDA half of a case: its source level in, one launch into the next level; `blocks` is the grid per side. */
export function cudaMipPass(n: CudaContext, c: MipPassCase, blocks?: (side: number) => number) {
  const s = source(c);
  const out = n.output(s.desc, { owns: [srcLevel(c), srcLevel(c) + 1], init: { from: s, levels: [srcLevel(c)] } });
  launchMipDownsample(n, out, srcLevel(c), blocks);
  return out;
}

export default defineKernel<MipPassCase>({
  name: 'mip_downsample',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './mip-downsample.wgsl'),
  input: fc.record({
    surface: surfaceCaseArb({ maxSide: 300, levels: { min: 2, max: MAX_MIP } }),
    pick: fc.nat(MAX_MIP),
  }),
  describe: (c) => `${describeSurfaceCase(c.surface)} srcLevel ${srcLevel(c)}`,
  cpu: (c) => mipDownsamplePass(source(c), srcLevel(c)),
  gpu: (g, c) => {
    const s = source(c);
    const l = srcLevel(c);
    const out = g.output(s.desc, { owns: [l, l + 1], init: { from: s, levels: [l] } });
    const dst = s.desc.levels[l + 1]!;
    g.dispatch('mip_downsample', { pixels: out, desc: g.desc(s.desc), params: g.uniform([l]) }, [
      dst.width,
      dst.height,
    ]);
    return out;
  },
  cuda: { source: MIP_DOWNSAMPLE_CUDA, run: (n, c) => cudaMipPass(n, c) },
  cpp: {
    source: MIP_DOWNSAMPLE_CPP,
    run: (n, c) => {
      const s = source(c);
      const out = n.output(s.desc, { owns: [srcLevel(c), srcLevel(c) + 1], init: { from: s, levels: [srcLevel(c)] } });
      callMipDownsample(n, out, srcLevel(c));
      return out;
    },
  },
  compare: mipPolicy,
  bench: (width, height) => ({
    surface: benchSurfaceCase(width, height, { levels: 2 }),
    pick: 0,
  }),
  runs: 300,
});
