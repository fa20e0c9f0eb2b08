/**
 * Surface: the one pixel representation twinpath uses everywhere — oracles,
 * GPU upload and readback, comparison and reports. Bytes laid out exactly as
 * the GPU's byte-addressed `array<u32>` holds them, plus their TextureDesc.
 */
import { mipChainBytes } from './mip.ts';
import { textureDesc, type DescOptions, type TextureDesc } from './desc.ts';

export interface Surface {
  readonly desc: TextureDesc;
  /** The whole chain: every level, padding included; length {@link surfaceBytes}. */
  readonly bytes: Uint8Array;
  /** A little-endian view over `bytes`. */
  readonly view: DataView;
}

/** Bytes a surface's chain spans, rounded up to whole u32 words. */
export function surfaceBytes(desc: TextureDesc): number {
  return Math.ceil(mipChainBytes(desc.levels) / 4) * 4;
}

/** A zero-filled surface for `desc` (or for the options that build one). */
export function createSurface(d: TextureDesc | DescOptions): Surface {
  const desc = 'levels' in d && Array.isArray(d.levels) ? (d as TextureDesc) : textureDesc(d as DescOptions);
  return wrapSurface(desc, new Uint8Array(surfaceBytes(desc)));
}

/** A surface over existing bytes (a GPU readback, say); `bytes` may be longer than the chain. */
export function wrapSurface(desc: TextureDesc, bytes: Uint8Array): Surface {
  const need = surfaceBytes(desc);
  if (bytes.byteLength < need) throw new Error(`Surface: ${bytes.byteLength} bytes given, the chain needs ${need}`);
  return { desc, bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/** A deep copy: same desc, own bytes. */
export function cloneSurface(s: Surface): Surface {
  return wrapSurface(s.desc, s.bytes.slice());
}

/** The byte ranges `[start, end)` that hold texels of the given levels (rows without padding). */
export function texelRanges(desc: TextureDesc, levels: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const l of levels) {
    const lv = desc.levels[l]!;
    for (let y = 0; y < lv.height; y++) {
      const start = lv.offsetBytes + y * lv.pitchBytes;
      out.push([start, start + lv.width * desc.bytesPerPixel]);
    }
  }
  return out;
}

/** `64x33 Unorm8x4/Bgra pitch 512 levels 3` — how cases and reports name a surface. */
export function describeSurface(desc: TextureDesc): string {
  const tight = desc.pitchBytes === desc.width * desc.bytesPerPixel;
  return `${desc.width}x${desc.height} ${desc.format.storage}/${desc.format.layout} pitch ${desc.pitchBytes}${tight ? ' (tight)' : ''} levels ${desc.levels.length}`;
}
