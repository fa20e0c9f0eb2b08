/**
 * Typed buffers and two outputs on each native backend: `rgb_hist` passes,
 * and its planted twin (the last pixel counted twice) fails on the histogram
 * alone, shrunk to one pixel. Where CUDA cannot run, its sweeps are asserted
 * unavailable and the test is skipped with the reason: never a pass.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { renderSweepFailure, runConfig, sweep } from '../../index.ts';
import { rgbHist, rgbHistOneOff } from '../../fixtures/kernels/native-buffers.ts';

beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
});

for (const backend of ['cpp', 'cuda'] as const) {
  describe(`typed buffers on ${backend}`, () => {
    test('rgb_hist passes: the f32 [h, w, 3] image and the u32 histogram, each judged', async (ctx) => {
      const r = await sweep(rgbHist, { backend, runs: 40 });
      if (r.unavailable) {
        expect(backend).toBe('cuda');
        ctx.skip(`unavailable: ${r.unavailable}`);
      }
      expect(r.pass, renderSweepFailure(r)).toBe(true);
      expect(r.protection).toMatchObject({ 'output rgb': 'guard-band', 'output hist': 'guard-band' });
    });

    test('planted: one histogram count off fails on hist alone, shrunk to one pixel', async (ctx) => {
      const r = await sweep(rgbHistOneOff, { backend, runs: 100 });
      if (r.unavailable) {
        expect(backend).toBe('cuda');
        ctx.skip(`unavailable: ${r.unavailable}`);
      }
      const text = renderSweepFailure(r);
      console.log(`planted native bug [${backend}]: the last pixel counted twice\n${text}\n`);
      expect(r.pass).toBe(false);
      expect(r.failure!.result.outcome).toBe('mismatch');
      expect(r.failure!.output).toBe('hist');
      expect(r.failure!.result.outputs?.map((o) => [o.output, o.outcome])).toEqual([
        ['rgb', 'pass'],
        ['hist', 'mismatch'],
      ]);
      expect(r.failure!.result.case).toMatch(/^1x1 #\d+$/);
      expect(text).toMatch(/1 of 16 values differ \(policy exact, u32 \[16\], output hist\)/);
    });
  });
}
