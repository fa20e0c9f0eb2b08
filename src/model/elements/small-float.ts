/**
 * Floats narrower than f32, as stored in buffers and textures: IEEE 754
 * binary16 (f16) and the unsigned 11- and 10-bit floats of `rg11b10ufloat`.
 * Decoding is exact (every such value is an f32); encoding rounds to nearest,
 * ties to even.
 */

/** A small float's bit layout: sign (when signed), exponent, mantissa, from the top bit down. */
export interface SmallFloat {
  readonly name: string;
  readonly exponentBits: number;
  readonly mantissaBits: number;
  readonly signed: boolean;
  /** What a finite value beyond the largest finite one becomes: IEEE's infinity, or the largest finite (ufloat). */
  readonly overflow: 'infinity' | 'max-finite';
}

/** IEEE 754 binary16; WGSL `f16` and the `*16float` texel formats (WGSL §"Floating Point Types"). */
export const F16: SmallFloat = { name: 'f16', exponentBits: 5, mantissaBits: 10, signed: true, overflow: 'infinity' };
/** Unsigned 11-bit float, the r and g of rg11b10ufloat (Vulkan §"Unsigned 11-Bit Floating-Point Numbers"). */
export const UFLOAT11: SmallFloat = {
  name: 'ufloat11',
  exponentBits: 5,
  mantissaBits: 6,
  signed: false,
  overflow: 'max-finite',
};
/** Unsigned 10-bit float, the b of rg11b10ufloat (Vulkan §"Unsigned 10-Bit Floating-Point Numbers"). */
export const UFLOAT10: SmallFloat = {
  name: 'ufloat10',
  exponentBits: 5,
  mantissaBits: 5,
  signed: false,
  overflow: 'max-finite',
};

/** Total bits of a small float's code. */
export function smallFloatBits(f: SmallFloat): number {
  return (f.signed ? 1 : 0) + f.exponentBits + f.mantissaBits;
}

const bias = (f: SmallFloat) => (1 << (f.exponentBits - 1)) - 1;
const maxExponent = (f: SmallFloat) => (1 << f.exponentBits) - 1;

/**
 * The value of a code: subnormals kept (never flushed), ±infinity, NaN for
 * every NaN code (the payload is not representable in a JS number).
 */
export function decodeSmallFloat(f: SmallFloat, code: number): number {
  const mantissa = code & ((1 << f.mantissaBits) - 1);
  const exponent = (code >>> f.mantissaBits) & maxExponent(f);
  const sign = f.signed && (code >>> (f.mantissaBits + f.exponentBits)) & 1 ? -1 : 1;
  if (exponent === maxExponent(f)) return mantissa === 0 ? sign * Infinity : NaN;
  if (exponent === 0) return sign * mantissa * 2 ** (1 - bias(f) - f.mantissaBits);
  return sign * (2 ** f.mantissaBits + mantissa) * 2 ** (exponent - bias(f) - f.mantissaBits);
}

/** Rounds a non-negative number to an integer, ties to even. */
function roundHalfEven(q: number): number {
  const floor = Math.floor(q);
  const d = q - floor;
  return d > 0.5 || (d === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
}

/** The quiet NaN a NaN encodes to: exponent all ones, top mantissa bit set, sign clear. */
export function quietNaNCode(f: SmallFloat): number {
  return (maxExponent(f) << f.mantissaBits) | (1 << (f.mantissaBits - 1));
}

/**
 * The code nearest to `x` (ties to even). NaN becomes the quiet NaN; an
 * unsigned format stores negatives and -infinity as 0; a finite value beyond
 * the largest finite one becomes infinity (f16) or the largest finite (ufloat).
 */
export function encodeSmallFloat(f: SmallFloat, x: number): number {
  if (Number.isNaN(x)) return quietNaNCode(f);
  const negative = x < 0 || Object.is(x, -0);
  if (negative && !f.signed) return 0;
  const sign = negative ? 1 << (f.exponentBits + f.mantissaBits) : 0;
  const infinity = maxExponent(f) << f.mantissaBits;
  const a = Math.abs(x);
  if (a === Infinity) return sign | infinity;
  const overflow = () => sign | (f.overflow === 'infinity' ? infinity : infinity - 1);
  const minNormalExponent = 1 - bias(f);
  if (a < 2 ** minNormalExponent) {
    // Subnormal (or rounds up to the smallest normal, whose code follows the largest subnormal's).
    return sign | roundHalfEven(a * 2 ** (f.mantissaBits - minNormalExponent));
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  let mantissa = roundHalfEven((a / 2 ** e - 1) * 2 ** f.mantissaBits);
  if (mantissa === 2 ** f.mantissaBits) {
    mantissa = 0;
    e++;
  }
  const biased = e + bias(f);
  if (biased >= maxExponent(f)) return overflow();
  return sign | (biased << f.mantissaBits) | mantissa;
}
