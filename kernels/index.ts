/** Every kernel in this repository, as sweeps by name, for tools that work on all of them (benchmarks). */
import { sweep, type Kernel, type SweepOptions, type SweepResult } from '../harness/index.ts';
import generateMips from './generate_mips/kernel.ts';
import im2col from './im2col/kernel.ts';
import { PHOTO_KERNELS } from './photo/kernel.ts';
import { mipTextureFloat32, mipTextureUnorm8 } from './mip_texture/kernel.ts';
import pyramidBlur from './pyramid_blur/kernel.ts';
import mipDownsample from './mip_downsample/kernel.ts';
import prepareMipSource from './prepare_mip_source/kernel.ts';
import texelAddress from './texel_address/kernel.ts';
import textureView from './texture_view/kernel.ts';

type Sweep = (options?: SweepOptions) => Promise<SweepResult>;
const entry = <I>(k: Kernel<I>): [string, Sweep] => [k.name, (o) => sweep(k, o)];

/** Every kernel by name, for tools that run cases directly. */
export const KERNELS: ReadonlyMap<string, import('../harness/index.ts').Kernel<unknown>> = new Map(
  ([generateMips, mipDownsample, prepareMipSource, texelAddress, textureView, im2col, mipTextureUnorm8, mipTextureFloat32, pyramidBlur, ...PHOTO_KERNELS] as ReadonlyArray<{ readonly name: string }> as ReadonlyArray<import('../harness/index.ts').Kernel<unknown>>).map((k) => [k.name, k]),
);

/** The kernels with a bench input, for `twinpath bench`. */
export const BENCH_KERNELS = [generateMips, mipDownsample, prepareMipSource, pyramidBlur, im2col, ...PHOTO_KERNELS.filter((k) => k.name === 'photo_pipeline')] as ReadonlyArray<{ readonly name: string }> as ReadonlyArray<import('../harness/index.ts').Kernel<unknown>>;

export const SWEEPS: ReadonlyMap<string, Sweep> = new Map([entry(generateMips), entry(mipDownsample), entry(prepareMipSource), entry(texelAddress), entry(textureView), entry(im2col), entry(mipTextureUnorm8), entry(mipTextureFloat32), entry(pyramidBlur), ...PHOTO_KERNELS.map(entry)]);
