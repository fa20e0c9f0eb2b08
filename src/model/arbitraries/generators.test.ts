import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ELEMENT_TYPES } from '../elements/element-types.ts';
import { describeElements, elementsArb, elementsFromSpec, randomElements, type ElementsSpec } from './elements.ts';
import { specialValues } from './special-floats.ts';
import { uniformFloat } from './uniform-float.ts';

/**
 * Whether `values` fill `bins` equal bins of [min, max] evenly: every bin's
 * count within 5 standard deviations of n / bins (a flat histogram fails this
 * about once in 10^5 runs); the worst bin is named.
 */
function flatness(values: readonly number[], min: number, max: number, bins: number) {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins))]!++;
  const mean = values.length / bins;
  const sigma = Math.sqrt(mean * (1 - 1 / bins));
  const z = counts.map((c) => Math.abs(c - mean) / sigma);
  const worst = z.indexOf(Math.max(...z));
  return { flat: z[worst]! <= 5, worstBin: worst, z: z[worst]!, counts };
}

/** Whether a finite nonzero f32 is a power of two or one ULP from one. */
function nearPowerOfTwo(v: number): boolean {
  const m = new Uint32Array(new Float32Array([v]).buffer)[0]! & 0x7fffff;
  return m <= 1 || m === 0x7fffff;
}

describe('uniformFloat', () => {
  test("its histogram over a range is flat; fast-check's fc.double over the same range is not", () => {
    const n = 20000;
    const ours = fc.sample(uniformFloat({ min: -3, max: 5, edges: false }), { numRuns: n, seed: 1 });
    expect(flatness(ours, -3, 5, 16)).toMatchObject({ flat: true });
    const clustered = fc.sample(fc.double({ min: -3, max: 5, noNaN: true }), { numRuns: n, seed: 1 });
    const verdict = flatness(clustered, -3, 5, 16);
    expect(verdict.flat).toBe(false);
    // fc.double piles up around 0 (bins 5 and 6 of [-3, 5]).
    expect([5, 6]).toContain(verdict.worstBin);
  });

  test('1 draw in 8 is an edge value inside the range, each class alike; the others stay flat', () => {
    const n = 24000;
    const all = fc.sample(uniformFloat({ min: -3, max: 5 }), { numRuns: n, seed: 1 });
    const zero = all.filter((v) => v === 0);
    const subnormal = all.filter((v) => v !== 0 && Math.abs(v) < 2 ** -126);
    const pow2 = all.filter((v) => v !== 0 && Math.abs(v) >= 2 ** -126 && nearPowerOfTwo(v));
    // Each class 1/24 of the draws, within 5 standard deviations (a fair draw misses this once in 10^6).
    const sigma = Math.sqrt((1 / 24) * (23 / 24) * n);
    for (const [name, got] of [
      ['zero', zero],
      ['subnormal', subnormal],
      ['pow2', pow2],
    ] as const)
      expect(Math.abs(got.length - n / 24), `${name}: ${got.length}`).toBeLessThan(5 * sigma);
    expect(zero.some((v) => Object.is(v, -0))).toBe(true);
    expect(Math.min(...pow2.map(Math.abs))).toBeGreaterThanOrEqual(5 * 2 ** -24 - 2 ** -40);
    expect(pow2).toContain(4);
    expect(pow2.every((v) => v >= -3 && v <= 5)).toBe(true);
    const ordinary = all.filter((v) => v !== 0 && Math.abs(v) >= 2 ** -126 && !nearPowerOfTwo(v));
    expect(flatness(ordinary, -3, 5, 16)).toMatchObject({ flat: true });
    const planted = fc.sample(uniformFloat({ min: -3, max: 5, edges: false }), { numRuns: n, seed: 1 });
    expect(planted.filter((v) => v === 0 || nearPowerOfTwo(v)).length).toBeLessThan(20);
  });

  test('values are f32, inside the range, and reach both ends of it', () => {
    for (const [min, max] of [
      [0, 1],
      [-5, -2],
      [1, 1 + 2 ** -20],
      [-1e30, 1e30],
      [0.1, 0.3],
    ] as const) {
      const vs = fc.sample(uniformFloat({ min, max }), { numRuns: 2000, seed: 2 });
      for (const v of vs) {
        expect(Math.fround(v)).toBe(v);
        expect(v >= min && v <= max, `${v} in [${min}, ${max}]`).toBe(true);
      }
      const span = max - min;
      expect(Math.min(...vs) - min).toBeLessThan(span * 0.01);
      expect(max - Math.max(...vs)).toBeLessThan(span * 0.01);
    }
    const f64 = fc.sample(uniformFloat({ min: 0, max: 1, precision: 'f64', steps: 2 ** 40 }), {
      numRuns: 200,
      seed: 3,
    });
    expect(f64.some((v) => Math.fround(v) !== v)).toBe(true);
  });

  test('shrinks toward 0, or toward the bound nearer 0, or toward the given simple value', () => {
    const shrunk = (arb: fc.Arbitrary<number>, fails: (v: number) => boolean) =>
      fc.check(
        fc.property(arb, (v) => !fails(v)),
        { seed: 4, numRuns: 500 },
      ).counterexample?.[0];
    expect(shrunk(uniformFloat({ min: -10, max: 10 }), (v) => v > 3)).toBeCloseTo(3, 4);
    expect(shrunk(uniformFloat({ min: -10, max: 10 }), (v) => Math.abs(v) < 100)).toBe(0);
    expect(shrunk(uniformFloat({ min: -5, max: -2 }), () => true)).toBe(-2);
    expect(shrunk(uniformFloat({ min: 0, max: 360, simple: 180 }), () => true)).toBe(180);
  });

  test('a range it cannot draw from is refused', () => {
    expect(() => uniformFloat({ min: 3, max: 1 })).toThrow('uniformFloat: min 3 is not below max 1 (both finite)');
    expect(() => uniformFloat({ min: 0, max: 1, simple: 5 })).toThrow('uniformFloat: simple 5 is outside [0, 1]');
    expect(() => uniformFloat({ min: 1.1, max: 1.1 + 1e-12, simple: 1.1 })).toThrow(/holds no f32/);
  });
});

