/**
 * uploadInput: each kind of input a backend reports becomes what the page decodes — a surface an image of its
 * levels in logical channel order, a packed texture its 32-bit words, a byte buffer its data without the guard
 * band after it.
 */
import { expect, test } from 'vitest';
import { GUARD_BYTES } from '../../model/canary.ts';
import { createSurface } from '../../model/surface/surface.ts';
import { writeCode } from '../../model/surface/texel.ts';
import { uploadInput } from './case-inputs.ts';
import type { BufferOutputInput, ImageOutputInput } from './failure-input.ts';

test('a BGRA surface buffer is an image of its levels, channels r, g, b, a whatever the memory order', () => {
  const s = createSurface({ width: 2, height: 1, format: { storage: 'Unorm8x4', layout: 'Bgra' }, levels: 2 });
  writeCode(s, 1, 0, 0, 0, 200); // red of texel (1, 0), stored third in memory
  const out = uploadInput({ label: 'surface 1', uploaded: s.bytes, desc: s.desc }) as ImageOutputInput;
  expect(out).toMatchObject({ kind: 'image', format: 'Unorm8x4', element: 'unorm8', asUploaded: true });
  expect(out.channels).toEqual(['r', 'g', 'b', 'a']);
  expect(out.levels.map((l) => [l.level, l.width, l.height])).toEqual([
    [0, 2, 1],
    [1, 1, 1],
  ]);
  expect(out.levels[0]!.actual[4]).toBe(200);
  expect([...out.levels[0]!.refused]).toEqual(new Array(8).fill(0));
});

test('a packed format (rgb10a2unorm) cannot be split into equal channels: its texels as 32-bit words', () => {
  const texture = { format: 'rgb10a2unorm', level: 0, width: 2, height: 1, images: 1, dimension: '2d' } as const;
  const uploaded = new Uint8Array(Uint32Array.from([0xc0000001, 7]).buffer);
  const out = uploadInput({ label: 'texture 1 (rgb10a2unorm) level 0', uploaded, texture }) as BufferOutputInput;
  expect(out).toMatchObject({ kind: 'buffer', format: 'rgb10a2unorm', element: 'uint32', shape: [1, 2] });
  expect([...out.actual]).toEqual([0xc0000001, 7]);
});

test('a byte buffer shows its data, not the guard band the backend put after it', () => {
  const uploaded = new Uint8Array(3 + GUARD_BYTES).fill(0xa5);
  uploaded.set([1, 2, 3]);
  const out = uploadInput({ label: 'buffer 2', uploaded }) as BufferOutputInput;
  expect(out).toMatchObject({ kind: 'buffer', format: 'u8', element: 'uint8' });
  expect([...out.actual]).toEqual([1, 2, 3]);
});
