/**
 * Contents are codes stored channel after channel into each texel: random
 * ones from one stream, the others from the texel's place or a constant.
 * fillContent's fast loops (whole words per texel, values hoisted out of the
 * loop) write exactly the bytes of that definition, written out here the slow
 * way, for every storage, both layouts, padded pitches and deeper levels.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ALL_FORMATS, bytesPerChannel, memorySlot, unormMax, type PixelFormat } from '../surface/format.ts';
import { bitsFromF32 } from '../surface/texel.ts';
import { textureDesc } from '../surface/desc.ts';
import { createSurface, type Surface } from '../surface/surface.ts';
import { codeStream, contentArb, fillContent, FLOAT_CONTENT_MAX, prng, type ContentSpec } from './contents.ts';

/** The definition: one code at a time (from the stream, or the texel's value), stored at its channel's slot. */
function slowFill(s: Surface, spec: ContentSpec, level: number): void {
  const { storage, layout } = s.desc.format;
  const max = unormMax(storage);
  const next = prng('seed' in spec ? spec.seed : 0);
  const fromUnit = (v: number) => (max === undefined ? bitsFromF32(v) : Math.round(v * max));
  const random =
    max === undefined
      ? () => bitsFromF32((next() / 2 ** 32) * FLOAT_CONTENT_MAX)
      : codeStream(next, max === 255 ? 8 : 16);
  const lv = s.desc.levels[level]!;
  const code = (x: number, y: number, c: number) =>
    spec.kind === 'random'
      ? random()
      : spec.kind === 'extremes'
        ? fromUnit(next() & 1 ? 1 : 0)
        : spec.kind === 'constant'
          ? fromUnit(spec.rgba[c]!)
          : fromUnit([x / lv.width, y / lv.height, 0.5, 1][c]!);
  const bpc = bytesPerChannel(storage);
  for (let y = 0; y < lv.height; y++)
    for (let x = 0; x < lv.width; x++)
      for (let c = 0; c < 4; c++) {
        const at = lv.offsetBytes + y * lv.pitchBytes + x * s.desc.bytesPerPixel + memorySlot(layout, c) * bpc;
        const v = code(x, y, c);
        if (bpc === 1) s.bytes[at] = v;
        else if (bpc === 2) s.view.setUint16(at, v, true);
        else s.view.setUint32(at, v, true);
      }
}

test('contents: the fast loops write the bytes of the code-by-code definition', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<PixelFormat>(...ALL_FORMATS),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 3 }),
      contentArb(),
      fc.integer({ min: 0, max: 1 }),
      (format, width, height, padWords, content, level) => {
        const bpp = format.storage === 'Unorm8x4' ? 4 : format.storage === 'Unorm16x4' ? 8 : 16;
        const desc = textureDesc({ width, height, format, pitchBytes: width * bpp + 4 * padWords });
        const fast = createSurface(desc);
        const slow = createSurface(desc);
        const at = Math.min(level, desc.levels.length - 1);
        fillContent(fast, content, at);
        slowFill(slow, content, at);
        expect(fast.bytes).toEqual(slow.bytes);
      },
    ),
  );
});
