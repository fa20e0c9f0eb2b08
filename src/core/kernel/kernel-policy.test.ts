/** One place decides a kernel's policy on a backend: compareOn's entry for it, named for it, else compare. */
import { expect, test } from 'vitest';
import { exact, perStorage, ulp, unormLsb } from '../../model/compare/policy.ts';
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
  const own = policyFor(perBackend, 'echo', 'Unorm8x4');
  expect(own.name).toBe('exact (echo)');
  expect(own.judge({ storage: 'Unorm8x4', expected: 4, actual: 5 })).toEqual({ ok: false, error: 1 });
  expect([own.unit('Unorm8x4'), own.tolerance('Unorm8x4')]).toEqual(['LSB', 0]);
  const shared = policyFor(perBackend, 'other', 'Unorm8x4');
  expect(shared.name).toBe('unormLsb(1)');
  expect(shared.judge({ storage: 'Unorm8x4', expected: 4, actual: 5 }).ok).toBe(true);
});

test('compareOn takes the shapes of compare: per output, per storage', () => {
  const k = defineKernel({
    ...perBackend,
    compare: { image: unormLsb(1), hist: exact() },
    compareOn: { echo: { image: perStorage({ Unorm8x4: exact(), Float32x4: ulp(2) }), hist: exact() } },
  });
  expect(policyFor(k, 'echo', 'Float32x4', 'image').name).toBe('ulp(2) (echo)');
  expect(policyFor(k, 'other', 'Float32x4', 'image').name).toBe('unormLsb(1)');
});

test('planted: a per-output compareOn record without the output is refused, naming the field', () => {
  const k = defineKernel({ ...perBackend, compareOn: { echo: { image: exact() } } });
  expect(() => policyFor(k, 'echo', 'u32', 'hist')).toThrow(
    'compareOn.echo has no policy for output hist (it names: image)',
  );
  expect(() => policyFor(defineKernel({ ...perBackend, compare: { image: exact() } }), 'other', 'u32', 'hist')).toThrow(
    'compare has no policy for output hist (it names: image)',
  );
});
