import { expect, test } from 'vitest';
import { histInvert, rgbGain } from '../../fixtures/kernels/model-kernels.ts';
import { ONE_OUTPUT, kernelSummary } from './kernel-summary.ts';

test('a kernel with a policy per output lists those outputs; one with a single policy lists one, unnamed', () => {
  expect(kernelSummary(histInvert).outputs).toEqual(['image', 'hist']);
  expect(kernelSummary(rgbGain).outputs).toEqual([ONE_OUTPUT]);
});
