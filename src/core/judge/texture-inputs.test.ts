/**
 * Input textures a kernel can write — bound to a `write` or `read_write`
 * storage texture — are read back after the case and must hold what was
 * uploaded; a change is `input-changed`, located by level, layer, texel and
 * channel. Textures bound only sampled are not read back; levels declared
 * work space are not judged.
 */
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { renderSweepFailure, runCase, runConfig, sweep } from '../../index.ts';
import { executeGpu } from '../../backends/wgsl/execute.ts';
import type { Planted } from '../../fixtures/kernels/plant.ts';
import {
  layersSum,
  scratchLevel,
  scratchOnInput,
  storesIntoInput,
  storesIntoLayer,
  textureDouble,
  textureDoubleSampled,
  type TexCase,
} from '../../fixtures/kernels/texture-inputs.ts';

beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
});

const runs = Number(process.env.TWINPATH_RUNS ?? 100);
const CASE: TexCase = { width: 3, height: 2, seed: 5 };

async function expectChanged(p: Planted<TexCase>, diagnostic: RegExp, side = 1) {
  const r = await sweep(p.kernel, { runs: 100 });
  expect(r.pass, `${p.kernel.name} (${p.bug}) was not caught, seed ${r.seed}`).toBe(false);
  const text = renderSweepFailure(r);
  console.log(`planted bug: ${p.bug}\n${text}\n`);
  expect(r.failure!.result.outcome, text).toBe('input-changed');
  expect(text).toMatch(diagnostic);
  expect(r.failure!.input).toMatchObject({ width: side, height: side });
}

test('an input texture bound read_write and left alone passes, read back and compared', async () => {
  const r = await sweep(textureDouble, { runs });
  expect(r.pass, renderSweepFailure(r)).toBe(true);
  const [run] = await executeGpu(textureDouble, [CASE], runConfig().caseDeadlineMs);
  expect('inputs' in run! && run.inputs.map((i) => [i.label, i.texture?.format, i.uploaded.length])).toEqual([
    ['texture (r32float, written through src in main)', 'r32float', 4 * 3 * 2],
  ]);
});

test('an input texture bound only sampled costs no readback', async () => {
  const r = await runCase(textureDoubleSampled, CASE);
  expect(r.outcome, r.error).toBe('pass');
  const [run] = await executeGpu(textureDoubleSampled, [CASE], runConfig().caseDeadlineMs);
  expect('inputs' in run! && run.inputs).toEqual([]);
});

test('planted: a store into the input texture fails the case, located by level, layer, texel and channel', async () => {
  await expectChanged(
    storesIntoInput,
    new RegExp(
      String.raw`^model_texture_double_stores_input: input texture \(r32float, written through src in main\) ` +
        String.raw`changed at level 0 layer 0 texel \(0, 0\): r 0x3f[0-9a-f]{6} \(1[.\d]*\) ` +
        String.raw`then 0x40[0-9a-f]{6} \([23][.\d]*\); 1 texel differs \(r32float\)$`,
      'm',
    ),
  );
});

test('planted: a store into layer 1 of a 2D-array input is located in that layer', async () => {
  const ok = await sweep(layersSum, { runs });
  expect(ok.pass, renderSweepFailure(ok)).toBe(true);
  await expectChanged(
    storesIntoLayer,
    new RegExp(
      String.raw`input texture \(r32float, written through src in main\) ` +
        String.raw`changed at level 0 layer 1 texel \(0, 0\): r 0x3f[0-9a-f]{6} \(1[.\d]*\) ` +
        String.raw`then 0x40[0-9a-f]{6} \([23][.\d]*\); ` +
        '1 texel differs',
    ),
  );
});

test('a level declared work space may be written; the same store into the input level fails', async () => {
  const ok = await sweep(scratchLevel.kernel, { runs: 20 });
  expect(ok.pass, renderSweepFailure(ok)).toBe(true);
  await expectChanged(
    scratchOnInput,
    new RegExp(
      String.raw`input texture \(r32float, written through work in scratch\) ` +
        String.raw`changed at level 0 layer 0 texel \(0, 0\): ` +
        String.raw`r 0x3f[0-9a-f]{6} \(1[.\d]*\) then 0x40e00000 \(7\); 4 texels differ`,
    ),
    2,
  );
});