describe('special values', () => {
  const classes = (type: 'f32' | 'f16') => {
    const c = ELEMENT_TYPES[type].codec;
    const vs = specialValues(type).map((s) => c.decode(s.code));
    return {
      distinct: new Set(specialValues(type).map((s) => s.code)).size,
      nan: vs.filter(Number.isNaN).length,
      inf: vs.filter((v) => Math.abs(v) === Infinity).length,
      zeros: vs.filter((v) => v === 0).length,
      subnormal: vs.filter((v) => v !== 0 && Math.abs(v) < (type === 'f32' ? 2 ** -126 : 2 ** -14)).length,
    };
  };
  test.each(['f32', 'f16'] as const)(
    '%s: every IEEE class, signed, NaNs quiet and signalling with payloads',
    (type) => {
      expect(classes(type)).toEqual({ distinct: 24, nan: 6, inf: 2, zeros: 2, subnormal: 4 });
    },
  );
  test('f32 names and codes', () => {
    const byName = Object.fromEntries(specialValues('f32').map((s) => [s.name, s.code]));
    expect(byName).toMatchObject({
      '-0': 0x80000000,
      'sNaN payload 1': 0x7f800001,
      qNaN: 0x7fc00000,
      '1 + ulp': 0x3f800001,
      'max normal': 0x7f7fffff,
    });
    expect(specialValues('i32').map((s) => s.name)).toEqual(['0', '1', '-1', '-2147483648', '2147483647']);
  });
});

