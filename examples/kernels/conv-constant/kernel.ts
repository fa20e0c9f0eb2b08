/**
 * A 2D convolution whose filter lives in CUDA constant memory, set by the
 * host (`n.global`) — the `.cu` as its authors wrote it, with a helper header
 * of host declarations and CUDA_CHECK, and a `<<<…>>>` wrapper twinpath never
 * calls — beside its C++ reference (the filter an `extern "C"` global, set
 * the same way) and a TS oracle. f32 math, bit-exact: see `compare`.
 */
import { defineKernel, exact, fc, nativeFiles, prng, type NativeContext } from 'twinpath';
import { conv2d } from './oracle.ts';

export interface ConvCase {
  readonly width: number;
  readonly height: number;
  /** 0 to CONV_MAX_RADIUS: (2r+1)^2 taps. */
  readonly radius: number;
  readonly seed: number;
}

/** As conv_helpers.h: CONV_MAX_RADIUS and CONV_MAX_TAPS (the size of conv_weights), and the block shape. */
const MAX_RADIUS = 3;
const MAX_TAPS = (2 * MAX_RADIUS + 1) ** 2;
const BLOCK = 16;

/** A uniform f32 in [lo, hi) from a draw of the case's generator. */
const uniform = (next: () => number, lo: number, hi: number) =>
  Math.fround(lo + ((next() >>> 0) / 2 ** 32) * (hi - lo));

/** The case's image, row-major, values in [-4, 4). */
export function image(c: ConvCase): Float32Array {
  const next = prng(c.seed);
  return Float32Array.from({ length: c.width * c.height }, () => uniform(next, -4, 4));
}

/** The whole of conv_weights: the case's (2r+1)^2 taps in [-1, 1), row-major, then zeros. */
export function taps(c: ConvCase): Float32Array {
  const next = prng(c.seed ^ 0x5eed);
  const all = new Float32Array(MAX_TAPS);
  for (let i = 0; i < (2 * c.radius + 1) ** 2; i++) all[i] = uniform(next, -1, 1);
  return all;
}

/** What both native halves do first: the filter into conv_weights, the image in, the output declared. */
function prepare(n: NativeContext, c: ConvCase) {
  n.global('conv_weights', taps(c));
  const out = n.outputBuffer({ element: 'f32', shape: [c.height, c.width], prefill: 'canary' });
  return { out, args: [n.buffer(image(c)), out, n.i32(c.width), n.i32(c.height), n.i32(c.radius)] };
}

export const convConstant = defineKernel<ConvCase>({
  name: 'example_conv_constant',
  module: import.meta.url,
  input: fc.record({
    width: fc.integer({ min: 1, max: 48 }),
    height: fc.integer({ min: 1, max: 48 }),
    radius: fc.integer({ min: 0, max: MAX_RADIUS }),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.width}x${c.height} f32, radius ${c.radius} #${c.seed}`,
  cpu: (c) => conv2d(image(c), c.width, c.height, taps(c), c.radius),
  cuda: {
    source: nativeFiles(import.meta.url, './conv.cu'),
    includes: ['.'],
    entries: ['conv2d'],
    fmad: false,
    run: (n, c) => {
      const { out, args } = prepare(n, c);
      n.launch('conv2d', args, {
        grid: [Math.ceil(c.width / BLOCK), Math.ceil(c.height / BLOCK)],
        block: [BLOCK, BLOCK],
      });
      return out;
    },
  },
  cpp: {
    source: nativeFiles(import.meta.url, './conv_reference.cpp'),
    includes: ['.'],
    // No contraction into FMA on any target (GCC contracts by default where the CPU has FMA).
    options: ['-ffp-contract=off'],
    run: (n, c) => {
      const { out, args } = prepare(n, c);
      n.call('conv2d_reference', args);
      return out;
    },
  },
  // Each product and each sum rounded once, in the source's order, on every side: fmad off on CUDA, no
  // contraction in C++ — so bit-exact.
  compare: exact(),
});
