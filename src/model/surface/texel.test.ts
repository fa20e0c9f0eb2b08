import { expect, test } from 'vitest';
import { createSurface } from './surface.ts';
import { encodeTruncate, loadTexel, readCode, storeTexel } from './texel.ts';

test('Bgra swaps r and b in memory; Unorm16 stores the low half first', () => {
  const s = createSurface({ width: 1, height: 1, format: { storage: 'Unorm16x4', layout: 'Bgra' } });
  storeTexel(s, 0, 0, 0, [1, 0.5, 0, 0.25]);
  expect([...s.bytes]).toEqual([0x00, 0x00, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x3f]);
  expect(readCode(s, 0, 0, 0, 0)).toBe(0xffff);
  expect(loadTexel(s, 0, 0, 0)).toEqual([1, Math.fround(0x7fff / 0xffff), 0, Math.fround(0x3fff / 0xffff)]);
});

test('unorm stores truncate like prgpu, saturating; floats keep their bits', () => {
  expect(encodeTruncate('Unorm8x4', 0.999)).toBe(254);
  expect(encodeTruncate('Unorm8x4', 2)).toBe(255);
  expect(encodeTruncate('Unorm8x4', -1)).toBe(0);
  expect(encodeTruncate('Float32x4', 1)).toBe(0x3f800000);
});
