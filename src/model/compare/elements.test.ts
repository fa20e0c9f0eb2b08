import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bitsFromF32 } from '../surface/texel.ts';
import { compareElements, renderElementComparison } from './elements.ts';
import { absRel, exact, PolicyError, ulp, unormNearTie } from './policy.ts';

const runs = Number(process.env.TWINPATH_RUNS ?? 100);
const f32s = (...v: number[]) => new Uint32Array(v.map(bitsFromF32));

describe('one record for typed, shaped, masked elements', () => {
  test("RGB f32 at 12 bytes a pixel: locations read (x,y) channel; don't-care excluded and counted", () => {
    const expected = f32s(...new Array<number>(12).fill(1));
    const actual = expected.slice();
    actual[1] = actual[1]! + 2;
    actual[7] = actual[7]! + 3;
    actual[11] = actual[11]! + 9;
    const dontCare = new Uint8Array(12);
    dontCare[11] = 1;
    dontCare[0] = 1;
    const r = compareElements(expected, actual, { type: 'f32', policy: ulp(1), shape: [2, 2, 3], dontCare });
    expect(r).toMatchObject({ pass: false, compared: 10, dontCare: 2, elements: 12, mismatches: 2, unit: 'ULP' });
    expect(r.worst?.location).toEqual({ index: 7, coords: [1, 0, 1], x: 0, y: 1, channel: 'g' });
    expect(renderElementComparison(r)).toBe(
      [
        "2 of 10 values differ (policy ulp(1), f32 [2,2,3]); 2 don't-care",
        '  worst: [7] (0,1) g: expected 0x3f800000 (1) actual 0x3f800003 (1.00000) +3 ULP',
        '  channel  mismatches  max |err|  mean |err|  bias (ULP)',
        '  r        0           0          0           0',
        '  g        2           3          1.25000     +1.25000',
        '  b        0           0          0           0',
        '  first mismatches:',
        '    [1] (0,0) g: expected 0x3f800000 (1) actual 0x3f800002 (1.00000) +2 ULP',
      ].join('\n'),
    );
  });

  test('a single-channel buffer has no channel: one stats line, index locations', () => {
    const r = compareElements([1, 2, 3, 4], [1, 2, 7, 4], { type: 'u32', policy: exact() });
    expect(r.channels).toBeUndefined();
    expect(renderElementComparison(r)).toBe(
      [
        '1 of 4 values differ (policy exact, u32 [4])',
        '  worst: [2]: expected 0x00000003 (3) actual 0x00000007 (7) +4 LSB',
        '  max |err| 4, mean |err| 1, bias +1 (LSB)',
      ].join('\n'),
    );
  });

  test('equal data passes with error 0; values and stored codes give one record', () => {
    const values = [0.5, -0, 3, 1e-40];
    const r = compareElements(values, new Float32Array(values), { type: 'f32', policy: exact(), shape: [2, 2] });
    expect(r).toMatchObject({
      pass: true,
      compared: 4,
      mismatches: 0,
      worst: { error: 0, location: { index: 0, x: 0, y: 0 } },
    });
    expect(renderElementComparison(r)).toBe('4 values match (policy exact, f32 [2,2])');
  });

  test('nothing compared is never a pass', () => {
    const r = compareElements([1, 2], [1, 3], { type: 'i32', policy: exact(), dontCare: [true, true] });
    expect(r).toMatchObject({ pass: false, compared: 0, dontCare: 2 });
    expect(renderElementComparison(r)).toBe("nothing compared (policy exact, i32 [2]): all 2 elements are don't-care");
    expect(compareElements([], [], { type: 'f32', policy: exact() })).toMatchObject({
      pass: false,
      nothingCompared: 'the data holds no elements',
    });
  });
});

