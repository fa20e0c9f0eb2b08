/**
 * A grade in place on RGB f32 pixels (three floats a pixel), sized by
 * arrayLength, its large parameter struct in a read-only storage buffer,
 * the WGSL composed from naga_oil-style modules (grade::params, grade::ops).
 */
import { array, defineKernel, exact, f32, fc, i32, mat, prng, struct, u32, vec3, vec4, wgsl } from 'twinpath';

export const GRADE_PARAMS = struct('GradeParams', {
  exposure: i32,
  black: f32,
  white: f32,
  _pad0: f32,
  gain: vec3(f32),
  _pad1: f32,
  lift: vec3(f32),
  _pad2: f32,
  curve: array(f32, 16),
  matrix: mat(3, 3, f32),
  saturation: f32,
  contrast: f32,
  pivot: f32,
  seed: u32,
  vignette: vec4(f32),
  reserved: array(u32, 8),
});

export interface GradeCase {
  readonly width: number;
  readonly height: number;
  readonly seed: number;
  readonly exposure: number;
  /** Per channel, in 1/32 steps up to 2. */
  readonly gain: readonly [number, number, number];
}

/** RGB f32 pixels in [0, 2): multiples of 2^-23, so every product is one correctly rounded multiply. */
export function pixels(c: GradeCase): Float32Array {
  const next = prng(c.seed);
  return Float32Array.from({ length: c.width * c.height * 3 }, () => (next() >>> 8) * 2 ** -23);
}

const BLACK = 0.0625;
const WHITE = 1.5;

export const rgbGrade = defineKernel<GradeCase>({
  name: 'example_rgb_grade',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './rgb-grade.wgsl', { importRoots: ['./'] }),
  input: fc.record({
    width: fc.integer({ min: 1, max: 64 }),
    height: fc.integer({ min: 1, max: 64 }),
    seed: fc.nat(),
    exposure: fc.integer({ min: -3, max: 3 }),
    gain: fc
      .tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 }))
      .map((g) => g.map((v) => v / 32) as [number, number, number]),
  }),
  describe: (c) => `${c.width}x${c.height} rgb f32 exposure ${c.exposure} gain ${c.gain.join(',')} #${c.seed}`,
  cpu: (c) => {
    const p = pixels(c);
    return p.map((v, i) => Math.min(Math.max(Math.fround(v * 2 ** c.exposure * c.gain[i % 3]!), BLACK), WHITE));
  },
  gpu: (g, c) => {
    const px = g.outputBuffer({ name: 'pixels', element: 'f32', shape: [c.height, c.width, 3], init: pixels(c) });
    const params = g.struct(
      GRADE_PARAMS,
      {
        exposure: c.exposure,
        black: BLACK,
        white: WHITE,
        gain: [...c.gain],
        lift: [0, 0, 0],
        curve: Array.from({ length: 16 }, (_, i) => i / 15),
        matrix: [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        saturation: 1,
        contrast: 1,
        pivot: 0.18,
        seed: c.seed,
        vignette: [0, 0, 0, 0],
        reserved: [0, 0, 0, 0, 0, 0, 0, 0],
      },
      { space: 'storage' },
    );
    g.dispatch('main', { pixels: px, params }, [c.width * c.height]);
    return px;
  },
  // ldexp and clamp are exact and the gain is one correctly rounded multiply: bit-exact.
  compare: exact(),
});
