/**
 * Exposure on an rgba16float image in place, through a read_write storage
 * texture: the kernel requires texture-formats-tier2, so on an adapter
 * without it (lavapipe) its sweep is unsupported, never a pass.
 */
import { defineKernel, exact, fc, prng, wgsl } from 'twinpath';

export interface ExposureCase {
  readonly width: number;
  readonly height: number;
  readonly stops: number;
  readonly seed: number;
}

/** f16 bits of positive normal values in [2^-8, 2^8): stops in [-4, 4] keep them normal, so ldexp is exact. */
export function halves(c: ExposureCase): Uint16Array {
  const next = prng(c.seed);
  return Uint16Array.from({ length: c.width * c.height * 4 }, () => 0x1c00 + (next() % (0x5c00 - 0x1c00)));
}

export const exposureF16 = defineKernel<ExposureCase>({
  name: 'example_exposure_f16',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './exposure-f16.wgsl'),
  requires: { features: ['texture-formats-tier2'] },
  input: fc.record({
    width: fc.integer({ min: 1, max: 64 }),
    height: fc.integer({ min: 1, max: 64 }),
    stops: fc.integer({ min: -4, max: 4 }),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.width}x${c.height} rgba16float ${c.stops} stops #${c.seed}`,
  // A power of two moves the exponent field only.
  cpu: (c) => halves(c).map((h) => h + (c.stops << 10)),
  gpu: (g, c) => {
    const image = g.outputTexture({ name: 'image', format: 'rgba16float', size: [c.width, c.height], init: halves(c) });
    g.dispatch('main', { image: image.storage, stops: g.uniform([c.stops >>> 0, 0, 0, 0]) }, [c.width, c.height]);
    return image;
  },
  compare: exact(),
});
