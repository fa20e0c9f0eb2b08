/**
 * mlx-native's loud input validation, on both paths: a zero size, a grid not
 * divisible by the patch size, an input or output too small.
 */
import { expect, test } from 'vitest';
import { defineKernel, runCase, textureDesc } from 'twinpath';
import im2colKernel, { dispatchIm2col, im2colPixels } from './kernel.ts';
import { im2col, im2colShape } from '../../oracles/im2col.ts';

const pixels = im2colPixels({ patchSize: 8, npsX: 2, npsY: 2, seed: 1 });

test('the oracle rejects a zero size, a grid not divisible by p, and a short input', () => {
  expect(() => im2col(pixels, 16, 16, 0)).toThrow(
    'im2col_2d_3ch_f32: patch_size (0), pixel_h (16), pixel_w (16) must all be > 0',
  );
  expect(() => im2col(pixels, 17, 16, 8)).toThrow(
    'im2col_2d_3ch_f32: pixel grid (17x16) must be divisible by patch_size (8)',
  );
  expect(() => im2col(pixels, 32, 32, 8)).toThrow(
    'im2col_2d_3ch_f32: pixels too small: expected 12288 bytes for [3, 32, 32], got 3072',
  );
});

test('the GPU path rejects the same shapes, and an output too small, before dispatching', async () => {
  const variant = (h: number, w: number, p: number, outRows?: number) =>
    defineKernel({
      ...im2colKernel,
      gpu: (g, c) => {
        const out = g.output(
          textureDesc({ width: 48, height: outRows ?? 4, format: { storage: 'Float32x1', layout: 'Rgba' } }),
        );
        return dispatchIm2col(g, g.surface(im2colPixels(c)), out, h, w, p);
      },
    });
  const c = { patchSize: 4, npsX: 2, npsY: 2, seed: 1 };
  const zero = await runCase(variant(16, 16, 0), c);
  expect(zero.error).toBe(
    'im2col: gpu() threw: im2col_2d_3ch_f32: patch_size (0), pixel_h (16), pixel_w (16) must all be > 0',
  );
  const odd = await runCase(variant(17, 16, 8), c);
  expect(odd.error).toBe(
    'im2col: gpu() threw: im2col_2d_3ch_f32: pixel grid (17x16) must be divisible by patch_size (8)',
  );
  const short = await runCase(variant(8, 8, 4, 1), c);
  expect(short).toMatchObject({
    outcome: 'setup-error',
    error: 'im2col_2d_3ch_f32: output too small: expected 768 bytes for [4, 48], got 192',
  });
  expect(im2colShape(8, 8, 4).numPatches).toBe(4);
});
