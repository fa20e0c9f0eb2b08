/**
 * Packed data judged per channel: a WGSL `array<u32>` of pack4x8unorm words declared as an output of `unorm8`
 * elements, shape [words, 4], so a wrong channel reads as its own LSBs and place, not as an error over the
 * whole word (docs/kernel-guide.md, "Packed channels").
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { defineKernel, exact, wgsl } from '../../index.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';

/** The bytes pack4x8unorm stores for word x: r = x/255, g = 0.5, b = 1 - r, a = 1. */
function packedOracle(words: number): Uint8Array {
  const rgba = (x: number) => [x % 256, 128, 255 - (x % 256), 255];
  return Uint8Array.from({ length: words * 4 }, (_, i) => rgba(Math.floor(i / 4))[i % 4]!);
}

const plantedAlpha = defineKernel<number>({
  name: 'planted_packed_alpha',
  wgsl: wgsl(import.meta.url, './fixtures/packed-rgba8.wgsl'),
  input: fc.integer({ min: 1, max: 40 }),
  describe: (n) => `${n} words`,
  cpu: packedOracle,
  gpu: (g, n) => {
    const out = g.outputBuffer({ name: 'out', element: 'unorm8', shape: [n, 4] });
    g.dispatch('main', { out }, [n]);
    return out;
  },
  compare: exact(),
});

test("planted: word 5's alpha off by 25 LSB is one wrong channel of the smallest case holding it", async () => {
  const r = await sweep(plantedAlpha, { runs: 30, seed: 1 });
  expect(r.pass).toBe(false);
  const text = renderSweepFailure(r);
  expect(text).toContain('shrunk case: 6 words');
  expect(text).toContain('1 of 24 values differ (policy exact, unorm8 [6,4])');
  expect(text).toContain('worst: [23] (3,5): expected 0xff (1) actual 0xe6 (0.901961) -25 LSB');
}, 60_000);
