import { expect, test } from 'vitest';
import { copyLayout } from '../elements/row-pitch.ts';
import { encodeTexel } from '../elements/texel-codec.ts';
import { TEXTURE_FORMATS, textureFormat } from '../elements/texture-formats.ts';
import { renderElementComparison } from './elements.ts';
import { exact, ulp } from './policy.ts';
import { compareTextures, texelElements } from './texels.ts';

test('every format whose channels share an encoding reads as typed elements, channels in memory order', () => {
  expect(texelElements('bgra8unorm')).toEqual({ type: 'unorm8', channels: ['b', 'g', 'r', 'a'] });
  expect(texelElements('rgba16float')).toEqual({ type: 'f16', channels: ['r', 'g', 'b', 'a'] });
  expect(texelElements('rgba8unorm-srgb').type).toBe('unorm8');
  expect(texelElements('r32uint')).toEqual({ type: 'u32', channels: ['r'] });
  expect(texelElements('rgba8snorm').type).toBe('snorm8');
  const packed = Object.keys(TEXTURE_FORMATS).filter((n) => {
    try {
      texelElements(n);
      return false;
    } catch {
      return true;
    }
  });
  expect(packed).toEqual(['rgb10a2unorm', 'rgb10a2uint', 'rg11b10ufloat']);
  expect(() => texelElements('rgb10a2unorm')).toThrow(
    'rgb10a2unorm packs channels of different widths (unorm10, unorm10, unorm10, unorm2): compare its 32-bit words',
  );
});

test('a padded bgra8unorm readback: the mismatch is located at its texel and channel, padding ignored', () => {
  const f = textureFormat('bgra8unorm');
  const layout = copyLayout(f, 3, 2);
  const expected = new Uint8Array(layout.bufferBytes);
  for (let y = 0; y < 2; y++)
    for (let x = 0; x < 3; x++) encodeTexel(f, expected, y * layout.bytesPerRow + x * 4, [1, 0.5, 0, 1]);
  const actual = expected.slice();
  actual[layout.bytesPerRow + 2 * 4 + 2] = 0; // texel (2,1), memory slot 2 = r
  actual[100] = 0xee; // row padding
  const r = compareTextures(expected, actual, { format: f, width: 3, height: 2, layout, policy: exact() });
  expect(r).toMatchObject({ pass: false, compared: 24, mismatches: 1 });
  expect(renderElementComparison(r)).toContain('worst: [22] (2,1) r: expected 0xff (1) actual 0x00 (0) -255 LSB');
});

test('rgba16float layers: f16 ULPs, locations (x,y,z)', () => {
  const f = textureFormat('rgba16float');
  const expected = new Uint8Array(2 * 2 * 1 * 8);
  for (let t = 0; t < 4; t++) encodeTexel(f, expected, t * 8, [0.25, 1, 2, 1]);
  const actual = expected.slice();
  actual[3 * 8 + 2] = actual[3 * 8 + 2]! + 3; // layer 1, texel (1,0), g
  const r = compareTextures(expected, actual, { format: f, width: 2, height: 1, images: 2, policy: ulp(2) });
  expect(r.worst).toMatchObject({ location: { x: 1, y: 0, z: 1, channel: 'g' }, error: 3 });
  expect(r.pass).toBe(false);
});
