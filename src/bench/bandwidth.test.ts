/** A figure above 100% of the streaming floor or of the peak is an error, never a result. */
import { expect, test } from 'vitest';
import { bandwidth, gbPerS } from './bandwidth.ts';

test('GB/s is 2 x the bytes per time', () => {
  expect(gbPerS(1e6, 1000)).toBe(2);
});

test('under the floor and the peak: figures, no error', () => {
  expect(bandwidth(1e6, 1000, 4, 10)).toEqual({ gbPerS: 2, floorGbPerS: 4, peakGbPerS: 10 });
});

test('above the floor: an error naming the share and both figures', () => {
  expect(bandwidth(1e6, 1000, 1.25).error).toBe(
    '160% of the streaming floor (2.0 of 1.3 GB/s): a kernel cannot outrun a copy of the bytes it moves; ' +
      'the byte estimate or a timing is wrong',
  );
});

test("above the device's peak: an error, whatever the floor", () => {
  expect(bandwidth(1e6, 1000, 100, 1)!.error).toMatch(/^200% of the device's peak \(2\.0 of 1\.0 GB\/s\)/);
});
