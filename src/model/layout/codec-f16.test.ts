/**
 * f16 struct members pack and unpack exactly: the number rounded once to
 * nearest, ties to even (from the f64 given, never through f32), subnormals
 * kept, ±infinity, NaN as the quiet NaN; every f16 code unpacks to its value
 * and packs back to itself. Offsets follow the WGSL rules (2-byte f16,
 * vec3<f16> aligned to 8).
 */
import { describe, expect, test } from 'vitest';
import { packStruct, unpackStruct } from './codec.ts';
import { f16, f32, struct, u32, vec2, vec3 } from './types.ts';

const H = struct('H', { h: f16 });
const code = (x: number) => new DataView(packStruct(H, { h: x }).buffer).getUint16(0, true);
const hex = (c: number) => `0x${c.toString(16).padStart(4, '0')}`;

describe('packing an f16 member', () => {
  test.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [0, 0x0000],
    [-0, 0x8000],
    [65504, 0x7bff],
    [65519.99, 0x7bff],
    [65520, 0x7c00],
    [1e6, 0x7c00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [NaN, 0x7e00],
    [2 ** -14, 0x0400],
    [2 ** -24, 0x0001],
    [2 ** -25, 0x0000],
    [3 * 2 ** -25, 0x0002],
    [-(2 ** -24) * 1023, 0x83ff],
    [1 + 2 ** -11, 0x3c00],
    [1 + 3 * 2 ** -11, 0x3c02],
    [1 + 2 ** -11 + 2 ** -30, 0x3c01],
    [Math.fround(0.1), 0x2e66],
  ])('%s packs as its nearest f16, ties to even', (x, want) => {
    expect(hex(code(x))).toBe(hex(want));
  });

  test('1 + 2^-11 + 2^-30 rounds up once from the f64; through f32 first it would tie and round to even', () => {
    expect(code(Math.fround(1 + 2 ** -11 + 2 ** -30))).toBe(0x3c00);
    expect(code(1 + 2 ** -11 + 2 ** -30)).toBe(0x3c01);
  });

  test('every f16 code unpacks exactly and packs back to the same code; NaN codes unpack as NaN', () => {
    const bytes = new Uint8Array(4);
    const view = new DataView(bytes.buffer);
    for (let c = 0; c < 0x10000; c++) {
      view.setUint16(0, c, true);
      const v = unpackStruct(H, bytes).h as number;
      const nan = (c & 0x7c00) === 0x7c00 && (c & 0x03ff) !== 0;
      if (nan) expect(Number.isNaN(v), hex(c)).toBe(true);
      else if (code(v) !== c) expect(hex(code(v)), `code ${hex(c)} unpacked as ${v}`).toBe(hex(c));
    }
  });
});

test('a struct of f16 scalars and vectors: WGSL offsets, each value in its two bytes, unpacked exactly', () => {
  const S = struct('S', { a: f16, b: f16, tint: vec3(f16), edge: vec2(f16), n: u32, x: f32 });
  const value = { a: 0.5, b: -3, tint: [1, 2 ** -24, 65504], edge: [-Infinity, -0], n: 7, x: 1.5 };
  const bytes = packStruct(S, value);
  expect(bytes.length).toBe(32);
  const view = new DataView(bytes.buffer);
  const halves = [0, 2, 8, 10, 12, 16, 18].map((o) => hex(view.getUint16(o, true)));
  expect(halves).toEqual(['0x3800', '0xc200', '0x3c00', '0x0001', '0x7bff', '0xfc00', '0x8000']);
  expect([view.getUint32(20, true), view.getFloat32(24, true)]).toEqual([7, 1.5]);
  expect(unpackStruct(S, bytes)).toEqual(value);
});
