/**
 * Mip chain layout with prgpu's exact semantics (docs/facts.md#textures).
 * Level 0 keeps the host pitch; levels 1..n-1 are tightly packed after it.
 */

/** prgpu 0.1.4's chain depth bound. A parameter everywhere, never a literal. */
export const MAX_MIP = 5;

/** One level of a mip chain: its size and where its bytes live in the buffer. */
export interface MipLevel {
  readonly level: number;
  readonly width: number;
  readonly height: number;
  readonly pitchBytes: number;
  readonly offsetBytes: number;
}

/** `max(1, side >> level)`: odd sizes round down. */
export function mipLevelSize(width: number, height: number, level: number): { width: number; height: number } {
  return { width: Math.max(1, width >>> level), height: Math.max(1, height >>> level) };
}

/** `clamp(levels, 1, maxMip)`: 0 and 1 both mean "no chain". */
export function mipLevelCount(levels: number, maxMip = MAX_MIP): number {
  return Math.min(Math.max(levels, 1), maxMip);
}

/**
 * The levels of a chain, as prgpu's `fill_mip_desc` lays them out: level 0 at
 * offset 0 with the host pitch, level 1 at `pitchBytes * height`, each later
 * level tight (`pitch = w_l * bpp`) right after the previous one.
 */
export function mipLevels(
  width: number,
  height: number,
  pitchBytes: number,
  bytesPerPixel: number,
  levels: number,
  maxMip = MAX_MIP,
): MipLevel[] {
  const out: MipLevel[] = [{ level: 0, width, height, pitchBytes, offsetBytes: 0 }];
  let offset = pitchBytes * height;
  for (let l = 1; l < mipLevelCount(levels, maxMip); l++) {
    const s = mipLevelSize(width, height, l);
    out.push({ level: l, width: s.width, height: s.height, pitchBytes: s.width * bytesPerPixel, offsetBytes: offset });
    offset += s.width * s.height * bytesPerPixel;
  }
  return out;
}

/**
 * prgpu's `mip_buffer_size_bytes(w, h, bpp, levels)`: the sum of tight level
 * sizes. It treats level 0 as tight too, so it is only right when the level-0
 * pitch equals `width * bpp`; use {@link mipChainBytes} to size a buffer.
 */
export function mipBufferSizeBytes(
  width: number,
  height: number,
  bytesPerPixel: number,
  levels: number,
  maxMip = MAX_MIP,
): number {
  let total = 0;
  for (let l = 0; l < mipLevelCount(levels, maxMip); l++) {
    const s = mipLevelSize(width, height, l);
    total += s.width * s.height * bytesPerPixel;
  }
  return total;
}

/** Bytes a chain really spans: the end of its last level, a pitched level 0's padding included. */
export function mipChainBytes(levels: readonly MipLevel[]): number {
  const last = levels[levels.length - 1]!;
  return last.offsetBytes + last.pitchBytes * last.height;
}

/** The mip fields of prgpu's TextureDesc: `maxMip` slots each, unused ones zero. */
export interface MipDescFields {
  readonly mipLevelCount: number;
  readonly mipOffsetBytes: readonly number[];
  readonly mipWidth: readonly number[];
  readonly mipHeight: readonly number[];
  readonly mipPitchBytes: readonly number[];
}

/** prgpu's `fill_mip_desc(desc, w, h, pitch_px, bpp, levels)`: the mip fields for a level-0 pitch in pixels. */
export function fillMipDesc(
  width: number,
  height: number,
  pitchPx: number,
  bytesPerPixel: number,
  levels: number,
  maxMip = MAX_MIP,
): MipDescFields {
  const ls = mipLevels(width, height, pitchPx * bytesPerPixel, bytesPerPixel, levels, maxMip);
  const slots = (f: (l: MipLevel) => number) => Array.from({ length: maxMip }, (_, i) => (ls[i] ? f(ls[i]) : 0));
  return {
    mipLevelCount: ls.length,
    mipOffsetBytes: slots((l) => l.offsetBytes),
    mipWidth: slots((l) => l.width),
    mipHeight: slots((l) => l.height),
    mipPitchBytes: slots((l) => l.pitchBytes),
  };
}
