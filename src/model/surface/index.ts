/**
 * The surface vocabulary an oracle and a kernel's cases write with: pixel
 * formats, surfaces, texel reads and writes, mip levels and TextureDesc.
 * Both `twinpath/oracle` and `twinpath` offer exactly this list; the GPU-side
 * packing of a TextureDesc and of mip chains stays internal.
 */
export {
  ALL_FORMATS,
  CHANNELS,
  bytesPerPixel,
  channelCount,
  formatName,
  unormMax,
  type PixelFormat,
  type Storage,
  type Layout,
  type Channel,
} from './format.ts';
export { MAX_MIP, mipLevels, mipLevelSize, mipLevelCount, type MipLevel } from './mip.ts';
export { textureDesc, type TextureDesc, type DescOptions, type AddressMode } from './desc.ts';
export {
  createSurface,
  wrapSurface,
  cloneSurface,
  surfaceBytes,
  texelRanges,
  describeSurface,
  type Surface,
} from './surface.ts';
export {
  texelAddress,
  readCode,
  writeCode,
  decodeCode,
  loadTexel,
  storeTexel,
  storeTexelRounded,
  encodeTruncate,
  encodeRound,
} from './texel.ts';
export { bitsFromF32, f32FromBits } from '../elements/f32-bits.ts';
