/**
 * What parity cannot see, because both paths would share the bug: properties
 * of the GPU's own mip chain. A constant block stays constant through every
 * level; the truncating store's brightness drift per level is measured.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createSurface, defineKernel, describeSurface, fillContent, readCode, runCase, textureDesc, writeCode, type PixelFormat, type Surface } from '../../harness/index.ts';
import { GENERATE_MIPS_WGSL, gpuGenerateMips } from '../../kernels/generate_mips/kernel.ts';
import { mipPolicy } from '../../kernels/mip_downsample/tolerance.ts';
import { generateMips } from '../../oracles/mip-downsample.ts';

const LEVELS = 5;
const BLOCK = 1 << (LEVELS - 1);

/** generate_mips on a prepared surface: parity checked, the GPU's chain returned. */
async function gpuChain(s: Surface): Promise<Surface> {
  const k = defineKernel<Surface>({ name: 'generate_mips_prepared', wgsl: GENERATE_MIPS_WGSL, input: fc.constant(s), describe: (x) => describeSurface(x.desc), cpu: generateMips, gpu: gpuGenerateMips, compare: mipPolicy });
  let out: Surface | undefined;
  const r = await runCase(k, s, { onOutput: (a) => (out = a) });
  expect(r.outcome, r.error ?? '').toBe('pass');
  return out!;
}

const surface = (width: number, height: number, format: PixelFormat) => createSurface(textureDesc({ width, height, format, levels: LEVELS }));

test.each([
  [{ storage: 'Unorm8x4', layout: 'Rgba' } as const, 256, 1],
  [{ storage: 'Unorm16x4', layout: 'Bgra' } as const, 1024, 64],
])('constant %s blocks stay constant through every level on the GPU (every code, or every 64th)', async (format, values, step) => {
  const s = surface(values * BLOCK, BLOCK, format);
  for (let x = 0; x < s.desc.width; x++) for (let y = 0; y < BLOCK; y++) for (let ch = 0; ch < 4; ch++) writeCode(s, x, y, 0, ch, Math.floor(x / BLOCK) * step);
  const out = await gpuChain(s);
  const drifted: string[] = [];
  for (const lv of out.desc.levels) {
    for (let x = 0; x < lv.width; x++) {
      const k = Math.floor(x / (BLOCK >> lv.level)) * step;
      if (readCode(out, x, 0, lv.level, 0) !== k) drifted.push(`level ${lv.level} code ${k} -> ${readCode(out, x, 0, lv.level, 0)}`);
    }
  }
  expect(drifted.slice(0, 8)).toEqual([]);
});

test("prgpu's truncation bias: the mean of each level drifts down by about 3/8 LSB per pass", async () => {
  const s = surface(512, 512, { storage: 'Unorm8x4', layout: 'Rgba' });
  fillContent(s, { kind: 'random', seed: 7 });
  const out = await gpuChain(s);
  const mean = (l: number) => {
    const lv = out.desc.levels[l]!;
    let sum = 0;
    for (let y = 0; y < lv.height; y++) for (let x = 0; x < lv.width; x++) for (let ch = 0; ch < 4; ch++) sum += readCode(out, x, y, l, ch);
    return sum / (lv.width * lv.height * 4);
  };
  const drift = out.desc.levels.map((l) => mean(l.level) - mean(0));
  console.log(`truncation drift per level (LSB, Unorm8x4 random 512x512): ${drift.map((d) => d.toFixed(3)).join(', ')}; theory -0.375 per pass`);
  drift.slice(1).forEach((d, i) => expect(Math.abs(d - -0.375 * (i + 1))).toBeLessThan(0.1));
});