describe('each element type judged in its own units', () => {
  test('i32 errors are value differences, not code differences', () => {
    const r = compareElements([-1], [1], { type: 'i32', policy: exact() });
    expect(r.worst).toMatchObject({ expectedHex: '0xffffffff', expectedValue: -1, actualValue: 1, error: 2 });
  });

  test('f16 ULPs count f16 neighbours; subnormals and zero signs decode exactly', () => {
    const e = new Uint16Array([0x3c00, 0x0001, 0x0000]);
    const a = new Uint16Array([0x3c01, 0x0003, 0x8000]);
    const r = compareElements(e, a, { type: 'f16', policy: ulp(1) });
    expect(r.mismatches).toBe(1);
    expect(r.worst).toMatchObject({
      location: { index: 1 },
      error: 2,
      expectedValue: 2 ** -24,
      actualValue: 3 * 2 ** -24,
    });
    const x = compareElements(e, a, { type: 'f16', policy: exact() });
    expect(x.first.map((v) => v.note)).toEqual([undefined, undefined, 'equal values, different bits: signed zero']);
  });

  test('NaN: every float policy accepts any NaN for NaN, never NaN for a number', () => {
    const e = new Uint32Array([0x7fc00000, 0x7fc00000]);
    const a = new Uint32Array([0x7fc00001, 0x3f800000]);
    for (const policy of [exact(), ulp(4), absRel(1, 1)]) {
      const r = compareElements(e, a, { type: 'f32', policy });
      expect(r.first.map((v) => v.location.index)).toEqual([1]);
      expect(r.nanPayloads).toBe('any');
    }
  });

  test('NaN against a number prints as NaN, not as its Infinity error, and still ranks worst', () => {
    // -467.142 came back NaN; 1 came back 1000 (a large finite error); NaN was expected where 1 came back.
    const e = new Uint32Array([0x3f800000, 0xc3e9921f, 0x7fc00000]);
    const a = new Uint32Array([bitsFromF32(1000), 0x7fc23a83, 0x3f800000]);
    const r = compareElements(e, a, { type: 'f32', policy: absRel(2.6e-4, 0) });
    expect([r.worst!.location.index, r.worst!.error, r.stats.maxAbs, r.stats.nanAgainstNumber]).toEqual([
      1,
      Infinity,
      Infinity,
      2,
    ]);
    expect(renderElementComparison(r)).toBe(
      [
        '3 of 3 values differ (policy absRel(0.00026, 0), f32 [3])',
        '  worst: [1]: expected 0xc3e9921f (-467.142) actual 0x7fc23a83 (NaN): NaN where a number was expected',
        '  max |err| NaN, mean |err| NaN, bias NaN (abs)',
        '  first mismatches:',
        '    [0]: expected 0x3f800000 (1) actual 0x447a0000 (1000) +999 abs; |d| 999 > abs 0.00026 and > rel 0 × |expected| = 0',
        '    [2]: expected 0x7fc00000 (NaN) actual 0x3f800000 (1): a number where NaN was expected',
      ].join('\n'),
    );
    // Per channel too; a channel with no NaN keeps its numbers.
    const rgb = compareElements(e, a, { type: 'f32', policy: ulp(1), shape: [1, 1, 3] });
    expect(renderElementComparison(rgb).split('\n').slice(3, 6)).toEqual([
      '  r        1           83492864   83492864    +83492864',
      '  g        1           NaN        NaN         NaN',
      '  b        1           NaN        NaN         NaN',
    ]);
  });

  test('an infinity against a finite value keeps its Infinity: only NaN prints as NaN', () => {
    const r = compareElements(new Float32Array([1]), new Float32Array([Infinity]), {
      type: 'f32',
      policy: absRel(1, 0),
    });
    expect(r.stats.nanAgainstNumber).toBeUndefined();
    expect(renderElementComparison(r).split('\n').slice(1)).toEqual([
      '  worst: [0]: expected 0x3f800000 (1) actual 0x7f800000 (Infinity) +Infinity abs; ' +
        'Infinity where 1 was expected',
      '  max |err| Infinity, mean |err| Infinity, bias +Infinity (abs)',
    ]);
  });

  test('planted: the H100’s NaN for lavapipe’s passes exact(), fails exact({ nanPayload: true })', () => {
    // A float sum that overflowed to NaN: WGSL leaves the payload to the implementation.
    const e = new Uint32Array([0xffc00000, 0x3f800000]);
    const a = new Uint32Array([0x7fffffff, 0x3f800000]);
    const any = compareElements(e, a, { type: 'f32', policy: exact() });
    expect([any.pass, any.nanPayloads, any.worst!.note]).toEqual([
      true,
      'any',
      'both NaN, payloads differ; accepted: any NaN equals any NaN',
    ]);
    const bitExact = compareElements(e, a, { type: 'f32', policy: exact({ nanPayload: true }) });
    expect([bitExact.pass, bitExact.nanPayloads]).toEqual([false, 'compared']);
    expect(renderElementComparison(bitExact).split('\n').slice(0, 2)).toEqual([
      '1 of 2 values differ (policy exact({ nanPayload: true }), f32 [2])',
      '  worst: [0]: expected 0xffc00000 (NaN) actual 0x7fffffff (NaN) 0 ULP; both NaN, payloads differ; ' +
        'refused: nanPayload compares them',
    ]);
    const u8 = compareElements(new Uint8Array([1]), new Uint8Array([1]), { type: 'u8', policy: exact() });
    expect(u8.nanPayloads).toBeUndefined();
  });

  test("unorm8 elements take the oracle's exact values for the tie-aware policy", () => {
    const r = compareElements(new Uint8Array([127, 10]), new Uint8Array([128, 10]), {
      type: 'unorm8',
      policy: unormNearTie(2 ** -20),
      exact: { rounding: 'nearest', values: [127.5 / 255, 10 / 255] },
    });
    expect(r).toMatchObject({
      pass: true,
      worst: { error: 1, note: 'exact 127.5 is 0 LSB from the nearest boundary at 127.5' },
    });
  });
});

