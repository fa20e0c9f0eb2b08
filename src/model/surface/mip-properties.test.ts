/**
 * prgpu's mip descriptor math, swept: sizes (1, 2, 3, odd, 2^k +- 1), level-0
 * pitches in pixels, 4/8/16 bytes per pixel, 0..MAX_MIP levels.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sideArb } from '../arbitraries/sizes.ts';
import { fillMipDesc, MAX_MIP, mipBufferSizeBytes, mipChainBytes, mipLevels } from './mip.ts';

interface Chain {
  readonly w: number;
  readonly h: number;
  readonly pitchPx: number;
  readonly bpp: number;
  readonly levels: number;
}

const chainArb = (pitched: boolean) =>
  fc
    .record({
      w: sideArb(300),
      h: sideArb(300),
      pad: pitched ? fc.integer({ min: 0, max: 64 }) : fc.constant(0),
      bpp: fc.constantFrom(4, 8, 16),
      levels: fc.integer({ min: 0, max: MAX_MIP }),
    })
    .map(({ w, h, pad, bpp, levels }): Chain => ({ w, h, pitchPx: w + pad, bpp, levels }));

const levelsOf = (c: Chain) => mipLevels(c.w, c.h, c.pitchPx * c.bpp, c.bpp, c.levels);
const lastByte = (l: ReturnType<typeof levelsOf>[number], bpp: number) =>
  l.offsetBytes + (l.height - 1) * l.pitchBytes + l.width * bpp - 1;

test('fillMipDesc: the descriptor fields prgpu fills, unused slots zero', () => {
  expect(fillMipDesc(32, 32, 32, 4, 3)).toEqual({
    mipLevelCount: 3,
    mipOffsetBytes: [0, 4096, 5120, 0, 0],
    mipWidth: [32, 16, 8, 0, 0],
    mipHeight: [32, 16, 8, 0, 0],
    mipPitchBytes: [128, 64, 32, 0, 0],
  });
});

test('offsets increase, levels never overlap, every last byte lies inside the buffer twinpath allocates', () => {
  fc.assert(
    fc.property(chainArb(true), (c) => {
      const ls = levelsOf(c);
      const size = mipChainBytes(ls);
      ls.forEach((l, i) => {
        const next = ls[i + 1];
        if (next) {
          expect(next.offsetBytes).toBeGreaterThan(l.offsetBytes);
          expect(l.offsetBytes + l.pitchBytes * l.height).toBeLessThanOrEqual(next.offsetBytes);
        }
        expect(lastByte(l, c.bpp)).toBeLessThan(size);
      });
    }),
    { numRuns: 2000 },
  );
});

const base = (c: Chain) => c.w * c.h * c.bpp;
/** No level is clamped to 1 pixel: every side halves exactly (rounding down) down the chain. */
const unclamped = (c: Chain) => levelsOf(c).every((l) => c.w >> l.level >= 1 && c.h >> l.level >= 1);

test("with a tight level 0 prgpu's size formula is exact, and within base + ceil(base / 3) while no level is clamped", () => {
  fc.assert(
    fc.property(chainArb(false), (c) => {
      expect(mipChainBytes(levelsOf(c))).toBe(mipBufferSizeBytes(c.w, c.h, c.bpp, c.levels));
      if (unclamped(c))
        expect(mipBufferSizeBytes(c.w, c.h, c.bpp, c.levels)).toBeLessThanOrEqual(base(c) + Math.ceil(base(c) / 3));
    }),
    { numRuns: 2000 },
  );
});

test("the seed's '< 4/3 x base' budget does not hold once levels clamp to 1 pixel", () => {
  const d = fc.check(
    fc.property(
      chainArb(false),
      (c) => mipBufferSizeBytes(c.w, c.h, c.bpp, c.levels) <= base(c) + Math.ceil(base(c) / 3),
    ),
    { numRuns: 2000 },
  );
  expect(d.failed).toBe(true);
  const c = d.counterexample![0];
  expect(unclamped(c)).toBe(false);
  expect(c).toMatchObject({ w: 1, h: 1, levels: 2 });
  expect(mipBufferSizeBytes(c.w, c.h, c.bpp, c.levels)).toBe(2 * c.bpp);
});

/** The seed behaviour, in words: prgpu's size formula against the chain its descriptor describes. */
function seedOverrun(c: Chain): string | undefined {
  const ls = levelsOf(c);
  const budget = mipBufferSizeBytes(c.w, c.h, c.bpp, c.levels);
  const over = ls.find((l) => lastByte(l, c.bpp) >= budget);
  if (!over) return undefined;
  return (
    `prgpu 0.1.4 seed behaviour: mip_buffer_size_bytes(${c.w}, ${c.h}, ${c.bpp}, ${c.levels}) = ${budget} treats level 0 as tight, ` +
    `but with pitch_px ${c.pitchPx} > width ${c.w} level ${over.level} ends at byte ${lastByte(over, c.bpp)}: out of bounds unless prepare_mip_source makes level 0 tight`
  );
}

test("prgpu's inconsistency: a pitched level 0 with prgpu's tight size formula overruns, found and shrunk by the property", () => {
  const d = fc.check(
    fc.property(chainArb(true), (c) => seedOverrun(c) === undefined),
    { numRuns: 2000 },
  );
  expect(d.failed).toBe(true);
  const c = d.counterexample![0];
  expect(c.pitchPx).toBeGreaterThan(c.w);
  const message = seedOverrun(c)!;
  console.log(message);
  expect(Math.max(c.w, c.h)).toBeLessThanOrEqual(2);
  expect(message).toMatch(
    /^prgpu 0\.1\.4 seed behaviour: mip_buffer_size_bytes\(1, [12], 4, [0-2]\) = 8 treats level 0 as tight, but with pitch_px 2 > width 1 level [01] ends at byte 11: out of bounds unless prepare_mip_source makes level 0 tight$/,
  );
});
