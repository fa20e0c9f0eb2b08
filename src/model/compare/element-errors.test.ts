/**
 * elementErrorMap refuses exactly the elements compareElements counts as
 * mismatches, with the same errors, and never judges a don't-care element.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ELEMENT_TYPES } from '../elements/element-types.ts';
import { elementErrorMap } from './element-errors.ts';
import { compareElements } from './elements.ts';
import { ulp } from './policy.ts';

test("the per-element map agrees with the comparison: refusals, worst error, don't-care", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 0x7f7fffff }), fc.integer({ min: -6, max: 6 }), fc.boolean()), {
        minLength: 1,
        maxLength: 64,
      }),
      (cells) => {
        const expected = Uint32Array.from(cells, ([bits]) => bits);
        const actual = Uint32Array.from(cells, ([bits, d]) => Math.max(0, bits + d));
        const dontCare = Uint8Array.from(cells, ([, , dc]) => (dc ? 1 : 0));
        const policy = ulp(2);
        const r = compareElements(expected, actual, { type: 'f32', policy, dontCare });
        const m = elementErrorMap(expected, actual, { type: ELEMENT_TYPES.f32, policy, dontCare });
        expect(m.refused.reduce((n, v) => n + v, 0)).toBe(r.mismatches);
        m.refused.forEach((v, i) => v && expect(dontCare[i], `element ${i}`).toBe(0));
        const worst = Math.max(0, ...m.errors.map(Math.abs));
        expect(worst).toBe(r.stats.maxAbs);
        if (dontCare.some((v) => v)) expect([...m.dontCare!]).toEqual([...dontCare]);
      },
    ),
    { numRuns: 200 },
  );
});
