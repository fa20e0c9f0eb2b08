/** The table's rows: figures with their shares, a `*` where the budget ran out, and why a row has none. */
import { expect, test } from 'vitest';
import { kernelTiming } from './timing/statistics.ts';
import { rowLines } from './table.ts';

const at = { kernel: 'blur', size: '4k', backend: 'cuda' };

test('a timed row: medians, noise (* budget), GB/s and its shares of peak and floor, the comparison', () => {
  const r = {
    ...at,
    hot: kernelTiming([10, 10]),
    cold: kernelTiming([20, 22]),
    stop: { hot: 'noise', cold: 'budget' } as const,
    gbPerS: 1000,
    peakGbPerS: 3352.3,
    floorGbPerS: 2500,
  };
  expect(rowLines(r, 'SAME 1.01x [0.99-1.03]')).toBe(
    'blur [cuda]                4k     cuda           10.0    0.0%       21.0   6.7%*    1000.0      30%      40%' +
      '   SAME 1.01x [0.99-1.03]\n',
  );
});

test('an error row says why below; an unsupported one too', () => {
  expect(rowLines({ ...at, error: 'blur [cuda]: launch 1 (blur) faulted' })).toBe(
    'blur [cuda]                4k     cuda          error\n  blur [cuda]: launch 1 (blur) faulted\n',
  );
  expect(rowLines({ ...at, backend: 'echo', unsupported: 'the echo backend has no timer' })).toMatch(
    /^blur \[echo\] +4k +echo +unsupported\n {2}the echo backend has no timer\n$/,
  );
});

test('figures above the floor keep their line and add the error under it', () => {
  const r = {
    ...at,
    hot: kernelTiming([1, 1]),
    cold: kernelTiming([1, 1]),
    gbPerS: 3,
    floorGbPerS: 2,
    error: '150% …',
  };
  expect(rowLines(r).split('\n')).toEqual([expect.stringMatching(/ 150%$/), '  error: 150% …', '']);
});

test('GB/s of declared bytes is marked †; a row whose GB/s undercounts says so below it', () => {
  const r = { ...at, hot: kernelTiming([10, 10]), cold: kernelTiming([20, 20]), gbPerS: 415, floorGbPerS: 830 };
  expect(rowLines({ ...r, bytesDeclared: true })).toMatch(/ {3}415\.0† +- +50%\n$/);
  expect(rowLines({ ...r, note: 'GB/s counts the outputs only (2 x 4.3 KB): …' }).split('\n')).toEqual([
    expect.stringMatching(/ {4}415\.0 +- +50%$/),
    '  note: GB/s counts the outputs only (2 x 4.3 KB): …',
    '',
  ]);
});
