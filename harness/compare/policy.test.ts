import { describe, expect, test } from 'vitest';
import { bitsFromF32 } from '../surface/texel.ts';
import { absRel, exact, perStorage, PolicyError, ulp, ulpDistance, unormLsb, unormNearTie } from './policy.ts';

const u8 = (expected: number, actual: number, exactValue?: number) => ({
  storage: 'Unorm8x4' as const,
  expected,
  actual,
  ...(exactValue === undefined ? {} : { exact: exactValue / 255, rounding: 'truncate' as const }),
});
const f32 = (e: number, a: number) => ({ storage: 'Float32x4' as const, expected: bitsFromF32(e), actual: bitsFromF32(a) });
const next = (x: number) => new Float32Array(new Uint32Array([bitsFromF32(x) + 1]).buffer)[0]!;

describe('exact', () => {
  test('equal codes pass, one LSB or one ULP fails', () => {
    expect(exact().judge(u8(7, 7)).ok).toBe(true);
    expect(exact().judge(u8(7, 8))).toEqual({ ok: false, error: 1 });
    expect(exact().judge(f32(1, next(1)))).toEqual({ ok: false, error: 1 });
    expect(exact().judge(f32(0, -0))).toEqual({ ok: false, error: 0, note: 'equal values, different bits: signed zero' });
  });
});

describe('unormLsb', () => {
  test('k LSB pass, k + 1 fail; floats refused', () => {
    expect(unormLsb(1).judge(u8(7, 8)).ok).toBe(true);
    expect(unormLsb(1).judge(u8(7, 5)).ok).toBe(false);
    expect(() => unormLsb(1).judge(f32(1, 1))).toThrow(/unormLsb\(1\) compares unorm codes; Float32x4 needs ulp/);
  });
});

describe('ulp', () => {
  test('distance orders floats, both zeros are one, NaN only equals NaN', () => {
    expect(ulpDistance(bitsFromF32(1), bitsFromF32(next(next(1))))).toBe(2);
    expect(ulpDistance(bitsFromF32(-0), bitsFromF32(0))).toBe(0);
    expect(ulpDistance(bitsFromF32(-Number.MIN_VALUE), bitsFromF32(Number.MIN_VALUE))).toBe(0);
    expect(ulpDistance(bitsFromF32(NaN), bitsFromF32(1))).toBe(Infinity);
    expect(ulpDistance(bitsFromF32(NaN), bitsFromF32(NaN))).toBe(0);
  });
  test('k ULP pass, k + 1 fail; unorm refused', () => {
    expect(ulp(1).judge(f32(1, next(1))).ok).toBe(true);
    expect(ulp(1).judge(f32(1, next(next(1)))).ok).toBe(false);
    expect(() => ulp(1).judge(u8(1, 1))).toThrow(PolicyError);
  });
});

describe('absRel', () => {
  test('fails only when both the absolute and the relative bound are exceeded', () => {
    const p = absRel(1e-3, 1e-2);
    expect(p.judge(f32(100, 100.5)).ok).toBe(true);
    expect(p.judge(f32(0.01, 0.0105)).ok).toBe(true);
    expect(p.judge(f32(0.1, 0.2)).ok).toBe(false);
  });
});

describe('unormNearTie', () => {
  const p = unormNearTie(2 ** -20);
  test('a neighbour is accepted only where the exact value sits on the boundary', () => {
    expect(p.judge(u8(127, 127, 127.5)).ok).toBe(true);
    expect(p.judge(u8(126, 127, 127)).ok).toBe(true);
    expect(p.judge(u8(127, 126, 127)).ok).toBe(true);
  });
  test('rounding where the kernel must truncate is refused, with the distance', () => {
    const v = p.judge(u8(127, 128, 127.5));
    expect(v.ok).toBe(false);
    expect(v.note).toBe('exact 127.5 is 0.5 LSB from the truncate boundary at 128');
  });
  test('two codes off is refused even on a boundary', () => {
    expect(p.judge(u8(125, 127, 127)).ok).toBe(false);
  });
  test('round-to-nearest boundaries sit at k + 0.5', () => {
    expect(p.judge({ storage: 'Unorm8x4', expected: 127, actual: 128, exact: 127.5 / 255, rounding: 'nearest' }).ok).toBe(true);
    expect(p.judge({ storage: 'Unorm8x4', expected: 127, actual: 128, exact: 127.2 / 255, rounding: 'nearest' }).ok).toBe(false);
  });
  test('needs the exact values and unorm storage', () => {
    expect(() => p.judge(u8(1, 2))).toThrow(/needs the oracle's exact values/);
    expect(() => p.judge(f32(1, 1))).toThrow(PolicyError);
  });
});

test('perStorage picks by storage and names a missing one', () => {
  const pick = perStorage({ Unorm8x4: exact() });
  expect(pick('Unorm8x4').name).toBe('exact');
  expect(() => pick('Float32x4')).toThrow('perStorage: no policy for Float32x4');
});
