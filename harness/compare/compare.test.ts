import { expect, test } from 'vitest';
import { textureDesc } from '../surface/desc.ts';
import { cloneSurface, createSurface } from '../surface/surface.ts';
import { writeCode } from '../surface/texel.ts';
import { compareSurfaces, renderComparison } from './compare.ts';
import { exact, unormNearTie } from './policy.ts';

const desc = textureDesc({ width: 3, height: 2, format: { storage: 'Unorm8x4', layout: 'Bgra' }, levels: 2 });

test('one record: counts, per-channel stats, worst location and the first mismatches', () => {
  const expected = createSurface(desc);
  const actual = cloneSurface(expected);
  writeCode(actual, 2, 1, 0, 0, 5);
  writeCode(actual, 0, 0, 1, 2, 0xff);
  const r = compareSurfaces(expected, actual, { policy: exact(), levels: [0, 1] });
  expect(r).toMatchObject({ pass: false, compared: (6 + 1) * 4, mismatches: 2, unit: 'LSB', format: 'Unorm8x4/Bgra' });
  expect(r.worst).toMatchObject({ level: 1, x: 0, y: 0, channel: 'b', expectedHex: '0x00', actualHex: '0xff', error: 255 });
  expect(r.channels.r).toMatchObject({ maxAbs: 5, mismatches: 1 });
  expect(r.first.map((v) => `${v.level}:${v.x},${v.y}${v.channel}`)).toEqual(['0:2,1r', '1:0,0b']);
  expect(renderComparison(r)).toBe(
    [
      '2 of 28 values differ (policy exact, Unorm8x4/Bgra)',
      '  worst: level 1 (0,0) b: expected 0x00 (0) actual 0xff (1) +255 LSB',
      '  channel  mismatches  max |err|  mean |err|  bias (LSB)',
      '  r        1           5          0.714286    +0.714286',
      '  g        0           0          0           0',
      '  b        1           255        36.4286     +36.4286',
      '  a        0           0          0           0',
      '  first mismatches:',
      '    level 0 (2,1) r: expected 0x00 (0) actual 0x05 (0.0196078) +5 LSB',
      '    level 1 (0,0) b: expected 0x00 (0) actual 0xff (1) +255 LSB',
    ].join('\n'),
  );
});

test('only the given levels are compared; the exact values reach the policy', () => {
  const expected = createSurface(desc);
  const actual = cloneSurface(expected);
  writeCode(actual, 0, 0, 1, 0, 1);
  expect(compareSurfaces(expected, actual, { policy: exact(), levels: [0] }).pass).toBe(true);
  const onBoundary = new Float64Array(4).fill(1 / 255);
  const r = compareSurfaces(expected, actual, { policy: unormNearTie(2 ** -20), levels: [1], exact: { rounding: 'truncate', levels: [undefined, onBoundary] } });
  expect(r.pass).toBe(true);
  expect(r.worst?.error).toBe(1);
  expect(renderComparison(r)).toBe('4 values match (policy unormNearTie(2^-20), Unorm8x4/Bgra)');
});

test('single-channel Float32x1: one channel compared and reported', () => {
  const d = textureDesc({ width: 2, height: 1, format: { storage: 'Float32x1', layout: 'Rgba' } });
  const expected = createSurface(d);
  const actual = cloneSurface(expected);
  writeCode(actual, 1, 0, 0, 0, 0x80000000);
  const r = compareSurfaces(expected, actual, { policy: exact(), levels: [0] });
  expect(r).toMatchObject({ compared: 2, mismatches: 1, unit: 'ULP' });
  expect(Object.keys(r.channels)).toEqual(['r']);
  expect(renderComparison(r)).toContain('level 0 (1,0) r: expected 0x00000000 (0) actual 0x80000000 (0) 0 ULP; equal values, different bits: signed zero');
});
