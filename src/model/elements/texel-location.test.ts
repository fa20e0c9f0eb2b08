import { expect, test } from 'vitest';
import { textureByteText } from './texel-location.ts';

test('a byte of an rgba8unorm array texture is located by level, layer, texel and channel', () => {
  const t = { format: 'rgba8unorm', width: 4, height: 3, images: 2, level: 1 };
  // Layer 1 starts at 4 * 3 texels of 4 bytes; texel (3,2) of it is 11 texels on, green its second byte.
  expect(textureByteText(t, (12 + 11) * 4 + 1)).toBe('level 1 layer 1 texel (3,2) channel g');
  expect(textureByteText(t, 0)).toBe('level 1 layer 0 texel (0,0) channel r');
});

test('channels in memory order (bgra8unorm), depth slices of a 3D texture, and the default level 0', () => {
  expect(textureByteText({ format: 'bgra8unorm', width: 2, height: 1, images: 3, volume: true }, 2 * 4 * 2 + 4)).toBe(
    'level 0 slice 2 texel (1,0) channel b',
  );
});

test('a wide channel (rgba16float) and a byte two packed channels share (rgb10a2unorm) are named whole', () => {
  expect(textureByteText({ format: 'rgba16float', width: 1, height: 1, images: 1 }, 5)).toBe(
    'level 0 layer 0 texel (0,0) channel b',
  );
  // Byte 3 holds bits 24..31: the last 6 bits of b (20..29) and a (30..31).
  expect(textureByteText({ format: 'rgb10a2unorm', width: 1, height: 1, images: 1 }, 3)).toBe(
    'level 0 layer 0 texel (0,0) channel b/a',
  );
});
