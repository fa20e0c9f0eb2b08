/** A saved bench as a baseline: rows matched, refused files, the regression gate and the summary line. */
import { expect, test } from 'vitest';
import type { BenchRow } from '../bench-row.ts';
import { benchSummary } from '../run-bench.ts';
import { baselineRows, compareRow, comparisonText, isRegression } from './baseline.ts';

const row = (backend: string, hotSamples?: number[]): BenchRow => ({
  kernel: 'blur',
  size: '4k',
  backend,
  ...(hotSamples ? { hotSamples } : {}),
});
const steady = (us: number) => Array.from({ length: 10 }, (_, i) => us * (1 + 0.001 * i));

test('a row against its baseline row: the verdict, its text, and the gate beyond PCT', () => {
  const c = compareRow(row('cuda', steady(200)), [row('wgsl', steady(50)), row('cuda', steady(100))], {});
  expect(comparisonText(c)).toBe('SLOWER 2.00x [1.99-2.01]');
  expect(isRegression(c, 10)).toBe(true);
  expect(isRegression(c, 150)).toBe(false);
  expect(isRegression(compareRow(row('cuda', steady(50)), [row('cuda', steady(100))], {}), 10)).toBe(false);
});

test('no baseline row, or one without samples, is said, never a verdict', () => {
  expect(comparisonText(compareRow(row('cpp', steady(1)), [row('cuda', steady(1))], {}))).toBe('- (no baseline row)');
  expect(comparisonText(compareRow(row('cuda', steady(1)), [row('cuda')], {}))).toBe('- (no samples in the baseline)');
});

test('a file that is not a saved bench is refused', () => {
  expect(() => baselineRows('{"results": []}', 'b.json')).toThrow(
    'b.json: not a saved bench (no rows); make one with twinpath bench --save',
  );
  expect(() => baselineRows('not json', 'b.json')).toThrow('b.json: not a saved bench');
  expect(baselineRows('{"rows": []}', 'b.json')).toEqual([]);
});

test('the summary counts rows, errors, unsupported and regressions', () => {
  const rows = [row('wgsl'), { ...row('cuda'), error: 'x' }, { ...row('cpp'), unsupported: 'y' }];
  expect(benchSummary({ rows, errors: 1, unsupported: 1, regressions: 1 }, 10)).toBe(
    'twinpath bench: 3 rows: 1 timed, 1 unsupported, 1 error; 1 SLOWER by more than 10%\n',
  );
});
