/**
 * Inputs a case changed, located without a GPU: bytes of a plain buffer, of a typed array (by element, then its
 * guard band), of a surface (level, row, texel and channel, in either memory layout; padding; the guard band) and
 * of a texture level (decoded texel); at most 8 runs listed, 8 bytes of each shown, every changed byte counted.
 */
import { expect, test } from 'vitest';
import type { InputCheck } from '../../model/output/run.ts';
import { textureDesc } from '../../model/surface/desc.ts';
import type { PixelFormat } from '../../model/surface/format.ts';
import { inputChanges, renderInputChange, surfaceByteText } from './input-changes.ts';

/** An input of `n` bytes 0, 1, 2…, found after the case with the bytes at `changed` set to 0xff. */
function input(n: number, changed: readonly number[], o: Partial<InputCheck> = {}): InputCheck {
  const uploaded = Uint8Array.from({ length: n }, (_, i) => i);
  const after = uploaded.slice();
  for (const i of changed) after[i] = 0xff;
  return { label: 'buffer 1', uploaded, after, ...o };
}

// 2x2 with 4 bytes of padding per row (pitch 12), 2 levels: level 0 rows at 0 and 12, level 1 at 24, chain end 28.
const surface = (format: PixelFormat) => textureDesc({ width: 2, height: 2, format, pitchBytes: 12, levels: 2 });
const rgba8 = surface({ storage: 'Unorm8x4', layout: 'Rgba' });

test('inputs left as uploaded are not listed; a changed one is, with its runs', () => {
  const same = input(8, []);
  const changes = inputChanges([same, input(8, [2, 3, 6], { label: 'buffer 2' })]);
  expect(changes).toStrictEqual([
    {
      label: 'buffer 2',
      bufferBytes: 8,
      changedBytes: 3,
      runs: [
        { offset: 2, bytes: 2, where: 'byte 2', uploaded: '02 03', after: 'ff ff' },
        { offset: 6, bytes: 1, where: 'byte 6', uploaded: '06', after: 'ff' },
      ],
    },
  ]);
  expect(inputChanges([same])).toEqual([]);
  expect(renderInputChange(changes[0]!)).toBe(
    'input buffer 2 changed at byte 2 (buffer offset 2): 0x02 then 0xff; 3 bytes differ ' +
      '(a write through a wrong or aliased binding?)',
  );
});

test('at most 8 runs are listed and 8 bytes of a run shown; every changed byte is counted', () => {
  const tenRuns = inputChanges([input(32, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18])])[0]!;
  expect(tenRuns.runs.map((r) => r.offset)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
  expect(tenRuns.changedBytes).toBe(10);
  const long = inputChanges([input(16, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12])])[0]!;
  expect(long.runs).toEqual([
    { offset: 3, bytes: 10, where: 'byte 3', uploaded: '03 04 05 06 07 08 09 0a', after: 'ff ff ff ff ff ff ff ff' },
  ]);
});

test('a typed array is located by element, byte in the element, then its guard band', () => {
  const f32 = { bytes: 4, count: 3 };
  const [c] = inputChanges([input(16, [6, 13], { element: f32 })]);
  expect(c).toMatchObject({ elements: f32, changedBytes: 2 });
  expect(c!.runs.map(({ where, element }) => ({ where, element }))).toEqual([
    { where: 'element 1 byte 2', element: 1 },
    { where: 'guard band byte 1', element: 3 },
  ]);
  expect(renderInputChange(c!)).toBe(
    'input buffer 1 changed at element 1 byte 2 (buffer offset 6): 0x06 then 0xff; 2 bytes differ ' +
      '(a write through a wrong or aliased binding?)',
  );
  const u8 = inputChanges([input(8, [5], { element: { bytes: 1, count: 6 } })])[0]!.runs[0]!;
  expect(u8).toMatchObject({ where: 'element 5', element: 5 });
});

test('a surface is located by level, row and byte, its texel and channel; padding and guard band have no texel', () => {
  const runs = inputChanges([input(36, [17, 20, 26, 30], { desc: rgba8 })])[0]!.runs;
  expect(runs.map(({ where, texel }) => ({ where, texel }))).toStrictEqual([
    { where: 'level 0 row 1 byte 5', texel: { level: 0, x: 1, y: 1, channel: 'g' } },
    { where: 'level 0 row 1 byte 8 (padding)', texel: undefined },
    { where: 'level 1 row 0 byte 2', texel: { level: 1, x: 0, y: 0, channel: 'b' } },
    { where: 'guard band byte 2', texel: undefined },
  ]);
  expect(runs.filter((r) => 'texel' in r)).toHaveLength(2);
  expect(surfaceByteText(rgba8, 28)).toBe('guard band byte 0');
});

test('a surface channel follows the memory layout and the channel width', () => {
  const channel = (format: PixelFormat, at: number) =>
    inputChanges([input(64, [at], { desc: surface(format) })])[0]!.runs[0]!.texel;
  // Bgra keeps b in slot 0 and r in slot 2.
  expect(channel({ storage: 'Unorm8x4', layout: 'Bgra' }, 0)).toEqual({ level: 0, x: 0, y: 0, channel: 'b' });
  expect(channel({ storage: 'Unorm8x4', layout: 'Bgra' }, 6)).toEqual({ level: 0, x: 1, y: 0, channel: 'r' });
  const f32 = textureDesc({ width: 1, height: 1, format: { storage: 'Float32x4', layout: 'Rgba' }, levels: 1 });
  expect(inputChanges([input(32, [9], { desc: f32 })])[0]!.runs[0]!.texel).toEqual({
    level: 0,
    x: 0,
    y: 0,
    channel: 'b',
  });
});

test('a texture level is located by its decoded texel', () => {
  const texture = { format: 'rgba8unorm', level: 0, width: 2, height: 1, images: 1, dimension: '2d' } as const;
  const [c] = inputChanges([input(8, [5], { label: 'texture (rgba8unorm)', texture })]);
  expect(c!.texel).toBe('level 0 layer 0 texel (1, 0): g 0x05 (0.0196078) then 0xff (1); 1 texel differs (rgba8unorm)');
  expect(renderInputChange(c!)).toBe(`input texture (rgba8unorm) changed at ${c!.texel}`);
  expect('texel' in inputChanges([input(8, [5])])[0]!).toBe(false);
});
