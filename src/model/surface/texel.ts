/**
 * Reading and writing one texel of a surface, with VEKL's exact pixel I/O
 * (docs/facts.md#textures). Pure: oracles mirror WGSL through these.
 */
import { storageElement } from '../elements/element-types.ts';
import { bitsFromF32 } from '../elements/f32-bits.ts';
import { bytesPerChannel, channelCount, memorySlot, unormMax } from './format.ts';
import type { Surface } from './surface.ts';

/** Byte address of texel (x, y) of `level`: `offset_l + y * pitch_l + x * bpp`. */
export function texelAddress(s: Surface, x: number, y: number, level: number): number {
  const l = s.desc.levels[level]!;
  return l.offsetBytes + y * l.pitchBytes + x * s.desc.bytesPerPixel;
}

/** Raw stored code of logical channel `c`: the unorm integer, or the f32 bits. */
export function readCode(s: Surface, x: number, y: number, level: number, c: number): number {
  const { storage, layout } = s.desc.format;
  const at = texelAddress(s, x, y, level) + memorySlot(layout, c) * bytesPerChannel(storage);
  const v = s.view;
  return storage === 'Unorm8x4'
    ? v.getUint8(at)
    : storage === 'Unorm16x4'
      ? v.getUint16(at, true)
      : v.getUint32(at, true);
}

/** Stores a raw code for logical channel `c`. */
export function writeCode(s: Surface, x: number, y: number, level: number, c: number, code: number): void {
  const { storage, layout } = s.desc.format;
  const at = texelAddress(s, x, y, level) + memorySlot(layout, c) * bytesPerChannel(storage);
  const v = s.view;
  if (storage === 'Unorm8x4') v.setUint8(at, code);
  else if (storage === 'Unorm16x4') v.setUint16(at, code, true);
  else v.setUint32(at, code, true);
}

export { bitsFromF32, f32FromBits } from '../elements/f32-bits.ts';

/**
 * Decodes a stored code to the f32 value a WGSL load yields, by the storage's
 * element codec: unorm `code / max` (rounded to f32), float the bits themselves.
 */
export function decodeCode(storage: Surface['desc']['format']['storage'], code: number): number {
  return storageElement(storage).codec.decode(code);
}

function needFourChannels(s: Surface, what: string): void {
  if (channelCount(s.desc.format.storage) !== 4)
    throw new Error(
      `${what} reads and writes rgba; ${s.desc.format.storage} is single-channel: use readCode/writeCode`,
    );
}

/**
 * `load` as VEKL does it: rgba as f32, layout swizzle undone. The channels' codes read as readCode reads them and
 * decoded as decodeCode does, the address and decoder found once per texel (oracles call it per tap).
 */
export function loadTexel(s: Surface, x: number, y: number, level: number): [number, number, number, number] {
  needFourChannels(s, 'loadTexel');
  const { storage, layout } = s.desc.format;
  const at = texelAddress(s, x, y, level);
  const b = bytesPerChannel(storage);
  const r = at + memorySlot(layout, 0) * b;
  const g = at + memorySlot(layout, 1) * b;
  const bl = at + memorySlot(layout, 2) * b;
  const a = at + memorySlot(layout, 3) * b;
  const decode = storageElement(storage).codec.decode;
  const v = s.view;
  if (storage === 'Unorm8x4')
    return [decode(v.getUint8(r)), decode(v.getUint8(g)), decode(v.getUint8(bl)), decode(v.getUint8(a))];
  if (storage === 'Unorm16x4')
    return [
      decode(v.getUint16(r, true)),
      decode(v.getUint16(g, true)),
      decode(v.getUint16(bl, true)),
      decode(v.getUint16(a, true)),
    ];
  return [
    decode(v.getUint32(r, true)),
    decode(v.getUint32(g, true)),
    decode(v.getUint32(bl, true)),
    decode(v.getUint32(a, true)),
  ];
}

/**
 * Encodes an f32 channel the way prgpu stores it: unorm
 * `u32(saturate(v) * max)` — truncation, not rounding — and float as bits.
 */
export function encodeTruncate(storage: Surface['desc']['format']['storage'], v: number): number {
  const max = unormMax(storage);
  if (max === undefined) return bitsFromF32(v);
  const sat = Number.isNaN(v) ? 0 : Math.min(Math.max(v, 0), 1);
  return Math.floor(Math.fround(sat * max));
}

/**
 * Encodes an f32 channel rounding to nearest, as the WGSL library's
 * storeTexelRounded does: unorm `u32(saturate(v) * max + 0.5)`, float as bits.
 */
export function encodeRound(storage: Surface['desc']['format']['storage'], v: number): number {
  const max = unormMax(storage);
  if (max === undefined) return bitsFromF32(v);
  const sat = Number.isNaN(v) ? 0 : Math.min(Math.max(v, 0), 1);
  return Math.floor(Math.fround(Math.fround(sat * max) + 0.5));
}

/** `store` as prgpu does it: {@link encodeTruncate} per channel, layout swizzle applied. */
export function storeTexel(s: Surface, x: number, y: number, level: number, rgba: readonly number[]): void {
  needFourChannels(s, 'storeTexel');
  const st = s.desc.format.storage;
  for (let c = 0; c < 4; c++) writeCode(s, x, y, level, c, encodeTruncate(st, rgba[c]!));
}

/** The spec's store: {@link encodeRound} per channel, layout swizzle applied. */
export function storeTexelRounded(s: Surface, x: number, y: number, level: number, rgba: readonly number[]): void {
  needFourChannels(s, 'storeTexelRounded');
  const st = s.desc.format.storage;
  for (let c = 0; c < 4; c++) writeCode(s, x, y, level, c, encodeRound(st, rgba[c]!));
}
