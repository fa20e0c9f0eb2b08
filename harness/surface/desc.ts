/**
 * TextureDesc: the description of a surface, field for field as prgpu's
 * `#[repr(C)]` struct and VEKL's Slang struct (FACTS.md §1), with MAX_MIP a
 * parameter. Packed, it is `8 + 4 * maxMip` u32 words (112 bytes at 5).
 */
import { bytesPerPixel, LAYOUT_CODE, STORAGE_CODE, type PixelFormat } from './format.ts';
import { MAX_MIP, mipLevels, type MipLevel } from './mip.ts';

/** Address modes: the numeric codes are TextureDesc.addressMode. */
export type AddressMode = 'Clamp' | 'Repeat' | 'Mirror';
export const ADDRESS_MODE_CODE: Readonly<Record<AddressMode, number>> = { Clamp: 0, Repeat: 1, Mirror: 2 };

export interface TextureDesc {
  readonly width: number;
  readonly height: number;
  readonly pitchBytes: number;
  readonly bytesPerPixel: number;
  readonly format: PixelFormat;
  readonly addressMode: AddressMode;
  /** The chain; `levels.length` is mipLevelCount (1 = no chain). */
  readonly levels: readonly MipLevel[];
  /** The MAX_MIP this descriptor is packed for. */
  readonly maxMip: number;
}

export interface DescOptions {
  readonly width: number;
  readonly height: number;
  readonly format: PixelFormat;
  /** Level-0 row pitch in bytes; default tight (`width * bpp`). Must be a multiple of 4. */
  readonly pitchBytes?: number;
  /** Requested level count (0 or 1 = no chain), clamped to `maxMip`. */
  readonly levels?: number;
  readonly addressMode?: AddressMode;
  readonly maxMip?: number;
}

/**
 * Builds a descriptor, as prgpu's `fill_mip_desc` would.
 *
 * Throws `TextureDesc: pitchBytes 10 is below width * bpp = 12` or
 * `TextureDesc: pitchBytes 14 is not a multiple of 4 (pixels live in array<u32>)`.
 */
export function textureDesc(o: DescOptions): TextureDesc {
  const bpp = bytesPerPixel(o.format.storage);
  const pitchBytes = o.pitchBytes ?? o.width * bpp;
  if (!Number.isInteger(o.width) || !Number.isInteger(o.height) || o.width < 1 || o.height < 1) {
    throw new Error(`TextureDesc: size ${o.width}x${o.height} must be whole and at least 1x1`);
  }
  if (pitchBytes < o.width * bpp) throw new Error(`TextureDesc: pitchBytes ${pitchBytes} is below width * bpp = ${o.width * bpp}`);
  if (pitchBytes % 4 !== 0) throw new Error(`TextureDesc: pitchBytes ${pitchBytes} is not a multiple of 4 (pixels live in array<u32>)`);
  const maxMip = o.maxMip ?? MAX_MIP;
  return {
    width: o.width,
    height: o.height,
    pitchBytes,
    bytesPerPixel: bpp,
    format: o.format,
    addressMode: o.addressMode ?? 'Clamp',
    levels: mipLevels(o.width, o.height, pitchBytes, bpp, o.levels ?? 1, maxMip),
    maxMip,
  };
}

/** Number of u32 words in a packed TextureDesc: 8 scalars + 4 arrays of `maxMip`. */
export function textureDescWords(maxMip = MAX_MIP): number {
  return 8 + 4 * maxMip;
}

/**
 * Packs a descriptor into the u32 words the WGSL `TextureDesc` reads, in
 * prgpu's field order; unused mip slots are zero.
 */
export function packTextureDesc(d: TextureDesc): Uint32Array {
  const w = new Uint32Array(textureDescWords(d.maxMip));
  w.set([d.width, d.height, d.pitchBytes, d.bytesPerPixel, STORAGE_CODE[d.format.storage], LAYOUT_CODE[d.format.layout], ADDRESS_MODE_CODE[d.addressMode], d.levels.length]);
  d.levels.forEach((l, i) => {
    w[8 + i] = l.offsetBytes;
    w[8 + d.maxMip + i] = l.width;
    w[8 + 2 * d.maxMip + i] = l.height;
    w[8 + 3 * d.maxMip + i] = l.pitchBytes;
  });
  return w;
}
