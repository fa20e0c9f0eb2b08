/**
 * Where a byte of a texture readback lies, as a person reads it: the level, the array layer or depth slice,
 * the texel and the channel (the texels tight, row after row, image after image).
 */
import { textureFormat } from './texture-formats.ts';

/** A texture readback: its format, the extent of the level read back, and that level. */
export interface TextureReadback {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  /** Array layers, or depth slices where `volume` is set. */
  readonly images: number;
  readonly level?: number;
  readonly volume?: boolean;
}

/**
 * Byte `i` of a tight texture readback, located: `level 0 layer 1 texel (3,2) channel g`, `level 2 slice 0 texel
 * (0,0) channel r`; a byte shared by channels of a packed format names them all (`channel b/a`).
 */
export function textureByteText(t: TextureReadback, i: number): string {
  const f = textureFormat(t.format);
  const texel = Math.floor(i / f.bytesPerTexel);
  const bit = (i % f.bytesPerTexel) * 8;
  const x = texel % t.width;
  const y = Math.floor(texel / t.width) % t.height;
  const image = Math.floor(texel / (t.width * t.height));
  const channels = f.channels.filter((c) => c.bitOffset < bit + 8 && bit < c.bitOffset + c.codec.bits);
  const names = channels.map((c) => c.name).join('/');
  return `level ${t.level ?? 0} ${t.volume ? 'slice' : 'layer'} ${image} texel (${x},${y}) channel ${names}`;
}
