/** IEEE binary16 (f16) bits and numbers, exactly: every f16 is an f64, and encoding rounds to nearest, ties to even. */

/** The number an f16 bit pattern holds (NaNs as NaN). */
export function f16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

/** The f16 bits nearest to `v` (ties to even; overflow to ±inf; NaN to the quiet NaN 0x7e00). */
export function numberToF16(v: number): number {
  if (Number.isNaN(v)) return 0x7e00;
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  const a = Math.abs(v);
  if (a === Infinity) return sign | 0x7c00;
  // Units of the smallest denormal, 2^-24; normal numbers scale their 11-bit significand into the same grid.
  let exp = a >= 2 ** -14 ? Math.floor(Math.log2(a)) : -14;
  if (2 ** exp > a) exp--;
  if (2 ** (exp + 1) <= a) exp++;
  exp = Math.max(exp, -14);
  const ulp = 2 ** (exp - 10);
  const q = a / ulp;
  let m = Math.floor(q);
  const r = q - m;
  if (r > 0.5 || (r === 0.5 && m % 2 === 1)) m++;
  let bits = exp === -14 && m < 1024 ? m : ((exp + 15) << 10) + (m - 1024);
  if (m === 2048) bits = ((exp + 16) << 10);
  return sign | Math.min(bits, 0x7c00);
}
