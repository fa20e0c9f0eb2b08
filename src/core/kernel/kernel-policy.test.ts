/** One place decides a kernel's policy on a backend: compareOn's entry for it, named for it, else compare. */
import { expect, test } from 'vitest';
import { absRel, exact, perStorage, ulp, unormLsb } from '../../model/compare/policy.ts';
import { defineKernel } from './kernel.ts';
import { policyFor } from './kernel-policy.ts';
import { registeredOnly } from './fixtures/bad-definitions.ts';

const perBackend = defineKernel({
  ...registeredOnly,
  implementations: { echo: registeredOnly.implementations!.echo, other: registeredOnly.implementations!.echo },
  compare: unormLsb(1),
  compareOn: { echo: exact() },
});

test("a backend's own policy applies there and says so; every other backend gets compare", () => {
  const own = policyFor(perBackend, 'echo', 'Unorm8x4', 'out', 0);
  expect(own.name).toBe('exact (echo)');
  expect(own.judge({ storage: 'Unorm8x4', expected: 4, actual: 5 })).toEqual({ ok: false, error: 1 });
  expect([own.unit('Unorm8x4'), own.tolerance('Unorm8x4')]).toEqual(['LSB', 0]);
  const shared = policyFor(perBackend, 'other', 'Unorm8x4', 'out', 0);
  expect(shared.name).toBe('unormLsb(1)');
  expect(shared.judge({ storage: 'Unorm8x4', expected: 4, actual: 5 }).ok).toBe(true);
});

test('compareOn takes the shapes of compare: per output, per storage', () => {
  const k = defineKernel({
    ...perBackend,
    compare: { image: unormLsb(1), hist: exact() },
    compareOn: { echo: { image: perStorage({ Unorm8x4: exact(), Float32x4: ulp(2) }), hist: exact() } },
  });
  expect(policyFor(k, 'echo', 'Float32x4', 'image', 0).name).toBe('ulp(2) (echo)');
  expect(policyFor(k, 'other', 'Float32x4', 'image', 0).name).toBe('unormLsb(1)');
});

test('planted: a per-output compareOn record without the output is refused, naming the field', () => {
  const k = defineKernel({ ...perBackend, compareOn: { echo: { image: exact() } } });
  expect(() => policyFor(k, 'echo', 'u32', 'hist', 0)).toThrow(
    'compareOn.echo has no policy for output hist (it names: image)',
  );
  expect(() =>
    policyFor(defineKernel({ ...perBackend, compare: { image: exact() } }), 'other', 'u32', 'hist', 0),
  ).toThrow('compare has no policy for output hist (it names: image)');
});

test('a tolerance that is a function of the case is sized for the case judged, on every backend', () => {
  // A tree sum of n values: its error grows with the tree's depth, log2(n).
  const treeSum = ulp((n: number) => 2 * Math.ceil(Math.log2(n)));
  const k = defineKernel({ ...perBackend, compare: treeSum, compareOn: { echo: absRel(0, (n: number) => n / 1000) } });
  const big = policyFor(k, 'other', 'f32', 'out', 1000);
  expect([big.name, big.tolerance('f32'), big.perCase]).toEqual(['ulp(20 per case)', 20, true]);
  expect(big.judge({ storage: 'f32', expected: 0x3f800000, actual: 0x3f800000 + 20 }).ok).toBe(true);
  const small = policyFor(k, 'other', 'f32', 'out', 4);
  expect([small.name, small.tolerance('f32')]).toEqual(['ulp(4 per case)', 4]);
  expect(small.judge({ storage: 'f32', expected: 0x3f800000, actual: 0x3f800000 + 20 }).ok).toBe(false);
  const own = policyFor(k, 'echo', 'f32', 'out', 300);
  expect([own.name, own.tolerance('f32'), own.perCase, own.nanPayloads]).toEqual([
    'absRel(0, 0.3 per case) (echo)',
    0,
    true,
    'any',
  ]);
});

test('planted: a per-case parameter that gives no tolerance is refused, naming the policy', () => {
  const k = defineKernel({ ...perBackend, compare: ulp((n: number) => Math.log2(n)) });
  expect(() => policyFor(k, 'other', 'f32', 'out', -1)).toThrow(
    'ulp(per case): parameter 1 is NaN for this case, not a number >= 0',
  );
});
