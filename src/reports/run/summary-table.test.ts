import { expect, test } from 'vitest';
import { formatNumber } from './summary-table.ts';

test('tolerances read as powers of two, small errors with 3 significant digits', () => {
  expect([1, 0, 2 ** -13, 4.76837158203125e-7, 3e-7, 0.000057220458984375, 1.5].map(formatNumber)).toEqual([
    '1',
    '0',
    '2^-13',
    '2^-21',
    '3.00e-7',
    '0.0000572',
    '1.50',
  ]);
});
