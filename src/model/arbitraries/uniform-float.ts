/**
 * Float parameters uniform over a range. fast-check's fc.float/fc.double
 * cluster at the bounds, at 0 and at small magnitudes (a hue-rotation bug hid
 * in the middle of its range that way), so this draws an unbiased integer on an
 * even grid over [min, max] and maps it to a value; it shrinks toward a simple
 * value (0 where the range holds it). One draw in 8 is an edge value inside
 * the range instead (a power of two or its neighbour, ±0, a subnormal).
 */
import fc from 'fast-check';
import { bitsFromF32, f32FromBits } from '../elements/f32-bits.ts';
import { EDGE_SHARE, edgeClasses, edgeCodesIn, type EdgeOption } from './edge-floats.ts';

export interface UniformFloatOptions {
  readonly min: number;
  readonly max: number;
  /** Where shrinking heads: default 0 when in range, else the bound nearer 0. */
  readonly simple?: number;
  /** Round to f32 (default; what a WGSL f32 parameter holds, so the oracle sees the same value) or keep f64. */
  readonly precision?: 'f32' | 'f64';
  /** Grid points across the range (default 2^24): the resolution of the draw. */
  readonly steps?: number;
  /**
   * The f32 edge values inside the range, drawn 1 time in 8 (EDGE_SHARE): ±0, the extreme subnormals, powers of
   * two and their neighbours; `false` for none, or per class (`{ subnormal: false }`). Default: every class.
   */
  readonly edges?: EdgeOption;
}

/** The f32 one step from `x` toward `toward` (x itself when equal). */
function f32Toward(x: number, toward: number): number {
  if (x === toward) return x;
  if (x === 0) return toward > 0 ? f32FromBits(1) : f32FromBits(0x80000001);
  const bits = bitsFromF32(x);
  return f32FromBits(toward > x === x > 0 ? bits + 1 : bits - 1);
}

/** The f32 nearest to `v` that lies in [min, max] (`v` is in the range). */
function f32Within(v: number, min: number, max: number): number {
  let r = Math.fround(v);
  while (r > max) r = f32Toward(r, -Infinity);
  while (r < min) r = f32Toward(r, Infinity);
  return r;
}

/**
 * Numbers uniform over [min, max] (both finite). Throws on a range it cannot
 * draw from, naming it: `uniformFloat: min 3 is not below max 1`,
 * `uniformFloat: simple 5 is outside [0, 1]`, `uniformFloat: [1.1, 1.1000001] holds no f32`.
 */
export function uniformFloat(o: UniformFloatOptions): fc.Arbitrary<number> {
  const { min, max } = o;
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new Error(`uniformFloat: min ${min} is not below max ${max} (both finite)`);
  }
  const simple = o.simple ?? (min <= 0 && max >= 0 ? 0 : Math.abs(min) < Math.abs(max) ? min : max);
  if (!(simple >= min && simple <= max)) throw new Error(`uniformFloat: simple ${simple} is outside [${min}, ${max}]`);
  const f32 = (o.precision ?? 'f32') === 'f32';
  const lowest = Math.fround(min) >= min ? Math.fround(min) : f32Toward(Math.fround(min), Infinity);
  if (f32 && lowest > max) throw new Error(`uniformFloat: [${min}, ${max}] holds no f32`);
  const step = (max - min) / (o.steps ?? 2 ** 24);
  const lo = Math.ceil((min - simple) / step);
  const hi = Math.floor((max - simple) / step);
  const uniform = fc.noBias(fc.integer({ min: lo, max: hi })).map((i) => {
    const v = Math.min(max, Math.max(min, simple + i * step));
    return f32 ? f32Within(v, min, max) : v;
  });
  const groups = edgeCodesIn('f32', edgeClasses(o.edges, true), min, max);
  if (groups.length === 0) return uniform;
  // Each class inside the range equally often; within one, the values nearest `simple` first (where shrinking heads).
  const nearest = (a: number, b: number) => Math.abs(a - simple) - Math.abs(b - simple);
  const classes = groups.map((codes) => fc.constantFrom(...codes.map(f32FromBits).sort(nearest)));
  return fc.oneof(
    { arbitrary: uniform, weight: (1 / EDGE_SHARE - 1) * classes.length },
    ...classes.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
}
