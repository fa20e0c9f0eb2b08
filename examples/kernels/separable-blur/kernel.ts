/**
 * A separable blur: workgroup shared memory, two bind groups, a sampled
 * rgba8unorm texture in and an rgba8unorm storage texture out (read back by
 * the harness), an f32 scratch buffer between the passes.
 */
import { defineKernel, fc, prng, unormNearTie, wgsl } from 'twinpath';

export interface BlurCase {
  readonly width: number;
  readonly height: number;
  readonly seed: number;
}

/** RGBA8 texels, rows tight. */
export function texels(c: BlurCase): Uint8Array {
  const next = prng(c.seed);
  return Uint8Array.from({ length: c.width * c.height * 4 }, () => next() & 0xff);
}

const WEIGHTS = [1, 2, 1];

/** The blur in exact arithmetic (codes / 255), edges clamped: per texel channel the f64 value in [0, 1]. */
export function blurExact(c: BlurCase): Float64Array {
  const t = texels(c);
  const at = (x: number, y: number, ch: number) =>
    t[(Math.min(Math.max(y, 0), c.height - 1) * c.width + Math.min(Math.max(x, 0), c.width - 1)) * 4 + ch]!;
  const out = new Float64Array(t.length);
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      for (let ch = 0; ch < 4; ch++) {
        let sum = 0;
        for (let j = 0; j < 3; j++)
          for (let i = 0; i < 3; i++) sum += WEIGHTS[i]! * WEIGHTS[j]! * at(x + i - 1, y + j - 1, ch);
        out[(y * c.width + x) * 4 + ch] = sum / 16 / 255;
      }
    }
  }
  return out;
}

export const separableBlur = defineKernel<BlurCase>({
  name: 'example_separable_blur',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './separable-blur.wgsl'),
  input: fc.record({
    width: fc.integer({ min: 1, max: 150 }),
    height: fc.integer({ min: 1, max: 150 }),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.width}x${c.height} rgba8unorm #${c.seed}`,
  cpu: (c) => {
    const exact = blurExact(c);
    return {
      values: Uint8Array.from(exact, (v) => Math.round(v * 255)),
      exact: { rounding: 'nearest', values: exact },
    };
  },
  gpu: (g, c) => {
    const src = g.texture({ format: 'rgba8unorm', width: c.width, height: c.height, levels: [texels(c)] });
    const out = g.outputTexture({ name: 'blurred', format: 'rgba8unorm', size: [c.width, c.height] });
    const scratch = g.outputBuffer({ name: 'scratch', element: 'f32', shape: [c.height, c.width, 4] });
    const size = g.uniform([c.width, c.height]);
    const inputs = {
      src: g.textureView(src),
      samp: g.sampler({
        magFilter: 'nearest',
        minFilter: 'nearest',
        addressModeU: 'clamp-to-edge',
        addressModeV: 'clamp-to-edge',
      }),
    };
    g.dispatch('blur_h', { ...inputs, size, scratch }, [Math.ceil(c.width / 64) * 64, c.height]);
    g.dispatch('blur_v', { size, scratch, dst: out.storage }, [c.width, Math.ceil(c.height / 64) * 64]);
    return out;
  },
  // The sums of codes / 255 are exact up to f32 rounding (< 2^-20 in [0, 1]); a sum that lands on a half code
  // (16ths of a code ending in 8) may round either way in the store, and only there is the neighbour accepted.
  compare: unormNearTie(2 ** -20),
});
