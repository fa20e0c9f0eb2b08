/**
 * generate_mips through the hardware texture path: textureSampleLevel with a
 * linear sampler, one pass per level, against the same oracle as the
 * storage-buffer path (each pass judged on the GPU's previous level).
 */
import {
  MAX_MIP,
  defineKernel,
  describeSurfaceCase,
  mipLevelCount,
  perStorage,
  surfaceCaseArb,
  surfaceFromCase,
  absRel,
  unormLsb,
  wgslReplace,
  wgsl,
  type PixelFormat,
} from 'twinpath';
import { generateMips } from '../../oracles/mip-downsample.ts';

const WGSL = wgsl(import.meta.url, './mip-texture.wgsl');

const TEXTURE_FORMAT: Partial<Record<PixelFormat['storage'], GPUTextureFormat>> = {
  Unorm8x4: 'rgba8unorm',
  Float32x4: 'rgba32float',
};

function mipTexture(name: string, format: PixelFormat) {
  const textureFormat = TEXTURE_FORMAT[format.storage]!;
  return defineKernel({
    name,
    module: import.meta.url,
    wgsl:
      textureFormat === 'rgba8unorm'
        ? WGSL
        : wgslReplace(WGSL, 'texture_storage_2d<rgba8unorm, write>', `texture_storage_2d<${textureFormat}, write>`),
    // A WebGPU texture holds floor(log2(max(w, h))) + 1 levels; prgpu's chain may go on at 1x1, the hardware path cannot.
    input: surfaceCaseArb({ maxSide: 300, levels: { min: 2, max: MAX_MIP }, formats: [format] }).filter(
      (c) => Math.max(c.width, c.height) >= 2 ** (mipLevelCount(c.levels) - 1),
    ),
    describe: describeSurfaceCase,
    cpu: (c, gpu) => generateMips(surfaceFromCase(c), gpu),
    gpu: (g, c) => {
      const s = surfaceFromCase(c);
      const out = g.output(s.desc, { init: { from: s, levels: [0] } });
      const texture = g.texture(s, textureFormat);
      const sampler = g.sampler({
        minFilter: 'linear',
        magFilter: 'linear',
        addressModeU: 'clamp-to-edge',
        addressModeV: 'clamp-to-edge',
      });
      const desc = g.desc(s.desc);
      for (const dst of s.desc.levels.slice(1)) {
        const levels = {
          previous: g.textureLevel(texture, dst.level - 1, 'texture'),
          next: g.textureLevel(texture, dst.level, 'storage-texture'),
        };
        g.dispatch(
          'mip_texture',
          { ...levels, linearClamp: sampler, pixels: out, desc, params: g.uniform([dst.level - 1]) },
          [dst.width, dst.height],
        );
      }
      return out;
    },
    compare: perStorage({
      // Sub-texel weights carry 8 fractional bits (docs/facts.md#precision): 1/2 may come out 127/256 -> <= 255/256 LSB per axis, 2 axes; lavapipe filters 8-bit
      // formats in 8-bit (+-0.5 LSB per lerp, 3 lerps); and the filter rounds where prgpu truncates (1): < 4.5 LSB.
      Unorm8x4: unormLsb(4),
      // The same weight quantization on values up to 4: <= 2 axes x 4 x 2^-8 = 2^-5; a float filter does not round otherwise.
      Float32x4: absRel(2 ** -5, 0),
    }),
    runs: 200,
  });
}

export const mipTextureUnorm8 = mipTexture('mip_texture_unorm8', { storage: 'Unorm8x4', layout: 'Rgba' });
export const mipTextureFloat32 = mipTexture('mip_texture_float32', { storage: 'Float32x4', layout: 'Rgba' });
