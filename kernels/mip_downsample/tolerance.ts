/**
 * The comparison policy of the 2x2 box downsample, shared by mip_downsample
 * and generate_mips.
 */
import { perStorage, ulp, unormNearTie } from 'twinpath';

export const mipPolicy = perStorage({
  // f32 error of 4 decodes (2.5 ULP), 3 adds and the store scale is <= ~2^-21 in [0, 1] (docs/facts.md#precision); non-tie results sit >= 0.25 LSB (>= 2^-18) from a boundary.
  Unorm8x4: unormNearTie(2 ** -20),
  Unorm16x4: unormNearTie(2 ** -20),
  // 3 adds of non-negative values, each may round to either neighbour (docs/facts.md#precision): <= 3 ULP of the sum from exact, the oracle's round-to-nearest <= 1.5.
  Float32x4: ulp(4),
});
