/**
 * TextureDesc: the description of a surface, field for field as prgpu's
 * `#[repr(C)]` struct and VEKL's Slang struct (docs/facts.md#textures), with MAX_MIP a
 * parameter. Packed, it is `8 + 4 * maxMip` u32 words (112 bytes at 5).
 */
import { packStruct } from '../layout/codec.ts';
import type { LayoutRules } from '../layout/rules.ts';
import { array, f32, struct, u32, type StructDecl } from '../layout/types.ts';
import { bytesPerPixel, LAYOUT_CODE, STORAGE_CODE, type PixelFormat } from './format.ts';
import { MAX_MIP, mipLevels, type MipLevel } from './mip.ts';

/** Address modes: the numeric codes are TextureDesc.addressMode. */
export type AddressMode = 'Clamp' | 'Repeat' | 'Mirror';
const ADDRESS_MODE_CODE: Readonly<Record<AddressMode, number>> = { Clamp: 0, Repeat: 1, Mirror: 2 };

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
  if (pitchBytes < o.width * bpp)
    throw new Error(`TextureDesc: pitchBytes ${pitchBytes} is below width * bpp = ${o.width * bpp}`);
  if (pitchBytes % 4 !== 0)
    throw new Error(`TextureDesc: pitchBytes ${pitchBytes} is not a multiple of 4 (pixels live in array<u32>)`);
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

/**
 * The TextureDesc struct, declared once: prgpu's field order, `MAX_MIP` a
 * parameter, and the next prgpu version's `flipY` (after addressMode) on
 * request — 112 bytes at 5, 148 at 7 with flipY. WGSL reserves `layout`, so
 * the field is `pixelLayout`.
 */
export function textureDescStruct(maxMip = MAX_MIP, o: { readonly flipY?: boolean } = {}): StructDecl {
  return struct('TextureDesc', {
    width: u32,
    height: u32,
    pitchBytes: u32,
    bytesPerPixel: u32,
    storage: u32,
    pixelLayout: u32,
    addressMode: u32,
    ...(o.flipY ? { flipY: u32 } : {}),
    mipLevelCount: u32,
    mipOffsetBytes: array(u32, maxMip),
    mipWidth: array(u32, maxMip),
    mipHeight: array(u32, maxMip),
    mipPitchBytes: array(u32, maxMip),
  });
}

/** prgpu's FrameParams: three TextureDescs, then width, height, time, progress — 352 bytes at MAX_MIP 5. */
export function frameParamsStruct(maxMip = MAX_MIP): StructDecl {
  const desc = textureDescStruct(maxMip);
  return struct('FrameParams', {
    outDesc: desc,
    inDesc: desc,
    dstDesc: desc,
    width: u32,
    height: u32,
    time: f32,
    progress: f32,
  });
}

/** The values of a descriptor's TextureDesc struct fields; unused mip slots are zero. */
export function textureDescValues(d: TextureDesc): { readonly [name: string]: number | readonly number[] } {
  const slots = (f: (l: MipLevel) => number) =>
    Array.from({ length: d.maxMip }, (_, i) => (d.levels[i] ? f(d.levels[i]) : 0));
  return {
    width: d.width,
    height: d.height,
    pitchBytes: d.pitchBytes,
    bytesPerPixel: d.bytesPerPixel,
    storage: STORAGE_CODE[d.format.storage],
    pixelLayout: LAYOUT_CODE[d.format.layout],
    addressMode: ADDRESS_MODE_CODE[d.addressMode],
    mipLevelCount: d.levels.length,
    mipOffsetBytes: slots((l) => l.offsetBytes),
    mipWidth: slots((l) => l.width),
    mipHeight: slots((l) => l.height),
    mipPitchBytes: slots((l) => l.pitchBytes),
  };
}

/** The bytes of a descriptor as the WGSL `TextureDesc` reads them (`rules` `c`: as src/lib/texture.h's C struct). */
export function packTextureDesc(d: TextureDesc, rules: LayoutRules = 'wgsl'): Uint8Array {
  return packStruct(textureDescStruct(d.maxMip), textureDescValues(d), { rules });
}
