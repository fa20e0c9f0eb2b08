/**
 * Image sides: 1, 2, 3, odd sizes, powers of two and their neighbours, and
 * anything else up to a budget. Shrinking is layout-aware: fast-check's
 * integer shrinker bisects towards 1, which stalls on bugs that need an odd
 * size (every bisection step from 108 is even); this one tries the small
 * sizes, then half the size keeping its parity, then one and two less.
 * And invocation counts of a one-dimensional dispatch, some just past the
 * workgroups one dimension allows.
 */
import fc from 'fast-check';

/** 1, 2, 3 and 2^k - 1, 2^k, 2^k + 1 up to `max`. */
export function specialSides(max: number): number[] {
  const out = new Set([1, 2, 3]);
  for (let p = 4; p <= max + 1; p *= 2) [p - 1, p, p + 1].forEach((v) => out.add(v));
  return [...out].filter((v) => v <= max).sort((a, b) => a - b);
}

/** Smaller sides to try in place of `v`, most promising first. */
export function sideShrinks(v: number): number[] {
  const half = v >> 1;
  const candidates = [1, 2, 3, 4, 5, half | 1, half, half + 1, v - 2, v - 1];
  return [...new Set(candidates)].filter((c) => c >= 1 && c < v);
}

class SideArbitrary extends fc.Arbitrary<number> {
  constructor(
    private readonly max: number,
    private readonly inner: fc.Arbitrary<number>,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<number> {
    return new fc.Value(this.inner.generate(mrng, biasFactor).value, undefined);
  }

  canShrinkWithoutContext(value: unknown): value is number {
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= this.max;
  }

  shrink(value: number): fc.Stream<fc.Value<number>> {
    return fc.Stream.of(...sideShrinks(value).map((v) => new fc.Value(v, undefined)));
  }
}

/** A side length in `[1, max]`, biased to the sizes where layout bugs live. */
export function sideArb(max: number): fc.Arbitrary<number> {
  if (!Number.isInteger(max) || max < 1) throw new Error(`sideArb: max must be a whole number >= 1, got ${max}`);
  return new SideArbitrary(
    max,
    fc.oneof(
      { arbitrary: fc.integer({ min: 1, max }), weight: 3 },
      { arbitrary: fc.constantFrom(...specialSides(max)), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: Math.floor((max - 1) / 2) }).map((k) => 2 * k + 1), weight: 2 },
    ),
  );
}

/** WebGPU's default maxComputeWorkgroupsPerDimension: what every device allows at least. */
export const DEFAULT_WORKGROUPS_PER_DIMENSION = 65535;

export interface InvocationsOptions {
  /** The largest count the kernel takes (its size budget). */
  readonly max: number;
  /** Invocations per workgroup along x (the WGSL's @workgroup_size x). */
  readonly workgroupSize: number;
  /** The device's maxComputeWorkgroupsPerDimension (default 65535, WebGPU's default limit). */
  readonly workgroupsPerDimension?: number;
}

/**
 * Invocation counts in `[1, max]` for a one-dimensional dispatch: a few workgroups' worth (where a count that is
 * not a multiple of the workgroup size goes wrong), any count, and 1 draw in 8 just past the one-dimension limit
 * (`workgroupSize * workgroupsPerDimension + 1` up to one workgroup more), where the dispatch takes a second
 * dimension (y) — when `max` reaches that far. Throws on options it cannot draw from:
 * `invocationsArb: max 0 and workgroupSize 64 must be whole numbers >= 1`.
 */
export function invocationsArb(o: InvocationsOptions): fc.Arbitrary<number> {
  const { max, workgroupSize } = o;
  if (![max, workgroupSize].every((v) => Number.isInteger(v) && v >= 1)) {
    throw new Error(`invocationsArb: max ${max} and workgroupSize ${workgroupSize} must be whole numbers >= 1`);
  }
  const oneDimension = workgroupSize * (o.workgroupsPerDimension ?? DEFAULT_WORKGROUPS_PER_DIMENSION);
  const few = fc.integer({ min: 1, max: Math.min(max, 4 * workgroupSize + 1) });
  const any = fc.integer({ min: 1, max });
  if (max <= oneDimension) return fc.oneof({ arbitrary: few, weight: 1 }, { arbitrary: any, weight: 1 });
  const past = fc.integer({ min: oneDimension + 1, max: Math.min(max, oneDimension + workgroupSize) });
  return fc.oneof({ arbitrary: few, weight: 7 }, { arbitrary: any, weight: 7 }, { arbitrary: past, weight: 2 });
}
