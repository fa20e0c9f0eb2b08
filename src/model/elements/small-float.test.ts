import { expect, test } from 'vitest';
import { decodeF16FlushingSubnormals } from '../../core/fixtures/f16-flush-subnormals.ts';
import {
  decodeSmallFloat,
  encodeSmallFloat,
  F16,
  quietNaNCode,
  smallFloatBits,
  UFLOAT10,
  UFLOAT11,
  type SmallFloat,
} from './small-float.ts';

const f32 = new DataView(new ArrayBuffer(4));
/** Reference value of a small-float code, built as f32 bits (not by the decoder's arithmetic). */
function reference(f: SmallFloat, code: number): number {
  const m = code & ((1 << f.mantissaBits) - 1);
  const e = (code >> f.mantissaBits) & 31;
  const negative = f.signed && code >> (f.mantissaBits + 5) === 1;
  let bits: number;
  if (e === 31) bits = 0x7f800000 | (m << (23 - f.mantissaBits));
  else if (e === 0) return (negative ? -1 : 1) * (m / 2 ** (14 + f.mantissaBits));
  else bits = ((e - 15 + 127) << 23) | (m << (23 - f.mantissaBits));
  f32.setUint32(0, (bits | (negative ? 0x80000000 : 0)) >>> 0);
  return f32.getFloat32(0);
}

/** Every code whose decode differs from the reference (NaN matches NaN, zeros keep their sign). */
function decodeDisagreements(f: SmallFloat, decode: (code: number) => number): number[] {
  const bad: number[] = [];
  const codes = 2 ** smallFloatBits(f);
  for (let c = 0; c < codes; c++) if (!Object.is(decode(c), reference(f, c))) bad.push(c);
  return bad;
}

test.each([F16, UFLOAT11, UFLOAT10])('$name: every code decodes exactly to its reference value', (f) => {
  expect(decodeDisagreements(f, (c) => decodeSmallFloat(f, c))).toEqual([]);
  expect(decodeSmallFloat(F16, 0x0001)).toBe(2 ** -24);
  expect(decodeSmallFloat(F16, 0x7bff)).toBe(65504);
});

test('planted: an f16 decode that flushes subnormals is caught, every subnormal named', () => {
  const bad = decodeDisagreements(F16, decodeF16FlushingSubnormals);
  expect(bad.length).toBe(2 * 1023);
  expect(bad[0]).toBe(0x0001);
  expect(bad.at(-1)).toBe(0x83ff);
});

test.each([F16, UFLOAT11, UFLOAT10])(
  '$name: every code round-trips through decode and encode (NaN to the quiet NaN)',
  (f) => {
    const codes = 2 ** smallFloatBits(f);
    for (let c = 0; c < codes; c++) {
      const v = decodeSmallFloat(f, c);
      const back = encodeSmallFloat(f, v);
      if (Number.isNaN(v)) expect(back).toBe(quietNaNCode(f));
      else if (back !== c) expect.fail(`${f.name} code ${c.toString(16)} (${v}) encoded back to ${back.toString(16)}`);
    }
  },
);

test.each([F16, UFLOAT11, UFLOAT10])(
  '$name: between neighbours, nearer wins and the midpoint goes to the even code',
  (f) => {
    const inf = 31 << f.mantissaBits;
    for (let c = 0; c + 1 < inf; c++) {
      const lo = decodeSmallFloat(f, c);
      const hi = decodeSmallFloat(f, c + 1);
      const mid = (lo + hi) / 2;
      const even = c % 2 === 0 ? c : c + 1;
      const got = [
        encodeSmallFloat(f, mid),
        encodeSmallFloat(f, mid - (hi - lo) / 8),
        encodeSmallFloat(f, mid + (hi - lo) / 8),
      ];
      if (got[0] !== even || got[1] !== c || got[2] !== c + 1)
        expect.fail(
          `${f.name} between ${c.toString(16)} and ${(c + 1).toString(16)}: got ${got.map((g) => g.toString(16))}`,
        );
    }
  },
);

test('f16 overflow goes to infinity past the rounding threshold; ufloat clamps to its largest finite', () => {
  expect(encodeSmallFloat(F16, 65519.99)).toBe(0x7bff);
  expect(encodeSmallFloat(F16, 65520)).toBe(0x7c00);
  expect(encodeSmallFloat(F16, -1e9)).toBe(0xfc00);
  expect(encodeSmallFloat(F16, -0)).toBe(0x8000);
  expect(encodeSmallFloat(F16, 2 ** -25)).toBe(0);
  expect(encodeSmallFloat(F16, 2 ** -25 * 1.0001)).toBe(1);
  expect(encodeSmallFloat(UFLOAT11, 1e9)).toBe(0x7bf);
  expect(encodeSmallFloat(UFLOAT11, Infinity)).toBe(0x7c0);
  expect(encodeSmallFloat(UFLOAT10, -5)).toBe(0);
  expect(encodeSmallFloat(UFLOAT10, -Infinity)).toBe(0);
  expect(encodeSmallFloat(UFLOAT10, NaN)).toBe(0x3f0);
});
