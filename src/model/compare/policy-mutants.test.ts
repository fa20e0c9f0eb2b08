/**
 * A per-case tolerance parameter that is no number >= 0 for its case is refused, naming the parameter and its
 * value (0 is a tolerance like any other); before its case is known it already says how it takes NaNs.
 */
import { expect, test } from 'vitest';
import { bitsFromF32 } from '../surface/texel.ts';
import { absRel, PolicyError, ulp } from './policy.ts';

test('planted: a per-case parameter below 0 or NaN is refused by position and value; 0 is accepted', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      return (e as Error).message;
    }
    throw new Error('the parameter was accepted');
  };
  const perCase = ulp((n: number) => n);
  expect(refusal(() => perCase.forCase!(-1))).toBe('ulp(per case): parameter 1 is -1 for this case, not a number >= 0');
  expect(refusal(() => perCase.forCase!(Number.NaN))).toBe(
    'ulp(per case): parameter 1 is NaN for this case, not a number >= 0',
  );
  expect(perCase.forCase!(0).tolerance('f32')).toBe(0);
  const second = absRel(0, (n: number) => n);
  expect(refusal(() => second.forCase!(-0.5))).toBe(
    'absRel(0, per case): parameter 2 is -0.5 for this case, not a number >= 0',
  );
  expect(second.forCase!(0.3).name).toBe('absRel(0, 0.3 per case)');
  expect(second.forCase!(0.25).name).toBe('absRel(0, 2^-2 per case)');
  // A value of many digits is shown to 3 significant ones.
  expect(second.forCase!(5.568761480390094e-5).name).toBe('absRel(0, 0.0000557 per case)');
});

test('a per-case policy says how it takes NaNs before its case is known', () => {
  expect(ulp((n: number) => n).nanPayloads).toBe('any');
  expect(absRel(0, (n: number) => n).nanPayloads).toBe('any');
});

test('planted: absRel holds an infinity to the same infinity (rel × |Inf| bounds nothing)', () => {
  const p = absRel(1e-5, 1e-4);
  const at = (e: number, a: number) =>
    p.judge({ storage: 'Float32x4', expected: bitsFromF32(e), actual: bitsFromF32(a) });
  expect(at(Infinity, 1)).toEqual({ ok: false, error: Infinity, note: '1 where Infinity was expected' });
  expect(at(Infinity, -Infinity)).toEqual({
    ok: false,
    error: Infinity,
    note: '-Infinity where Infinity was expected',
  });
  expect(at(1, Infinity)).toMatchObject({ ok: false, error: Infinity });
  expect(at(-Infinity, -Infinity)).toEqual({ ok: true, error: 0 });
});
