/**
 * Float inputs hold edge values at a known rate: each class's frequency over many samples matches EDGE_SHARE
 * split evenly over the classes (plus what random bits reach by themselves), the content's domain and a kernel's
 * switches exclude classes, and a seed gives the same values every time.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ELEMENT_TYPES } from '../elements/element-types.ts';
import { EDGE_SHARE, edgeClasses, edgeCode, edgeCodesIn } from './edge-floats.ts';
import { describeElements, elementsArb, randomElements, type ElementsSpec } from './elements.ts';

type Kind = 'zero' | 'subnormal' | 'infinity' | 'qnan' | 'snan' | 'pow2' | 'other';

/** The class of one f32 or f16 code. */
function kindOf(type: 'f32' | 'f16', code: number): Kind {
  const m = type === 'f32' ? 23 : 10;
  const expMax = type === 'f32' ? 255 : 31;
  const magnitude = code % 2 ** (m + (type === 'f32' ? 8 : 5));
  const exponent = Math.floor(magnitude / 2 ** m);
  const mantissa = magnitude % 2 ** m;
  if (magnitude === 0) return 'zero';
  if (exponent === 0) return 'subnormal';
  if (exponent === expMax) return mantissa === 0 ? 'infinity' : mantissa >= 2 ** (m - 1) ? 'qnan' : 'snan';
  return mantissa <= 1 || mantissa === 2 ** m - 1 ? 'pow2' : 'other';
}

function frequencies(type: 'f32' | 'f16', codes: ArrayLike<number>): Record<Kind, number> {
  const counts: Record<Kind, number> = { zero: 0, subnormal: 0, infinity: 0, qnan: 0, snan: 0, pow2: 0, other: 0 };
  for (let i = 0; i < codes.length; i++) counts[kindOf(type, codes[i]!)]++;
  return counts;
}

/** Whether `count` of `n` is within 5 standard deviations of share `p` (a fair draw misses this once in 10^6). */
const near = (count: number, n: number, p: number) => Math.abs(count / n - p) <= 5 * Math.sqrt((p * (1 - p)) / n);

describe('edge values in float elements', () => {
  const n = 200_000;
  const codes = (spec: Omit<ElementsSpec, 'length' | 'seed'>, seed = 11) =>
    Array.from(new Uint32Array(randomElements({ ...spec, length: n, seed, type: 'f32' }).buffer));

  test('f32 bits: each of the five classes at EDGE_SHARE / 5, NaNs half quiet and half signalling', () => {
    const f = frequencies('f32', codes({ type: 'f32' }));
    const each = EDGE_SHARE / 5;
    // Random bits reach subnormals and NaNs by themselves, 1 in 256 each (an all-zeros or all-ones exponent).
    const natural = (1 - EDGE_SHARE) / 256;
    expect(near(f.zero, n, each), `zeros ${f.zero}`).toBe(true);
    expect(near(f.infinity, n, each), `infinities ${f.infinity}`).toBe(true);
    expect(near(f.pow2, n, each), `powers of two ${f.pow2}`).toBe(true);
    expect(near(f.subnormal, n, each + natural), `subnormals ${f.subnormal}`).toBe(true);
    expect(near(f.qnan, n, each / 2 + natural / 2), `quiet NaNs ${f.qnan}`).toBe(true);
    expect(near(f.snan, n, each / 2 + natural / 2), `signalling NaNs ${f.snan}`).toBe(true);
  });

  test('planted: without edges, zeros, infinities and powers of two almost never occur', () => {
    const f = frequencies('f32', codes({ type: 'f32', edges: false }));
    expect(f.zero + f.infinity + f.pow2).toBeLessThan(5);
    expect(near(f.zero, n, EDGE_SHARE / 5)).toBe(false);
  });

  test('signalling NaN payloads vary and survive in the returned arrays, f32 and f16', () => {
    const all = codes({ type: 'f32' });
    const sNaNs = new Set(all.filter((c) => kindOf('f32', c) === 'snan'));
    expect(sNaNs.size).toBeGreaterThan(1000);
    const half = Array.from(randomElements({ type: 'f16', length: n, seed: 12 }) as Uint16Array);
    const f = frequencies('f16', half);
    expect(near(f.zero, n, EDGE_SHARE / 5), `f16 zeros ${f.zero}`).toBe(true);
    expect(near(f.infinity, n, EDGE_SHARE / 5), `f16 infinities ${f.infinity}`).toBe(true);
    expect(new Set(half.filter((c) => kindOf('f16', c) === 'snan')).size).toBeGreaterThan(100);
  });

  test('the domain and the switches exclude classes: finite, a range, { nan: false }', () => {
    const finite = frequencies('f32', codes({ type: 'f32', floats: 'finite' }));
    expect([finite.infinity, finite.qnan, finite.snan]).toEqual([0, 0, 0]);
    expect(near(finite.zero, n, EDGE_SHARE / 3)).toBe(true);
    const noNaN = frequencies('f32', codes({ type: 'f32', edges: { nan: false } }));
    expect(near(noNaN.infinity, n, EDGE_SHARE / 4)).toBe(true);
    expect(noNaN.qnan + noNaN.snan).toBeLessThan(n / 256 + 5 * Math.sqrt(n / 256));
    const decode = ELEMENT_TYPES.f32.codec.decode;
    const range = codes({ type: 'f32', floats: { min: 0.5, max: 3 } }).map(decode);
    expect(range.every((v) => v >= 0.5 && v <= 3)).toBe(true);
    // 1 and 2 are two of the eight edge codes inside [0.5, 3] (listed below).
    expect(near(range.filter((v) => v === 1 || v === 2).length, n, EDGE_SHARE / 4)).toBe(true);
    expect(edgeCodesIn('f32', edgeClasses(true, true), 0.5, 3).flat().map(decode)).toEqual([
      0.5,
      0.5 + 2 ** -24,
      1 - 2 ** -24,
      1,
      1 + 2 ** -23,
      2 - 2 ** -23,
      2,
      2 + 2 ** -22,
    ]);
  });

  test('a seed gives the same values; edges replace 1 in 8 and leave the others as the seed drew them', () => {
    const spec: ElementsSpec = { type: 'f32', length: 4096, seed: 21 };
    const a = new Uint32Array(randomElements(spec).buffer);
    expect(new Uint32Array(randomElements(spec).buffer)).toEqual(a);
    expect(new Uint32Array(randomElements({ ...spec, seed: 22 }).buffer)).not.toEqual(a);
    const plain = new Uint32Array(randomElements({ ...spec, edges: false }).buffer);
    const replaced = a.filter((c, i) => c !== plain[i]).length;
    expect(near(replaced, a.length, EDGE_SHARE)).toBe(true);
    expect(edgeCode('f32', 'pow2', () => 0)).toBe(0x007fffff);
  });

  test('a spec names edges only where it departs from the default', () => {
    expect(describeElements({ type: 'f32', length: 4, seed: 1 })).toBe('f32[4] bits #1');
    expect(describeElements({ type: 'f32', length: 4, seed: 1, edges: false })).toBe('f32[4] bits, no edges #1');
    expect(describeElements({ type: 'f16', length: 4, seed: 1, edges: { nan: false, infinity: false } })).toBe(
      'f16[4] bits, edges zero+subnormal+pow2 #1',
    );
    expect(fc.sample(elementsArb({ type: 'f32', edges: { zero: false } }), { numRuns: 1, seed: 1 })[0]).toMatchObject({
      edges: { zero: false },
    });
  });
});