describe('random elements: the declared share of specials', () => {
  /** Whether every aligned run of `run` elements holds a special code, and how many specials there are. */
  function specialShare(codes: ArrayLike<number>, type: 'f32' | 'f16', run: number) {
    const special = new Set(specialValues(type).map((s) => s.code));
    let count = 0;
    let everyRun = true;
    for (let start = 0; start < codes.length; start += run) {
      let here = 0;
      for (let i = start; i < Math.min(codes.length, start + run); i++) if (special.has(codes[i]!)) here++;
      count += here;
      everyRun &&= here > 0;
    }
    return { everyRun, count, kinds: new Set(Array.from(codes).filter((c) => special.has(c))).size };
  }

  test.each([1, 7, 8, 9, 64, 1000])('f32, 1/8 special: every run of 8 of %i elements holds one', (length) => {
    const a = randomElements({ type: 'f32', length, seed: length, specials: 1 / 8 });
    const s = specialShare(new Uint32Array(a.buffer), 'f32', 8);
    expect(s.everyRun).toBe(true);
    expect(s.count).toBeGreaterThanOrEqual(Math.ceil(length / 8));
    if (length >= 8 * 24) expect(s.kinds).toBe(24);
  });

  test('planted: random bit patterns without the declared share fail the share check', () => {
    const a = randomElements({ type: 'f32', length: 1000, seed: 9 });
    expect(specialShare(new Uint32Array(a.buffer), 'f32', 8).everyRun).toBe(false);
  });

  test('f16 specials as bits; signalling NaN payloads survive in the returned array', () => {
    const a = randomElements({ type: 'f16', length: 400, seed: 3, specials: 1 / 4 });
    expect(a).toBeInstanceOf(Uint16Array);
    expect(specialShare(a, 'f16', 4)).toMatchObject({ everyRun: true, kinds: 24 });
    const f = randomElements({ type: 'f32', length: 400, seed: 3, specials: 1 / 2 });
    expect(new Uint32Array(f.buffer)).toContain(0x7f800001);
  });
});

describe('random elements: contents, element types, seeds and specs', () => {
  test('bits, finite and uniform contents; every element type; deterministic per seed', () => {
    const bits = new Uint32Array(randomElements({ type: 'f32', length: 100000, seed: 5, edges: false }).buffer);
    const nonFinite = bits.filter((b) => (b & 0x7f800000) === 0x7f800000).length / bits.length;
    expect(nonFinite).toBeGreaterThan(0.002);
    expect(nonFinite).toBeLessThan(0.006);
    const finite = randomElements({ type: 'f32', length: 100000, seed: 5, floats: 'finite' });
    expect(Array.from(finite).every(Number.isFinite)).toBe(true);
    const unit = randomElements({ type: 'f16', length: 1000, seed: 5, floats: { min: 0, max: 1 } });
    expect(
      Array.from(unit).every((c) => ELEMENT_TYPES.f16.codec.decode(c) >= 0 && ELEMENT_TYPES.f16.codec.decode(c) <= 1),
    ).toBe(true);
    for (const type of Object.keys(ELEMENT_TYPES) as (keyof typeof ELEMENT_TYPES)[]) {
      const spec: ElementsSpec = { type, length: 33, seed: 1 };
      const a = randomElements(spec);
      expect(a.length, type).toBe(33);
      expect(a.byteLength).toBe(33 * ELEMENT_TYPES[type].bytes);
      expect(randomElements(spec)).toEqual(a);
      expect(randomElements({ ...spec, seed: 2 })).not.toEqual(a);
    }
    const u8 = randomElements({ type: 'u8', length: 4096, seed: 8 });
    expect(new Set(u8).size).toBe(256);
  });

  test('a spec prints in one line, materializes once per spec object, and shrinks in length', () => {
    const spec: ElementsSpec = { type: 'f32', length: 64, seed: 1234, specials: 1 / 8 };
    expect(describeElements(spec)).toBe('f32[64] bits, 1/8 special #1234');
    expect(describeElements({ type: 'f16', length: 16, seed: 5, floats: { min: 0, max: 1 } })).toBe(
      'f16[16] uniform [0, 1] #5',
    );
    expect(describeElements({ type: 'u32', length: 3, seed: 7 })).toBe('u32[3] #7');
    expect(elementsFromSpec(spec)).toBe(elementsFromSpec(spec));
    expect(() => randomElements({ ...spec, specials: 2 })).toThrow('randomElements: specials share 2 is not in (0, 1]');
    const specs = fc.sample(elementsArb({ type: 'i32', length: { min: 1, max: 40 }, specials: 1 / 8 }), {
      numRuns: 300,
      seed: 6,
    });
    expect(Math.min(...specs.map((s) => s.length))).toBe(1);
    expect(Math.max(...specs.map((s) => s.length))).toBe(40);
    const shrunk = fc.check(
      fc.property(elementsArb({ type: 'u32', length: { min: 1, max: 500 } }), (s) => s.length < 100),
      { seed: 7 },
    );
    expect(shrunk.counterexample?.[0]).toMatchObject({ length: 100, seed: 0 });
  });
});
