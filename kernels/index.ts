/** Every kernel in this repository, for the throughput benchmark (scripts/bench-sweep.ts). */
import type { Kernel } from 'twinpath';
import generateMips from './generate_mips/kernel.ts';
import im2col from './im2col/kernel.ts';
import { mipTextureFloat32, mipTextureUnorm8 } from './mip_texture/kernel.ts';
import mipDownsample from './mip_downsample/kernel.ts';
import { PHOTO_KERNELS } from './photo/kernel.ts';
import prepareMipSource from './prepare_mip_source/kernel.ts';
import pyramidBlur from './pyramid_blur/kernel.ts';
import texelAddress from './texel_address/kernel.ts';
import textureView from './texture_view/kernel.ts';

// Kernel<I> is invariant in I: tools that only pass a kernel its own inputs see them all as Kernel<unknown>.
const all = [
  generateMips,
  mipDownsample,
  prepareMipSource,
  texelAddress,
  textureView,
  im2col,
  mipTextureUnorm8,
  mipTextureFloat32,
  pyramidBlur,
  ...PHOTO_KERNELS,
] as unknown as ReadonlyArray<Kernel<unknown>>;

/** Every kernel by name. */
export const KERNELS: ReadonlyMap<string, Kernel<unknown>> = new Map(all.map((k) => [k.name, k]));
