/**
 * prgpu's prepare_mip_source copy: a pitched source into level 0 of a mip
 * buffer (tight, as prgpu allocates it, or with a pitch of its own). A byte
 * copy, so byte-identical; the levels after 0 must keep their canary.
 */
import {
  benchSurfaceCase,
  fc,
  MAX_MIP,
  bytesPerPixel,
  caseMemo,
  defineKernel,
  describePitch,
  describeSurfaceCase,
  exact,
  pitchArb,
  resolvePitch,
  surfaceCaseArb,
  surfaceFromCase,
  textureDesc,
  wgsl,
  type PitchSpec,
  type SurfaceCase,
} from 'twinpath';
import { prepareMipSource } from '../../oracles/prepare-mip-source.ts';

interface PrepareCase {
  /** The host's frame: one level, any pitch. */
  readonly source: SurfaceCase;
  readonly mipPitch: PitchSpec;
  readonly mipLevels: number;
}

const mipsDesc = caseMemo((c: PrepareCase) =>
  textureDesc({
    width: c.source.width,
    height: c.source.height,
    format: c.source.format,
    pitchBytes: resolvePitch(c.mipPitch, c.source.width, bytesPerPixel(c.source.format.storage)),
    levels: c.mipLevels,
  }),
);

export default defineKernel<PrepareCase>({
  name: 'prepare_mip_source',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './prepare-mip-source.wgsl'),
  input: fc.record({
    source: surfaceCaseArb({ maxSide: 300, levels: { min: 1, max: 1 } }),
    mipPitch: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant<PitchSpec>({ kind: 'tight' }), weight: 3 },
      { arbitrary: pitchArb(), weight: 1 },
    ),
    mipLevels: fc.integer({ min: 1, max: MAX_MIP }),
  }),
  describe: (c) => `${describeSurfaceCase(c.source)} -> mip pitch ${describePitch(c.mipPitch)} levels ${c.mipLevels}`,
  cpu: (c) => prepareMipSource(surfaceFromCase(c.source), mipsDesc(c)),
  gpu: (g, c) => {
    const src = surfaceFromCase(c.source);
    const mips = mipsDesc(c);
    const out = g.output(mips, { owns: [0] });
    g.dispatch(
      'prepare_mip_source',
      { source: g.surface(src), mips: out, sourceDesc: g.desc(src.desc), mipsDesc: g.desc(mips) },
      [(mips.width * mips.bytesPerPixel) / 4, mips.height],
    );
    return out;
  },
  compare: exact(),
  bench: (width, height) => ({
    source: benchSurfaceCase(width, height, { pitch: { kind: 'align', to: 256 } }),
    mipPitch: { kind: 'tight' },
    mipLevels: MAX_MIP,
  }),
  runs: 300,
});
