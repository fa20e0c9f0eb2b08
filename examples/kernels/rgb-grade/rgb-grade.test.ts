import { checkLayout, parityTest, renderLayoutCheck, runCase } from 'twinpath';
import { expect, test } from 'vitest';
import { GRADE_PARAMS, rgbGrade } from './kernel.ts';

parityTest(rgbGrade);

test('1x1 cases pass: arrayLength counts the pixel alone, the guard band lies inside the binding', async () => {
  const r = await runCase(rgbGrade, { width: 1, height: 1, seed: 7, exposure: 1, gain: [1, 0.5, 2] });
  expect(r.outcome, r.error).toBe('pass');
  expect(r.protection).toEqual({ pixels: 'guard-inside', params: 'guard-inside' });
});

test('GradeParams: TS, the composed WGSL and the GPU agree', async () => {
  const c = await checkLayout({ ts: GRADE_PARAMS, wgsl: rgbGrade.wgsl });
  expect(c.pass, renderLayoutCheck(c)).toBe(true);
});
