/** A changed texture level is located by image, texel and channel; codes and values decoded by the format table. */
import { expect, test } from 'vitest';
import { texelChange, type TexelLevel } from './texel-change.ts';

const level = (format: string, o: Partial<TexelLevel> = {}): TexelLevel => ({
  format,
  level: 0,
  width: 3,
  height: 2,
  images: 1,
  dimension: '2d',
  ...o,
});

test('equal readbacks: no change', () => {
  expect(texelChange(level('rgba8unorm'), new Uint8Array(24), new Uint8Array(24))).toBeUndefined();
});

test('rgba8unorm, layer 1: the first changed texel, only its changed channels, and the count', () => {
  const t = level('rgba8unorm', { level: 2, images: 2 });
  const before = new Uint8Array(48);
  const after = before.slice();
  after[24 + 4 * 4 + 1] = 0x80; // layer 1, texel (1, 1), g
  after[24 + 4 * 4 + 3] = 0xff; // and a
  after[47] = 1; // layer 1, texel (2, 1), a
  expect(texelChange(t, before, after)).toBe(
    'level 2 layer 1 texel (1, 1): g 0x00 (0) then 0x80 (0.501961), a 0x00 (0) then 0xff (1); ' +
      '2 texels differ (rgba8unorm)',
  );
});

test('bgra8unorm names channels as a shader sees them; a 3D level counts slices', () => {
  const t = level('bgra8unorm', { width: 1, height: 1, images: 2, dimension: '3d' });
  const before = new Uint8Array(8);
  const after = before.slice();
  after[4] = 0xff; // slice 1, memory byte 0: blue
  expect(texelChange(t, before, after)).toBe(
    'level 0 slice 1 texel (0, 0): b 0x00 (0) then 0xff (1); 1 texel differs (bgra8unorm)',
  );
});

test('rgba16float: f16 codes decoded exactly', () => {
  const t = level('rgba16float', { width: 1, height: 1 });
  const before = new Uint8Array(8);
  const after = before.slice();
  after.set([0x00, 0x3c], 2); // g = 1.0
  expect(texelChange(t, before, after)).toBe(
    'level 0 layer 0 texel (0, 0): g 0x0000 (0) then 0x3c00 (1); 1 texel differs (rgba16float)',
  );
});
