/** The bytes a case moves, and a figure above 100% of the streaming floor or of the peak: an error, never a result. */
import { expect, test } from 'vitest';
import { bandwidth, gbPerS, movedBytes } from './bandwidth.ts';

test('GB/s is the bytes moved per time', () => {
  expect(gbPerS(2e6, 1000)).toBe(2);
});

test('moved bytes: the declared count, else 2 x the outputs', () => {
  expect(movedBytes(1000, 64_000, 65_000)).toEqual({ bytes: 65_000, declared: true });
  expect(movedBytes(1000, 3000)).toEqual({ bytes: 2000, declared: false });
});

test('inputs much larger than the outputs, no count declared: 2 x the outputs, with a note saying so', () => {
  expect(movedBytes(32_400, 64 * 32_400)).toEqual({
    bytes: 64_800,
    declared: false,
    note:
      'GB/s counts the outputs only (2 x 32.4 KB): the inputs are 64x larger. ' +
      'Fix: declare benchBytes(input) in the kernel definition, the bytes a case reads and writes',
  });
  expect(movedBytes(4, 8_294_400).note).toMatch(/^GB\/s counts the outputs only \(2 x 4 B\): the inputs are 2073600x /);
  expect(movedBytes(0, 8_294_400).note).toMatch(/^GB\/s counts the outputs only \(2 x 0 B\): the inputs are far /);
});

test('a declared count that is no count is an error', () => {
  expect(() => movedBytes(1000, 0, -3)).toThrow('benchBytes gave -3: must be a positive number of bytes');
  expect(() => movedBytes(1000, 0, Number.NaN)).toThrow('benchBytes gave NaN: must be a positive number of bytes');
  expect(() => movedBytes(1000, 0, 0)).toThrow('benchBytes gave 0: must be a positive number of bytes');
});

test('under the floor and the peak: figures, no error', () => {
  expect(bandwidth(2e6, 1000, 4, 10)).toEqual({ gbPerS: 2, floorGbPerS: 4, peakGbPerS: 10 });
});

test('above the floor: an error naming the share and both figures', () => {
  expect(bandwidth(2e6, 1000, 1.25).error).toBe(
    '160% of the streaming floor (2.0 of 1.3 GB/s): a kernel cannot outrun a copy of the bytes it moves; ' +
      'the byte estimate or a timing is wrong',
  );
});

test("above the device's peak: an error, whatever the floor", () => {
  expect(bandwidth(2e6, 1000, 100, 1)!.error).toMatch(/^200% of the device's peak \(2\.0 of 1\.0 GB\/s\)/);
});
