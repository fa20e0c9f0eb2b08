import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ALL_FORMATS, formatName } from '../surface/format.ts';
import { surfaceBytes } from '../surface/surface.ts';
import { resolvePitch } from './pitch.ts';
import { invocationsArb, sideArb, sideShrinks, specialSides } from './sizes.ts';
import { benchSurfaceCase, descFromCase, surfaceCaseArb, surfaceFromCase } from './surface-case.ts';

test('special sides: 1, 2, 3 and powers of two with their neighbours', () => {
  expect(specialSides(17)).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17]);
});

test('the side generator reaches every special size and stays in budget', () => {
  const seen = new Set(fc.sample(sideArb(300), { numRuns: 2000, seed: 1 }));
  for (const s of specialSides(300)) expect(seen, `side ${s} never generated`).toContain(s);
  expect(Math.max(...seen)).toBeLessThanOrEqual(300);
});

test('side shrinks try small sizes and halves that keep parity', () => {
  expect(sideShrinks(108)).toEqual([1, 2, 3, 4, 5, 55, 54, 106, 107]);
  expect(sideShrinks(2)).toEqual([1]);
  expect(sideShrinks(1)).toEqual([]);
});

test('pitches: tight, aligned to 256, padded by multiples of 4', () => {
  expect(resolvePitch({ kind: 'tight' }, 3, 4)).toBe(12);
  expect(resolvePitch({ kind: 'align', to: 256 }, 65, 4)).toBe(512);
  expect(resolvePitch({ kind: 'pad', bytes: 8 }, 3, 16)).toBe(56);
});

test('surface cases cover every format, level count and pitch kind', () => {
  const cases = fc.sample(surfaceCaseArb({ maxSide: 40 }), { numRuns: 1000, seed: 2 });
  expect(new Set(cases.map((c) => formatName(c.format)))).toEqual(new Set(ALL_FORMATS.map(formatName)));
  expect(new Set(cases.map((c) => c.levels))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  expect(new Set(cases.map((c) => c.pitch.kind))).toEqual(new Set(['tight', 'align', 'pad']));
  expect(new Set(cases.map((c) => c.content.kind))).toEqual(new Set(['random', 'gradient', 'constant', 'extremes']));
});

test('a case materializes deterministically, once per case object', () => {
  const [c] = fc.sample(surfaceCaseArb(), { numRuns: 1, seed: 3 });
  const s = surfaceFromCase(c!);
  expect(surfaceFromCase(c!)).toBe(s);
  expect(surfaceFromCase({ ...c! }).bytes).toEqual(s.bytes);
  expect(s.bytes.length).toBe(surfaceBytes(descFromCase(c!)));
});

test('surface cases shrink jointly: a level fewer with both sides halved', () => {
  const d = fc.check(
    fc.property(
      surfaceCaseArb({ maxSide: 300, levels: { min: 2, max: 5 } }),
      (c) => !(c.levels === 2 && c.height >> 1 !== (c.height + 1) >> 1 && c.height >= 3),
    ),
    { seed: 4, numRuns: 500 },
  );
  expect(d.counterexample?.[0]).toMatchObject({ levels: 2, height: 3 });
});

test('a bench frame: random content, Unorm8x4/Rgba, tight rows, one level, unless told otherwise', () => {
  expect(benchSurfaceCase(1920, 1080)).toEqual({
    width: 1920,
    height: 1080,
    format: { storage: 'Unorm8x4', layout: 'Rgba' },
    pitch: { kind: 'tight' },
    levels: 1,
    content: { kind: 'random', seed: 1 },
  });
  const f32 = benchSurfaceCase(8, 4, { format: { storage: 'Float32x4', layout: 'Rgba' }, levels: 3 });
  expect(descFromCase(f32)).toMatchObject({ width: 8, height: 4, levels: [{}, {}, {}] });
});

test('invocation counts reach past the workgroups one dimension allows, 1 draw in 8, where the budget allows', () => {
  const n = 4000;
  const counts = fc.sample(invocationsArb({ max: 10_000_000, workgroupSize: 64 }), { numRuns: n, seed: 1 });
  // Just past the limit: at most one workgroup more (any count up to max lands there 1 time in 150,000).
  const justPast = counts.filter((c) => c > 64 * 65_535 && c <= 64 * 65_535 + 64);
  // 5 standard deviations of a 1-in-8 share of 4000 draws.
  expect(Math.abs(justPast.length / n - 1 / 8)).toBeLessThan(5 * Math.sqrt(((1 / 8) * (7 / 8)) / n));
  expect(Math.max(...counts)).toBeLessThanOrEqual(10_000_000);
  expect(counts.filter((c) => c <= 4 * 64 + 1).length).toBeGreaterThan(n / 3);
  const tight = fc.sample(invocationsArb({ max: 64 * 65_535, workgroupSize: 64 }), { numRuns: n, seed: 1 });
  expect(Math.max(...tight)).toBeLessThanOrEqual(64 * 65_535);
  const lower = fc.sample(invocationsArb({ max: 300, workgroupSize: 8, workgroupsPerDimension: 16 }), {
    numRuns: 800,
    seed: 2,
  });
  expect(lower.filter((c) => c > 128 && c <= 136).length).toBeGreaterThan(50);
  expect(() => invocationsArb({ max: 0, workgroupSize: 64 })).toThrow(
    'invocationsArb: max 0 and workgroupSize 64 must be whole numbers >= 1',
  );
});
