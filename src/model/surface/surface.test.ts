import { expect, test } from 'vitest';
import { textureDesc } from './desc.ts';
import { ALL_FORMATS, bytesPerPixel, formatName } from './format.ts';
import { cloneSurface, createSurface, describeSurface, texelRanges, wrapSurface } from './surface.ts';
import { encodeRound, loadTexel, readCode, storeTexel, storeTexelRounded, bitsFromF32 } from './texel.ts';

const rgba8 = { storage: 'Unorm8x4', layout: 'Rgba' } as const;

test('formats: the default sweep set and bytes per pixel of every storage', () => {
  expect(ALL_FORMATS.map(formatName)).toEqual([
    'Unorm8x4/Rgba',
    'Unorm8x4/Bgra',
    'Unorm16x4/Rgba',
    'Unorm16x4/Bgra',
    'Float32x4/Rgba',
    'Float32x4/Bgra',
  ]);
  expect((['Unorm8x4', 'Float32x1', 'Unorm16x4', 'Float32x4'] as const).map(bytesPerPixel)).toEqual([4, 4, 8, 16]);
});

test('a surface from options or from a desc; over bytes at least as long as the chain', () => {
  const fromOptions = createSurface({ width: 3, height: 2, format: rgba8, levels: 2 });
  expect(fromOptions.desc.levels).toHaveLength(2);
  expect(fromOptions.bytes.length).toBe(3 * 2 * 4 + 1 * 1 * 4);
  const desc = textureDesc({ width: 3, height: 2, format: rgba8, pitchBytes: 16 });
  expect(createSurface(desc).desc).toBe(desc);
  expect(() => wrapSurface(desc, new Uint8Array(31))).toThrow('Surface: 31 bytes given, the chain needs 32');
  const longer = wrapSurface(desc, new Uint8Array(40));
  expect(longer.view.byteLength).toBe(40);
  const copy = cloneSurface(longer);
  copy.bytes[0] = 9;
  expect(longer.bytes[0]).toBe(0);
});

test('describing a surface, and its texel ranges per level', () => {
  expect(describeSurface(textureDesc({ width: 3, height: 2, format: rgba8 }))).toBe(
    '3x2 Unorm8x4/Rgba pitch 12 (tight) levels 1',
  );
  const padded = textureDesc({
    width: 3,
    height: 2,
    format: { storage: 'Float32x4', layout: 'Bgra' },
    pitchBytes: 64,
    levels: 2,
  });
  expect(describeSurface(padded)).toBe('3x2 Float32x4/Bgra pitch 64 levels 2');
  expect(texelRanges(padded, [0, 1])).toEqual([
    [0, 48],
    [64, 112],
    [128, 144],
  ]);
});

test('sizes must be whole and at least 1x1, in each dimension', () => {
  expect(() => textureDesc({ width: 2.5, height: 2, format: rgba8 })).toThrow(
    'TextureDesc: size 2.5x2 must be whole and at least 1x1',
  );
  expect(() => textureDesc({ width: 2, height: 1.5, format: rgba8, pitchBytes: 8 })).toThrow(
    'TextureDesc: size 2x1.5 must be whole and at least 1x1',
  );
  expect(() => textureDesc({ width: 2, height: 0, format: rgba8 })).toThrow('must be whole and at least 1x1');
  expect(() => textureDesc({ width: 2, height: 2, format: rgba8, pitchBytes: 4 })).toThrow(
    'TextureDesc: pitchBytes 4 is below width * bpp = 8',
  );
});

test('rounding stores: to nearest, saturating, NaN to 0; floats keep their bits', () => {
  expect([0.5, 127.4 / 255, 127.6 / 255, 2, -1, NaN].map((v) => encodeRound('Unorm8x4', v))).toEqual([
    128, 127, 128, 255, 0, 0,
  ]);
  expect(encodeRound('Unorm16x4', 0.5)).toBe(32768);
  expect(encodeRound('Float32x4', -2.5)).toBe(bitsFromF32(-2.5));
  const s = createSurface({ width: 1, height: 1, format: { storage: 'Unorm8x4', layout: 'Bgra' } });
  storeTexelRounded(s, 0, 0, 0, [0.5, 0, 1, 0.25]);
  expect([...s.bytes]).toEqual([255, 0, 128, 64]);
  expect([0, 1, 2, 3].map((c) => readCode(s, 0, 0, 0, c))).toEqual([128, 0, 255, 64]);
});

test('rgba helpers refuse single-channel surfaces, naming the helper', () => {
  const one = createSurface({ width: 1, height: 1, format: { storage: 'Float32x1', layout: 'Rgba' } });
  expect(() => loadTexel(one, 0, 0, 0)).toThrow(
    'loadTexel reads and writes rgba; Float32x1 is single-channel: use readCode/writeCode',
  );
  expect(() => storeTexel(one, 0, 0, 0, [0, 0, 0, 0])).toThrow(
    'storeTexel reads and writes rgba; Float32x1 is single-channel',
  );
  expect(() => storeTexelRounded(one, 0, 0, 0, [0, 0, 0, 0])).toThrow(
    'storeTexelRounded reads and writes rgba; Float32x1 is single-channel',
  );
});
