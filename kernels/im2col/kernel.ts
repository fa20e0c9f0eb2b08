/**
 * mlx-native's im2col_2d_3ch_f32: `[3, H, W]` f32 -> `[patches, 3 p^2]`,
 * bit-identical, swept over patch sizes and patch grids (square, wide,
 * tall). Inputs are random f32 bit patterns — NaNs, infinities, signed
 * zeros and denormals included — since a permutation must move any bits.
 */
import {
  fc,
  SetupError,
  caseMemo,
  createSurface,
  defineKernel,
  exact,
  nativeFiles,
  packStruct,
  prng,
  struct,
  u32,
  wgsl,
  writeCode,
  type GpuContext,
  type NativeContext,
  type OutputBinding,
  type Surface,
  type SurfaceBinding,
} from 'twinpath';
import { im2col, im2colInputDesc, im2colOutputDesc, im2colShape } from '../../oracles/im2col.ts';

/** The uniform the WGSL reads, declared once (checked against the WGSL in src/layout-check). */
export const IM2COL_PARAMS = struct('Im2colParams', {
  pixel_h: u32,
  pixel_w: u32,
  patch_size: u32,
  nps_x: u32,
  nps_y: u32,
  k_total: u32,
  num_patches: u32,
  _pad: u32,
});

export const IM2COL_WGSL = wgsl(import.meta.url, './im2col.wgsl');
export const IM2COL_CUDA = nativeFiles(import.meta.url, './im2col.h', './im2col.cu');
export const IM2COL_CPP = nativeFiles(import.meta.url, './im2col.h', './im2col.cpp');

/** CUDA threads per block, as the WGSL's workgroup. */
const IM2COL_BLOCK = 256;

export interface Im2colCase {
  readonly patchSize: number;
  readonly npsX: number;
  readonly npsY: number;
  readonly seed: number;
}

/** The `[3, H, W]` input: random f32 bit patterns; named, so the judge threads build it. */
export const im2colPixels = caseMemo((c: Im2colCase): Surface => {
  const s = createSurface(im2colInputDesc(im2colShape(c.npsY * c.patchSize, c.npsX * c.patchSize, c.patchSize)));
  const next = prng(c.seed);
  for (let y = 0; y < s.desc.height; y++) for (let x = 0; x < s.desc.width; x++) writeCode(s, x, y, 0, 0, next());
  return s;
}, 'im2col pixels');

/**
 * The parameters of a dispatch, validated as mlx-native's dispatch is: the shape errors of
 * im2colShape, and `im2col_2d_3ch_f32: output too small: expected 3072 bytes for [16, 48], got 1024`.
 */
function im2colParams(output: { readonly desc: Surface['desc'] }, pixelH: number, pixelW: number, patchSize: number) {
  const s = im2colShape(pixelH, pixelW, patchSize);
  const need = s.numPatches * s.kTotal * 4;
  const have = output.desc.width * output.desc.height * 4;
  if (have < need)
    throw new SetupError(
      `im2col_2d_3ch_f32: output too small: expected ${need} bytes for [${s.numPatches}, ${s.kTotal}], got ${have}`,
    );
  return {
    shape: s,
    values: {
      pixel_h: pixelH,
      pixel_w: pixelW,
      patch_size: patchSize,
      nps_x: s.npsX,
      nps_y: s.npsY,
      k_total: s.kTotal,
      num_patches: s.numPatches,
      _pad: 0,
    },
  };
}

/** The GPU path, validated as mlx-native's dispatch is (see im2colParams). */
export function dispatchIm2col(
  g: GpuContext,
  pixels: SurfaceBinding,
  output: OutputBinding,
  pixelH: number,
  pixelW: number,
  patchSize: number,
): OutputBinding {
  const { shape: s, values } = im2colParams(output, pixelH, pixelW, patchSize);
  const params = packStruct(IM2COL_PARAMS, values);
  const total = s.numPatches * s.kTotal;
  const rows = Math.ceil(total / (256 * 65535));
  g.dispatch('im2col_2d_3ch_f32', { params: g.uniform(new Uint32Array(params.buffer)), pixels, columns: output }, [
    Math.min(total, 256 * 65535),
    rows,
  ]);
  return output;
}

/** The native halves' shared part: the case's input and output, and the validated parameters as a C struct. */
function nativeIm2col<C extends NativeContext>(n: C, c: Im2colCase) {
  const shape = im2colShape(c.npsY * c.patchSize, c.npsX * c.patchSize, c.patchSize);
  const output = n.output(im2colOutputDesc(shape));
  const { values } = im2colParams(output, shape.pixelH, shape.pixelW, c.patchSize);
  return {
    output,
    args: [n.struct(IM2COL_PARAMS, values), n.surface(im2colPixels(c)), output],
    total: shape.numPatches * shape.kTotal,
  };
}

export default defineKernel<Im2colCase>({
  name: 'im2col',
  module: import.meta.url,
  wgsl: IM2COL_WGSL,
  input: fc.record({
    patchSize: fc.oneof(
      { withCrossShrink: true },
      fc.integer({ min: 1, max: 16 }),
      fc.constantFrom(1, 2, 4, 8, 14, 16),
    ),
    npsX: fc.integer({ min: 1, max: 8 }),
    npsY: fc.integer({ min: 1, max: 8 }),
    seed: fc.nat(),
  }),
  describe: (c) =>
    `[3, ${c.npsY * c.patchSize}, ${c.npsX * c.patchSize}] p ${c.patchSize} (${c.npsX}x${c.npsY} patches) bits#${c.seed}`,
  cpu: (c) => im2col(im2colPixels(c), c.npsY * c.patchSize, c.npsX * c.patchSize, c.patchSize),
  gpu: (g, c) => {
    const shape = im2colShape(c.npsY * c.patchSize, c.npsX * c.patchSize, c.patchSize);
    return dispatchIm2col(
      g,
      g.surface(im2colPixels(c)),
      g.output(im2colOutputDesc(shape)),
      shape.pixelH,
      shape.pixelW,
      c.patchSize,
    );
  },
  cuda: {
    source: IM2COL_CUDA,
    structs: [IM2COL_PARAMS],
    run: (n, c) => {
      const { output, args, total } = nativeIm2col(n, c);
      n.launch('im2col_2d_3ch_f32', args, { grid: [Math.ceil(total / IM2COL_BLOCK)], block: [IM2COL_BLOCK] });
      return output;
    },
  },
  cpp: {
    source: IM2COL_CPP,
    structs: [IM2COL_PARAMS],
    run: (n, c) => {
      const { output, args } = nativeIm2col(n, c);
      n.call('im2col_2d_3ch_f32', args);
      return output;
    },
  },
  // A permutation: bit-identical (mlx-native compares to_bits()).
  compare: exact(),
  runs: 300,
  bench: (width, height) => ({ patchSize: 8, npsX: Math.floor(width / 8), npsY: Math.floor(height / 8), seed: 1 }),
});
