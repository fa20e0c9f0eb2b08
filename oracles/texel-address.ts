/**
 * Oracle of kernels/texel_address: per sample (x, y, level), the byte
 * address TS computes for that texel, next to the sample itself, as one
 * Float32x4 texel.
 */
import {
  createSurface,
  type Surface,
  texelAddress,
  writeCode,
  bitsFromF32,
  textureDesc,
  type TextureDesc,
} from 'twinpath/oracle';

export type Sample = readonly [x: number, y: number, level: number];

/** The output of `n` samples: a 1-row Float32x4 surface. */
export function addressesDesc(n: number): TextureDesc {
  return textureDesc({ width: n, height: 1, format: { storage: 'Float32x4', layout: 'Rgba' } });
}

/** Texel i = (x, y, level, byte address) of sample i. */
export function texelAddresses(surface: Surface, samples: readonly Sample[]): Surface {
  const out = createSurface(addressesDesc(samples.length));
  samples.forEach(([x, y, l], i) => {
    [x, y, l, texelAddress(surface, x, y, l)].forEach((v, c) => writeCode(out, i, 0, 0, c, bitsFromF32(v)));
  });
  return out;
}
