/**
 * Packed data judged per channel: a WGSL `array<u32>` of pack4x8unorm words declared as an output of `unorm8`
 * elements, shape [1, words, 4], so a wrong channel reads as its own LSBs, place and channel name (r, g, b, a, or
 * the names the output gives), not as an error over the whole word (docs/kernel-guide.md, "Packed channels").
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { defineKernel, exact, wgsl } from '../../index.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { elementOutputStart } from '../../model/output/element-output.ts';

/** The bytes pack4x8unorm stores for word x: r = x/255, g = 0.5, b = 1 - r, a = 1. */
function packedOracle(words: number): Uint8Array {
  const rgba = (x: number) => [x % 256, 128, 255 - (x % 256), 255];
  return Uint8Array.from({ length: words * 4 }, (_, i) => rgba(Math.floor(i / 4))[i % 4]!);
}

/** The planted kernel with its output declared `[1, words, 4]`, channels named `channels` (default r, g, b, a). */
const plantedAlpha = (channels?: readonly string[], name = 'planted_packed_alpha') =>
  defineKernel<number>({
    name,
    wgsl: wgsl(import.meta.url, './fixtures/packed-rgba8.wgsl'),
    input: fc.integer({ min: 1, max: 40 }),
    describe: (n) => `${n} words`,
    cpu: packedOracle,
    gpu: (g, n) => {
      const out = g.outputBuffer({
        name: 'out',
        element: 'unorm8',
        shape: [1, n, 4],
        ...(channels ? { channels } : {}),
      });
      g.dispatch('main', { out }, [n]);
      return out;
    },
    compare: exact(),
  });

test("planted: word 5's alpha off by 25 LSB is one wrong channel of the smallest case holding it", async () => {
  const r = await sweep(plantedAlpha(), { runs: 30, seed: 1 });
  expect(r.pass).toBe(false);
  const text = renderSweepFailure(r);
  expect(text).toContain('shrunk case: 6 words');
  expect(text).toContain('1 of 24 values differ (policy exact, unorm8 [1,6,4])');
  expect(text).toContain('worst: [23] (5,0) a: expected 0xff (1) actual 0xe6 (0.901961) -25 LSB');
  expect(text).toMatch(/\n {2}a {8}1 {11}25 /);
}, 60_000);

test('channels named in memory order: a BGRA word reads b, g, r, a', async () => {
  const r = await sweep(plantedAlpha(['b', 'g', 'r', 'a'], 'planted_packed_alpha_bgra'), { runs: 30, seed: 1 });
  const text = renderSweepFailure(r);
  expect(text).toMatch(/channel +mismatches[^\n]*\n {2}b .*\n {2}g .*\n {2}r .*\n {2}a {8}1 /);
}, 60_000);

test('a shape that is not a list of extents is a setup error naming the output and the fix', () => {
  expect(() => elementOutputStart({ element: 'u8', shape: { dims: [2, 4] } as never }, 'k')).toThrow(
    'k: output out: shape is {"dims":[2,4]}, not a list of extents. Fix: shape: [h, w, 4]',
  );
});

test('channel names that do not fit the last dimension are a setup error naming the output and the fix', async () => {
  const r = await sweep(plantedAlpha(['b', 'g', 'r'], 'planted_packed_three_names'), { runs: 5, seed: 1 });
  expect(renderSweepFailure(r)).toContain(
    'planted_packed_three_names: output out: shape [1, 1, 4]: 3 channel names (b, g, r) for an innermost extent of 4. ' +
      'Fix: one name per entry of the last dimension',
  );
}, 60_000);
