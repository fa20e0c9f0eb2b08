/** f32 values and their IEEE 754 bit patterns, through one shared 4-byte buffer. */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The f32 whose bits are `bits`. */
export function f32FromBits(bits: number): number {
  u32[0] = bits;
  return f32[0]!;
}

/** The bits of `x` rounded to f32. */
export function bitsFromF32(x: number): number {
  f32[0] = x;
  return u32[0]!;
}
