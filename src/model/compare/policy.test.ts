import { describe, expect, test } from 'vitest';
import { bitsFromF32 } from '../surface/texel.ts';
import { absRel, exact, perStorage, PolicyError, ulp, ulpDistance, unormLsb, unormNearTie } from './policy.ts';

const u8 = (expected: number, actual: number, exactValue?: number) => ({
  storage: 'Unorm8x4' as const,
  expected,
  actual,
  ...(exactValue === undefined ? {} : { exact: exactValue / 255, rounding: 'truncate' as const }),
});
const f32 = (e: number, a: number) => ({
  storage: 'Float32x4' as const,
  expected: bitsFromF32(e),
  actual: bitsFromF32(a),
});
const next = (x: number) => new Float32Array(new Uint32Array([bitsFromF32(x) + 1]).buffer)[0]!;

describe('exact', () => {
  test('equal codes pass, one LSB or one ULP fails', () => {
    expect(exact().judge(u8(7, 7)).ok).toBe(true);
    expect(exact().judge(u8(7, 8))).toEqual({ ok: false, error: 1 });
    expect(exact().judge(f32(1, next(1)))).toEqual({ ok: false, error: 1 });
    expect(exact().judge(f32(0, -0))).toEqual({
      ok: false,
      error: 0,
      note: 'equal values, different bits: signed zero',
    });
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
    expect(
      p.judge({ storage: 'Unorm8x4', expected: 127, actual: 128, exact: 127.5 / 255, rounding: 'nearest' }).ok,
    ).toBe(true);
    expect(
      p.judge({ storage: 'Unorm8x4', expected: 127, actual: 128, exact: 127.2 / 255, rounding: 'nearest' }).ok,
    ).toBe(false);
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

describe('what each policy names and measures', () => {
  test('names, units and tolerances, as the summary and failure text show them', () => {
    const shown = (p: ReturnType<typeof exact>, st: 'Unorm8x4' | 'Float32x4') =>
      `${p.name} ${p.unit(st)} ${p.tolerance(st)}`;
    expect(shown(exact(), 'Unorm8x4')).toBe('exact LSB 0');
    expect(shown(exact(), 'Float32x4')).toBe('exact ULP 0');
    expect(shown(unormLsb(3), 'Unorm8x4')).toBe('unormLsb(3) LSB 3');
    expect(shown(ulp(4), 'Float32x4')).toBe('ulp(4) ULP 4');
    expect(shown(absRel(2 ** -10, 0), 'Float32x4')).toBe('absRel(2^-10, 0) abs 0.0009765625');
    expect(shown(unormNearTie(2 ** -20), 'Unorm8x4')).toBe('unormNearTie(2^-20) LSB 1');
    // Powers of two are named as such only below 1.
    expect([absRel(1e-5, 1e-4).name, absRel(1, 0.5).name, absRel(4, 3).name, unormNearTie(0.3).name]).toEqual([
      'absRel(0.00001, 0.0001)',
      'absRel(1, 2^-1)',
      'absRel(4, 3)',
      'unormNearTie(0.3)',
    ]);
  });
});

describe('ulpDistance', () => {
  const bits = (x: number) => bitsFromF32(x);
  test('signed, ordered like the floats, on both sides of zero', () => {
    expect(ulpDistance(bits(-1), bits(-next(1)))).toBe(-1);
    expect(ulpDistance(bits(-next(1)), bits(-1))).toBe(1);
    expect(ulpDistance(bits(-1), new Uint32Array([0xbf7fffff])[0]!)).toBe(1);
    expect(ulpDistance(0x80000001, 0x00000001)).toBe(2);
    expect(ulpDistance(0x00000001, 0x80000002)).toBe(-3);
    expect(ulpDistance(bits(0), bits(-0))).toBe(0);
    expect(Object.is(ulpDistance(bits(-0), bits(0)), 0)).toBe(true);
    expect(ulpDistance(bits(1), bits(2))).toBe(2 ** 23);
  });
  test('NaN equals only NaN', () => {
    expect(ulpDistance(0x7fc00000, 0x7fc00001)).toBe(0);
    expect(ulpDistance(0x7fc00000, bits(1))).toBe(Infinity);
    expect(ulpDistance(bits(1), 0xffc00000)).toBe(Infinity);
  });
});

describe('exact, every storage', () => {
  test('unorm codes differ by their LSB; f32 NaN payloads and signed zeros are named', () => {
    expect(exact().judge(u8(3, 5))).toEqual({ ok: false, error: 2 });
    expect(exact().judge({ storage: 'Unorm16x4', expected: 0, actual: 65535 })).toEqual({ ok: false, error: 65535 });
    const nans = { storage: 'Float32x4', expected: 0x7fc00000, actual: 0x7fc00001 } as const;
    expect(exact().judge(nans)).toEqual({
      ok: true,
      error: 0,
      note: 'both NaN, payloads differ; accepted: any NaN equals any NaN',
    });
    expect(exact({ nanPayload: true }).judge(nans)).toEqual({
      ok: false,
      error: 0,
      note: 'both NaN, payloads differ; refused: nanPayload compares them',
    });
    expect(exact({ nanPayload: true }).judge({ storage: 'f16', expected: 0x7e00, actual: 0x7c01 }).ok).toBe(false);
    expect(exact().judge({ storage: 'f16', expected: 0x7e00, actual: 0xfc01 }).ok).toBe(true);
    expect([exact().nanPayloads, exact({ nanPayload: true }).nanPayloads]).toEqual(['any', 'compared']);
    expect(exact().judge({ storage: 'Float32x4', expected: 0x7fc00000, actual: bitsFromF32(1) })).toEqual({
      ok: false,
      error: Infinity,
    });
    expect(exact().judge(f32(2, 1))).toEqual({ ok: false, error: -(2 ** 23) });
  });
});

describe('absRel, at its bounds', () => {
  const u = (expected: number, actual: number) => ({ storage: 'Unorm8x4' as const, expected, actual });
  test('unorm codes are decoded to [0, 1]', () => {
    expect(absRel(1 / 255, 0).judge(u(10, 11))).toEqual({ ok: true, error: 11 / 255 - 10 / 255 });
    expect(absRel(1 / 255, 0).judge(u(10, 12)).ok).toBe(false);
    expect(absRel(0.01, 0).judge(u(0, 255))).toEqual({
      ok: false,
      error: 1,
      note: '|d| 1 > abs 0.01 and > rel 0 × |expected| = 0',
    });
  });
  test('refused only where |d| exceeds both bounds; exactly at a bound is accepted', () => {
    expect(absRel(0.25, 0).judge(f32(0.5, 0.75))).toEqual({ ok: true, error: 0.25 });
    expect(absRel(0, 0.5).judge(f32(0.5, 0.75))).toEqual({ ok: true, error: 0.25 });
    expect(absRel(0, 0.5).judge(f32(-0.5, -0.25))).toEqual({ ok: true, error: 0.25 });
    // A refusal says which bounds it passed.
    expect(absRel(0.125, 0.25).judge(f32(0.5, 0.75))).toEqual({
      ok: false,
      error: 0.25,
      note: '|d| 0.25 > abs 0.125 and > rel 0.25 × |expected| = 0.125',
    });
    expect(absRel(0.5, 0).judge(f32(0.5, 0.25))).toEqual({ ok: true, error: -0.25 });
  });
  test('NaN equals only NaN', () => {
    expect(absRel(1, 1).judge({ storage: 'Float32x4', expected: 0x7fc00000, actual: 0x7fc00001 })).toEqual({
      ok: true,
      error: 0,
    });
    expect(absRel(1, 1).judge({ storage: 'Float32x4', expected: 0x7fc00000, actual: bitsFromF32(0) })).toEqual({
      ok: false,
      error: Infinity,
    });
    expect(absRel(1, 1).judge({ storage: 'Float32x4', expected: bitsFromF32(0), actual: 0x7fc00000 })).toEqual({
      ok: false,
      error: Infinity,
    });
  });
});

describe('unormNearTie, at its bounds', () => {
  test('the neighbour is accepted exactly at eps from the boundary and refused past it', () => {
    // 128 - 63.75 = 64.25 in LSB: exactly 0.25 x 255 LSB from the truncate boundary at 128.
    const at = {
      storage: 'Unorm8x4' as const,
      expected: 127,
      actual: 128,
      exact: (128 - 63.75) / 255,
      rounding: 'truncate' as const,
    };
    expect(unormNearTie(0.25).judge(at)).toEqual({
      ok: true,
      error: 1,
      note: 'exact 64.25 is 63.75 LSB from the truncate boundary at 128',
    });
    expect(unormNearTie(0.25).judge({ ...at, exact: at.exact - 2 ** -20 }).ok).toBe(false);
    // A tenth of an LSB from the boundary passes 2^-10 (0.25 LSB at 8 bits).
    expect(unormNearTie(2 ** -10).judge({ ...at, exact: 127.9 / 255 }).ok).toBe(true);
    expect(unormNearTie(2 ** -10).judge({ ...at, exact: 127.9 / 255, actual: 129 }).ok).toBe(false);
  });
  test('nearest rounding has its boundary half an LSB lower', () => {
    const s = {
      storage: 'Unorm8x4' as const,
      expected: 127,
      actual: 128,
      exact: 127.5 / 255,
      rounding: 'nearest' as const,
    };
    expect(unormNearTie(2 ** -20).judge(s)).toEqual({
      ok: true,
      error: 1,
      note: 'exact 127.5 is 0 LSB from the nearest boundary at 127.5',
    });
    expect(unormNearTie(2 ** -20).judge({ ...s, rounding: 'truncate' }).ok).toBe(false);
  });
  test('without exact values or without a rounding it refuses to judge', () => {
    expect(() => unormNearTie(2 ** -20).judge({ storage: 'Unorm8x4', expected: 1, actual: 2, exact: 0.5 })).toThrow(
      PolicyError,
    );
    expect(() =>
      unormNearTie(2 ** -20).judge({ storage: 'Unorm8x4', expected: 1, actual: 2, rounding: 'truncate' }),
    ).toThrow("unormNearTie(2^-20) needs the oracle's exact values: return { surface, exact } from the kernel's cpu()");
    expect(unormNearTie(2 ** -20).judge({ storage: 'Unorm8x4', expected: 1, actual: 1 })).toEqual({
      ok: true,
      error: 0,
    });
  });
});

test('refusals name the policy, the storage and what to use instead', () => {
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
    return 'nothing thrown';
  };
  expect(thrown(() => ulp(1).judge(u8(1, 2)))).toBe(
    'PolicyError: ulp(1) compares float values; Unorm8x4 needs exact(), unormLsb(k) or unormNearTie(eps)',
  );
  expect(thrown(() => unormNearTie(2 ** -20).judge(f32(1, 2)))).toBe(
    'PolicyError: unormNearTie(2^-20) compares unorm codes; Float32x4 needs ulp(k) or absRel(a, r)',
  );
  expect(thrown(() => perStorage({ Unorm8x4: exact() })('Float32x4'))).toBe(
    'PolicyError: perStorage: no policy for Float32x4',
  );
});

describe('a parameter that is a function of the case', () => {
  const treeSum = ulp((c: { n: number }) => 2 * Math.ceil(Math.log2(c.n)));
  test('is sized per case, named with its value, and marked perCase', () => {
    const p = treeSum.forCase!({ n: 1000 });
    expect([p.name, p.tolerance('f32'), p.unit('f32'), p.perCase]).toEqual(['ulp(20 per case)', 20, 'ULP', true]);
    expect(treeSum.forCase!({ n: 2 }).judge({ storage: 'f32', expected: 0x3f800000, actual: 0x3f800003 })).toEqual({
      ok: false,
      error: 3,
    });
    expect(absRel(1e-5, (c: { n: number }) => c.n * 2 ** -20).forCase!({ n: 4 }).name).toBe(
      'absRel(0.00001, 2^-18 per case)',
    );
    expect(unormLsb((c: { n: number }) => c.n).forCase!({ n: 2 }).name).toBe('unormLsb(2 per case)');
    expect(unormNearTie((c: { n: number }) => c.n * 2 ** -20).forCase!({ n: 1 }).name).toBe(
      'unormNearTie(2^-20 per case)',
    );
    expect(ulp(3).forCase).toBeUndefined();
  });
  test('planted: judged without its case it refuses, naming itself', () => {
    expect(treeSum.name).toBe('ulp(per case)');
    expect(treeSum.unit('f32')).toBe('ULP');
    expect(() => treeSum.judge({ storage: 'f32', expected: 0, actual: 0 })).toThrow(
      'ulp(per case) sets its tolerance per case: judge it through a kernel, or call policy.forCase(input) first',
    );
    expect(() => treeSum.tolerance('f32')).toThrow(PolicyError);
  });
});
