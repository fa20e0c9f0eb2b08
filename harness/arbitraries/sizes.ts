/**
 * Image sides: 1, 2, 3, odd sizes, powers of two and their neighbours, and
 * anything else up to a budget. Every side shrinks towards 1.
 */
import fc from 'fast-check';

/** 1, 2, 3 and 2^k - 1, 2^k, 2^k + 1 up to `max`. */
export function specialSides(max: number): number[] {
  const out = new Set([1, 2, 3]);
  for (let p = 4; p <= max + 1; p *= 2) [p - 1, p, p + 1].forEach((v) => out.add(v));
  return [...out].filter((v) => v <= max).sort((a, b) => a - b);
}

/** A side length in `[1, max]`, biased to the sizes where layout bugs live. */
export function sideArb(max: number): fc.Arbitrary<number> {
  if (!Number.isInteger(max) || max < 1) throw new Error(`sideArb: max must be a whole number >= 1, got ${max}`);
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.integer({ min: 1, max }), weight: 3 },
    { arbitrary: fc.constantFrom(...specialSides(max)), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: Math.floor((max - 1) / 2) }).map((k) => 2 * k + 1), weight: 2 },
  );
}
