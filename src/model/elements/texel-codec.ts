/**
 * Texels of any format in the table (texture-formats.ts), read and written
 * through the format's channel list only: codes, values in r, g, b, a order
 * as a shader's textureLoad returns them, and the encode of uploads.
 */
import { logicalChannels, type TexelChannel, type TextureFormatInfo } from './texture-formats.ts';

/** The little-endian 32-bit word at byte `at`. */
function word(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function readChannel(c: TexelChannel, bytes: Uint8Array, offset: number): number {
  const bits = c.codec.bits;
  const at = offset + Math.floor(c.bitOffset / 8);
  if (bits === 8 && c.bitOffset % 8 === 0) return bytes[at]!;
  if (bits === 16 && c.bitOffset % 8 === 0) return bytes[at]! | (bytes[at + 1]! << 8);
  if (bits === 32) return word(bytes, at);
  // Packed channel inside one 32-bit word.
  const w = word(bytes, offset + 4 * Math.floor(c.bitOffset / 32));
  return (w >>> (c.bitOffset % 32)) & ((1 << bits) - 1);
}

function writeChannel(c: TexelChannel, bytes: Uint8Array, offset: number, code: number): void {
  const bits = c.codec.bits;
  if (bits % 8 === 0 && c.bitOffset % 8 === 0) {
    const at = offset + c.bitOffset / 8;
    for (let i = 0; i < bits / 8; i++) bytes[at + i] = (code >>> (8 * i)) & 0xff;
    return;
  }
  const wordAt = offset + 4 * Math.floor(c.bitOffset / 32);
  const shift = c.bitOffset % 32;
  const m = ((1 << bits) - 1) << shift;
  const w = ((word(bytes, wordAt) & ~m) | ((code << shift) & m)) >>> 0;
  for (let i = 0; i < 4; i++) bytes[wordAt + i] = (w >>> (8 * i)) & 0xff;
}

/** The stored codes of the texel at byte `offset`, in r, g, b, a order (as many as the format has). */
export function texelCodes(f: TextureFormatInfo, bytes: Uint8Array, offset: number): number[] {
  return logicalChannels(f).map((c) => readChannel(c, bytes, offset));
}

/**
 * The values a shader's textureLoad returns for the texel at byte `offset`,
 * r, g, b, a order, as many as the format has (the shader fills missing
 * g, b with 0 and a with 1: WGSL §"Texel Formats").
 */
export function decodeTexel(f: TextureFormatInfo, bytes: Uint8Array, offset: number): number[] {
  return logicalChannels(f).map((c) => c.codec.decode(readChannel(c, bytes, offset)));
}

/** Stores codes given in r, g, b, a order into the texel at byte `offset`. */
export function writeTexelCodes(
  f: TextureFormatInfo,
  bytes: Uint8Array,
  offset: number,
  codes: readonly number[],
): void {
  logicalChannels(f).forEach((c, i) => writeChannel(c, bytes, offset, codes[i]!));
}

/**
 * Encodes values given in r, g, b, a order into the texel at byte `offset`,
 * as an upload (writeTexture) stores them. Throws RangeError where an integer
 * format gets a value it cannot hold: `uint8: 300 is not an integer in [0, 255]`.
 */
export function encodeTexel(f: TextureFormatInfo, bytes: Uint8Array, offset: number, values: readonly number[]): void {
  logicalChannels(f).forEach((c, i) => writeChannel(c, bytes, offset, c.codec.encode(values[i]!)));
}