describe('bad input is refused, naming it', () => {
  test('a policy that cannot judge the type, lengths and shapes that do not fit', () => {
    expect(() => compareElements([1], [1], { type: 'u32', policy: ulp(1) })).toThrow(PolicyError);
    expect(() => compareElements([1], [1], { type: 'u32', policy: ulp(1) })).toThrow(
      'ulp(1) compares float values; u32 needs exact() or absRel(a, r)',
    );
    expect(() => compareElements([1, 2], [1], { type: 'f32', policy: exact() })).toThrow(
      'compareElements: expected holds 2 f32 elements, actual 1',
    );
    expect(() => compareElements([1, 2], [1, 2], { type: 'f32', policy: exact(), shape: [1, 1, 3] })).toThrow(
      'shape [1, 1, 3] holds 3 elements, the data 2',
    );
    expect(() => compareElements([1, 2], [1, 2], { type: 'f32', policy: exact(), dontCare: [0] })).toThrow(
      "compareElements: the don't-care mask has 1 entries for 2 elements",
    );
  });
});

describe('properties', () => {
  /** Random f32 bit patterns, a set of indices changed, and a random don't-care mask. */
  const mutation = fc.integer({ min: 1, max: 700 }).chain((n) =>
    fc.record({
      bits: fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: n, maxLength: n }),
      changed: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: Math.min(n, 20) }),
      flips: fc.array(fc.integer({ min: 1, max: 0xffffffff }), { minLength: 20, maxLength: 20 }),
      masked: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 5 }),
    }),
  );

  test('bit-exact refuses exactly the changed, cared-for elements, the first in index order, each once', () => {
    fc.assert(
      fc.property(mutation, ({ bits, changed, flips, masked }) => {
        const expected = Uint32Array.from(bits);
        const actual = expected.slice();
        changed.forEach((i, k) => (actual[i] = (actual[i]! ^ flips[k]!) >>> 0));
        const dontCare = new Uint8Array(bits.length);
        for (const i of masked) dontCare[i] = 1;
        // Bit-exact NaNs: any changed bit is refused, a NaN's payload too.
        const policy = exact({ nanPayload: true });
        const r = compareElements(expected, actual, { type: 'f32', policy, dontCare, firstN: 30 });
        const refused = changed.filter((i) => !dontCare[i]).sort((x, y) => x - y);
        expect(r.compared + r.dontCare).toBe(bits.length);
        expect(r.dontCare).toBe(masked.length);
        expect(r.mismatches).toBe(refused.length);
        expect(r.pass).toBe(refused.length === 0 && r.compared > 0);
        expect(r.first.map((v) => v.location.index)).toEqual(refused);
        if (refused.length > 0)
          expect(Math.abs(r.worst!.error)).toBe(Math.max(...r.first.map((v) => Math.abs(v.error))));
      }),
      { numRuns: runs, seed: 10 },
    );
  });

  test('ulp(k) accepts a change of at most k neighbours and refuses k + 1, for finite f32', () => {
    fc.assert(
      fc.property(
        fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e30), max: Math.fround(1e30) }),
        fc.integer({ min: 0, max: 8 }),
        (x, k) => {
          const e = new Float32Array([x, x]);
          const bits = new Uint32Array(e.buffer);
          const a = new Uint32Array(2);
          // Adding to the bits moves away from zero by that many neighbours, for either sign.
          a[0] = bits[0]! + k;
          a[1] = bits[1]! + k + 1;
          const r = compareElements(e, a, { type: 'f32', policy: ulp(k) });
          expect(r.first.map((v) => v.location.index)).toEqual([1]);
        },
      ),
      { numRuns: runs, seed: 11 },
    );
  });
});

test('one compared value is counted in the singular', () => {
  const r = compareElements([1], new Float32Array([1]), { type: 'f32', policy: exact(), shape: [1] });
  expect(renderElementComparison(r)).toBe('1 value matches (policy exact, f32 [1])');
});
