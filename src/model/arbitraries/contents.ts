/**
 * Pixel contents, described compactly (a kind and a seed) so a shrunk case
 * prints in one line and replays exactly: random codes, AgX's synthetic
 * gradient, a constant, and extremes (0 / max per channel).
 */
import fc from 'fast-check';
import { bytesPerChannel, channelCount, memorySlot, unormMax } from '../surface/format.ts';
import { bitsFromF32 } from '../surface/texel.ts';
import type { Surface } from '../surface/surface.ts';

export type ContentSpec =
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'gradient' }
  | { readonly kind: 'constant'; readonly rgba: readonly [number, number, number, number] }
  | { readonly kind: 'extremes'; readonly seed: number };

/** mulberry32: a small, fast, seedable PRNG; uniform u32 values. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A source of uniform `bits`-wide codes from a u32 stream, every bit of each word used (four Unorm8 codes a word). */
export function codeStream(next: () => number, bits: number): () => number {
  if (bits === 32) return next;
  const mask = 2 ** bits - 1;
  let word = 0;
  let left = 0;
  return () => {
    if (left === 0) {
      word = next();
      left = 32 / bits;
    }
    const code = word & mask;
    word >>>= bits;
    left--;
    return code;
  };
}

/** Largest value float contents reach: HDR-ish, finite, no denormals (kernels declare those separately). */
export const FLOAT_CONTENT_MAX = 4;

/**
 * Fills the texels of `level` of a surface. Random unorm codes are uniform
 * over the whole range; random floats are uniform f32 in [0, FLOAT_CONTENT_MAX).
 */
export function fillContent(s: Surface, spec: ContentSpec, level = 0): void {
  const { storage, layout } = s.desc.format;
  const max = unormMax(storage);
  const lv = s.desc.levels[level]!;
  const fromUnit = (v: number) => (max === undefined ? bitsFromF32(v) : Math.round(v * max));
  const next = spec.kind === 'random' || spec.kind === 'extremes' ? prng(spec.seed) : () => 0;
  const randomCode =
    max === undefined
      ? () => bitsFromF32((next() / 2 ** 32) * FLOAT_CONTENT_MAX)
      : codeStream(next, max === 255 ? 8 : 16);
  const channels = channelCount(storage);
  // Byte offset of each logical channel inside a texel, and the store of one code.
  const slot = [0, 1, 2, 3].map((c) => memorySlot(layout, c) * bytesPerChannel(storage));
  const put =
    storage === 'Unorm8x4'
      ? (at: number, code: number) => (s.bytes[at] = code)
      : storage === 'Unorm16x4'
        ? (at: number, code: number) => s.view.setUint16(at, code, true)
        : (at: number, code: number) => s.view.setUint32(at, code, true);
  const { width, height, offsetBytes, pitchBytes } = lv;
  const bpp = s.desc.bytesPerPixel;
  if (spec.kind === 'random' && channels === 4) {
    fillRandom4(s, level, slot, next);
    return;
  }
  if (spec.kind === 'random') {
    for (let y = 0; y < height; y++) {
      for (let at = offsetBytes + y * pitchBytes, end = at + width * bpp; at < end; at += bpp) {
        for (let c = 0; c < channels; c++) put(at + slot[c]!, randomCode());
      }
    }
    return;
  }
  const [zero, one, half] = [fromUnit(0), fromUnit(1), fromUnit(0.5)];
  const constant = spec.kind === 'constant' ? spec.rgba.map(fromUnit) : [];
  for (let y = 0; y < height; y++) {
    const rowG = fromUnit(y / height);
    for (let x = 0; x < width; x++) {
      const at = offsetBytes + y * pitchBytes + x * bpp;
      for (let c = 0; c < channels; c++) {
        let code: number;
        if (spec.kind === 'extremes') code = next() & 1 ? one : zero;
        else if (spec.kind === 'constant') code = constant[c]!;
        else code = c === 0 ? fromUnit(x / width) : c === 1 ? rowG : c === 2 ? half : one;
        put(at + slot[c]!, code);
      }
    }
  }
}

/**
 * Random codes into a level of a four-channel surface, the bytes the general loop of fillContent writes (each
 * texel takes whole words of the stream: one Unorm8x4 texel a word, a Unorm16x4 texel two, a Float32x4 channel
 * one), without its per-code closures: this runs for every texel of every generated case.
 */
function fillRandom4(s: Surface, level: number, slot: readonly number[], next: () => number): void {
  const { storage } = s.desc.format;
  const { width, height, offsetBytes, pitchBytes } = s.desc.levels[level]!;
  const bpp = s.desc.bytesPerPixel;
  const [s0, s1, s2, s3] = slot as [number, number, number, number];
  const { bytes, view } = s;
  const scale = FLOAT_CONTENT_MAX / 2 ** 32;
  for (let y = 0; y < height; y++) {
    const row = offsetBytes + y * pitchBytes;
    const end = row + width * bpp;
    if (storage === 'Unorm8x4') {
      for (let at = row; at < end; at += 4) {
        const w = next();
        bytes[at + s0] = w & 0xff;
        bytes[at + s1] = (w >>> 8) & 0xff;
        bytes[at + s2] = (w >>> 16) & 0xff;
        bytes[at + s3] = w >>> 24;
      }
    } else if (storage === 'Unorm16x4') {
      for (let at = row; at < end; at += 8) {
        const a = next();
        const b = next();
        view.setUint16(at + s0, a & 0xffff, true);
        view.setUint16(at + s1, a >>> 16, true);
        view.setUint16(at + s2, b & 0xffff, true);
        view.setUint16(at + s3, b >>> 16, true);
      }
    } else {
      for (let at = row; at < end; at += 16) {
        view.setFloat32(at + s0, next() * scale, true);
        view.setFloat32(at + s1, next() * scale, true);
        view.setFloat32(at + s2, next() * scale, true);
        view.setFloat32(at + s3, next() * scale, true);
      }
    }
  }
}

/** `random#1234`, `gradient`, `constant(0.5,0,1,1)`, `extremes#7`. */
export function describeContent(spec: ContentSpec): string {
  if (spec.kind === 'random' || spec.kind === 'extremes') return `${spec.kind}#${spec.seed}`;
  if (spec.kind === 'constant') return `constant(${spec.rgba.join(',')})`;
  return 'gradient';
}

/** Random (most often), gradient, constant and extremes. */
export function contentArb(): fc.Arbitrary<ContentSpec> {
  const unit = fc.constantFrom(0, 0.25, 0.5, 1, 1 / 3);
  return fc.oneof(
    {
      arbitrary: fc.integer({ min: 0, max: 0xffffffff }).map((seed): ContentSpec => ({ kind: 'random', seed })),
      weight: 6,
    },
    { arbitrary: fc.constant<ContentSpec>({ kind: 'gradient' }), weight: 1 },
    { arbitrary: fc.tuple(unit, unit, unit, unit).map((rgba): ContentSpec => ({ kind: 'constant', rgba })), weight: 1 },
    {
      arbitrary: fc.integer({ min: 0, max: 0xffffffff }).map((seed): ContentSpec => ({ kind: 'extremes', seed })),
      weight: 2,
    },
  );
}
