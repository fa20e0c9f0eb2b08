/**
 * mlx-native's im2col_2d_3ch_f32: `[3, H, W]` f32 -> `[patches, 3 p^2]`,
 * bit-identical, swept over patch sizes and patch grids (square, wide,
 * tall). Inputs are random f32 bit patterns — NaNs, infinities, signed
 * zeros and denormals included — since a permutation must move any bits.
 */
import fc from 'fast-check';
import { GpuSetupError, caseMemo, createSurface, defineKernel, exact, packStruct, prng, struct, u32, wgsl, writeCode, type GpuContext, type OutputBinding, type Surface, type SurfaceBinding } from '../../harness/index.ts';
import { im2col, im2colInputDesc, im2colOutputDesc, im2colShape } from '../../oracles/im2col.ts';

/** The uniform the WGSL reads, declared once (checked against the WGSL in cases/layout). */
export const IM2COL_PARAMS = struct('Im2colParams', { pixel_h: u32, pixel_w: u32, patch_size: u32, nps_x: u32, nps_y: u32, k_total: u32, num_patches: u32, _pad: u32 });

export const IM2COL_WGSL = wgsl(import.meta.url, './im2col.wgsl');

export interface Im2colCase {
  readonly patchSize: number;
  readonly npsX: number;
  readonly npsY: number;
  readonly seed: number;
}

/** The `[3, H, W]` input: random f32 bit patterns. */
export const im2colPixels = caseMemo((c: Im2colCase): Surface => {
  const s = createSurface(im2colInputDesc(im2colShape(c.npsY * c.patchSize, c.npsX * c.patchSize, c.patchSize)));
  const next = prng(c.seed);
  for (let y = 0; y < s.desc.height; y++) for (let x = 0; x < s.desc.width; x++) writeCode(s, x, y, 0, 0, next());
  return s;
});

/**
 * The GPU path, validated as mlx-native's dispatch is: the shape errors of
 * im2colShape, and `im2col_2d_3ch_f32: output too small: expected 3072 bytes for [16, 48], got 1024`.
 */
export function dispatchIm2col(g: GpuContext, pixels: SurfaceBinding, output: OutputBinding, pixelH: number, pixelW: number, patchSize: number): OutputBinding {
  const s = im2colShape(pixelH, pixelW, patchSize);
  const need = s.numPatches * s.kTotal * 4;
  const have = output.desc.width * output.desc.height * 4;
  if (have < need) throw new GpuSetupError(`im2col_2d_3ch_f32: output too small: expected ${need} bytes for [${s.numPatches}, ${s.kTotal}], got ${have}`);
  const params = packStruct(IM2COL_PARAMS, { pixel_h: pixelH, pixel_w: pixelW, patch_size: patchSize, nps_x: s.npsX, nps_y: s.npsY, k_total: s.kTotal, num_patches: s.numPatches, _pad: 0 });
  const total = s.numPatches * s.kTotal;
  const rows = Math.ceil(total / (256 * 65535));
  g.dispatch('im2col_2d_3ch_f32', { params: g.uniform(new Uint32Array(params.buffer)), pixels, columns: output }, [Math.min(total, 256 * 65535), rows]);
  return output;
}

export default defineKernel<Im2colCase>({
  name: 'im2col',
  module: import.meta.url,
  wgsl: IM2COL_WGSL,
  input: fc.record({
    patchSize: fc.oneof({ withCrossShrink: true }, fc.integer({ min: 1, max: 16 }), fc.constantFrom(1, 2, 4, 8, 14, 16)),
    npsX: fc.integer({ min: 1, max: 8 }),
    npsY: fc.integer({ min: 1, max: 8 }),
    seed: fc.nat(),
  }),
  describe: (c) => `[3, ${c.npsY * c.patchSize}, ${c.npsX * c.patchSize}] p ${c.patchSize} (${c.npsX}x${c.npsY} patches) bits#${c.seed}`,
  cpu: (c) => im2col(im2colPixels(c), c.npsY * c.patchSize, c.npsX * c.patchSize, c.patchSize),
  gpu: (g, c) => {
    const shape = im2colShape(c.npsY * c.patchSize, c.npsX * c.patchSize, c.patchSize);
    return dispatchIm2col(g, g.surface(im2colPixels(c)), g.output(im2colOutputDesc(shape)), shape.pixelH, shape.pixelW, c.patchSize);
  },
  // A permutation: bit-identical (mlx-native compares to_bits()).
  compare: exact(),
  runs: 300,
  bench: (width, height) => ({ patchSize: 8, npsX: Math.floor(width / 8), npsY: Math.floor(height / 8), seed: 1 }),
});
