import { expect, test } from 'vitest';
import { frameParamsStruct, packTextureDesc, textureDesc, textureDescStruct } from './desc.ts';
import { layoutStruct } from '../layout/rules.ts';
import { MAX_MIP, mipBufferSizeBytes, mipChainBytes, mipLevelCount, mipLevels, mipLevelSize } from './mip.ts';

test("prgpu's unit-test anchor: 32x32, bpp 4, 3 levels (docs/facts.md#textures)", () => {
  const levels = mipLevels(32, 32, 128, 4, 3);
  expect(levels.map((l) => l.offsetBytes)).toEqual([0, 4096, 5120]);
  expect(levels.map((l) => l.pitchBytes)).toEqual([128, 64, 32]);
  expect(mipBufferSizeBytes(32, 32, 4, 3)).toBe((1024 + 256 + 64) * 4);
  expect(mipChainBytes(levels)).toBe((1024 + 256 + 64) * 4);
});

test('odd sizes round down to at least 1; level counts clamp to 1..MAX_MIP', () => {
  expect(mipLevelSize(5, 3, 1)).toEqual({ width: 2, height: 1 });
  expect(mipLevelSize(5, 3, 3)).toEqual({ width: 1, height: 1 });
  expect([0, 1, 2, 9].map((n) => mipLevelCount(n))).toEqual([1, 1, 2, MAX_MIP]);
  expect(mipLevelCount(9, 7)).toBe(7);
});

test('a pitched level 0 keeps its pitch and pushes level 1 to pitch * height', () => {
  const levels = mipLevels(3, 2, 256, 4, 2);
  expect(levels[1]).toEqual({ level: 1, width: 1, height: 1, pitchBytes: 4, offsetBytes: 512 });
  expect(mipChainBytes(levels)).toBe(516);
  expect(mipBufferSizeBytes(3, 2, 4, 2)).toBe(28);
});

test('TextureDesc is 112 bytes at MAX_MIP 5, 148 at 7 with flipY; FrameParams 352 (docs/facts.md#textures)', () => {
  expect(layoutStruct(textureDescStruct()).size).toBe(112);
  expect(layoutStruct(textureDescStruct(7, { flipY: true })).size).toBe(148);
  expect(layoutStruct(textureDescStruct(7, { flipY: true })).members[7]).toMatchObject({ name: 'flipY', offset: 28 });
  expect(layoutStruct(frameParamsStruct()).size).toBe(352);
  expect(layoutStruct(frameParamsStruct()).members.map((m) => m.offset)).toEqual([0, 112, 224, 336, 340, 344, 348]);
});

test('TextureDesc packs in prgpu field order', () => {
  const d = textureDesc({
    width: 5,
    height: 3,
    format: { storage: 'Unorm16x4', layout: 'Bgra' },
    pitchBytes: 48,
    levels: 2,
    addressMode: 'Mirror',
  });
  expect([...new Uint32Array(packTextureDesc(d).buffer)]).toEqual([
    5, 3, 48, 8, 1, 1, 2, 2, 0, 144, 0, 0, 0, 5, 2, 0, 0, 0, 3, 1, 0, 0, 0, 48, 16, 0, 0, 0,
  ]);
});

test('descriptors refuse what the GPU cannot address', () => {
  const format = { storage: 'Float32x4', layout: 'Rgba' } as const;
  expect(() => textureDesc({ width: 2, height: 1, format, pitchBytes: 24 })).toThrow(
    'TextureDesc: pitchBytes 24 is below width * bpp = 32',
  );
  expect(() => textureDesc({ width: 2, height: 1, format, pitchBytes: 34 })).toThrow(
    'TextureDesc: pitchBytes 34 is not a multiple of 4',
  );
  expect(() => textureDesc({ width: 0, height: 1, format })).toThrow('at least 1x1');
});
