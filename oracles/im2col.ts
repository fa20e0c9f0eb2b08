/**
 * Oracle of mlx-native's im2col_2d_3ch_f32 (docs/facts.md#reference-systems), mirroring
 * kernels/im2col/im2col.wgsl: a `[3, H, W]` f32 image (a W x 3H Float32x1
 * surface, channel planes stacked) unfolded into `[patches, 3 p^2]`
 * (a 3p^2 x patches surface), channel-major, dy-major, dx-major. A pure
 * permutation: the GPU must match bit for bit.
 */
import { textureDesc, type TextureDesc, createSurface, type Surface, readCode, writeCode } from 'twinpath/oracle';

export interface Im2colShape {
  readonly pixelH: number;
  readonly pixelW: number;
  readonly patchSize: number;
  readonly npsX: number;
  readonly npsY: number;
  readonly kTotal: number;
  readonly numPatches: number;
}

/**
 * The shape, validated as mlx-native does, with its messages:
 * `im2col_2d_3ch_f32: patch_size (0), pixel_h (16), pixel_w (16) must all be > 0`,
 * `im2col_2d_3ch_f32: pixel grid (17x16) must be divisible by patch_size (8)`.
 */
export function im2colShape(pixelH: number, pixelW: number, patchSize: number): Im2colShape {
  if (patchSize <= 0 || pixelH <= 0 || pixelW <= 0) {
    throw new Error(
      `im2col_2d_3ch_f32: patch_size (${patchSize}), pixel_h (${pixelH}), pixel_w (${pixelW}) must all be > 0`,
    );
  }
  if (pixelH % patchSize !== 0 || pixelW % patchSize !== 0) {
    throw new Error(
      `im2col_2d_3ch_f32: pixel grid (${pixelH}x${pixelW}) must be divisible by patch_size (${patchSize})`,
    );
  }
  const npsX = pixelW / patchSize;
  const npsY = pixelH / patchSize;
  return { pixelH, pixelW, patchSize, npsX, npsY, kTotal: 3 * patchSize * patchSize, numPatches: npsX * npsY };
}

/** The input surface of a shape: W x 3H, Float32x1, tight. */
export function im2colInputDesc(s: Im2colShape): TextureDesc {
  return textureDesc({ width: s.pixelW, height: 3 * s.pixelH, format: { storage: 'Float32x1', layout: 'Rgba' } });
}

/** The output surface of a shape: 3p^2 x patches, Float32x1, tight. */
export function im2colOutputDesc(s: Im2colShape): TextureDesc {
  return textureDesc({ width: s.kTotal, height: s.numPatches, format: { storage: 'Float32x1', layout: 'Rgba' } });
}

/**
 * Unfolds `pixels`. Throws the validation errors above, or
 * `im2col_2d_3ch_f32: pixels too small: expected 768 bytes for [3, 8, 8], got 512`.
 */
export function im2col(pixels: Surface, pixelH: number, pixelW: number, patchSize: number): Surface {
  const s = im2colShape(pixelH, pixelW, patchSize);
  const need = 3 * pixelH * pixelW * 4;
  if (pixels.desc.width * pixels.desc.height * 4 < need) {
    throw new Error(
      `im2col_2d_3ch_f32: pixels too small: expected ${need} bytes for [3, ${pixelH}, ${pixelW}], got ${pixels.desc.width * pixels.desc.height * 4}`,
    );
  }
  const out = createSurface(im2colOutputDesc(s));
  const p = patchSize;
  for (let patchY = 0; patchY < s.npsY; patchY++) {
    for (let patchX = 0; patchX < s.npsX; patchX++) {
      const patch = patchY * s.npsX + patchX;
      for (let ic = 0; ic < 3; ic++) {
        for (let dy = 0; dy < p; dy++) {
          for (let dx = 0; dx < p; dx++) {
            const k = ic * p * p + dy * p + dx;
            writeCode(out, k, patch, 0, 0, readCode(pixels, patchX * p + dx, ic * pixelH + patchY * p + dy, 0, 0));
          }
        }
      }
    }
  }
  return out;
}
