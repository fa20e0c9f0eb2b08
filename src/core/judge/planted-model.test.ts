/**
 * The kernel model's checks, each shown to catch its planted bug in the
 * default sweep (fresh seed), with its diagnostic, shrunk small; and the
 * guard band inside an arrayLength-sized binding, which its rewritten
 * arrayLength excludes, catching a read and a write one past the data.
 */
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { renderSweepFailure, runConfig, sweep, type CaseOutcome } from '../../index.ts';
import type { Planted } from '../../fixtures/kernels/plant.ts';
import * as planted from '../../fixtures/kernels/planted-model.ts';
import type { ImageCase } from '../../fixtures/kernels/model-kernels.ts';
import { canaryByte } from '../../model/canary.ts';

beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
});

const DEFAULT_RUNS = 100;

async function expectCaught<I extends { readonly width: number; readonly height?: number }>(
  p: Planted<I>,
  outcome: CaseOutcome,
  diagnostic: RegExp,
  maxSide = 4,
) {
  const r = await sweep(p.kernel, {
    runs: DEFAULT_RUNS,
    replay: (seed, path) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' (planted ${p.kernel.name})`,
  });
  expect(r.pass, `${p.kernel.name} (${p.bug}) was not caught in ${DEFAULT_RUNS} cases, seed ${r.seed}`).toBe(false);
  const text = renderSweepFailure(r);
  console.log(`planted bug: ${p.bug}\n${text}\n`);
  expect(r.failure!.result.outcome, text).toBe(outcome);
  expect(text).toMatch(diagnostic);
  const input = r.failure!.input as I;
  expect(
    Math.max(input.width, input.height ?? 1),
    `shrunk case too large: ${r.failure!.result.case}`,
  ).toBeLessThanOrEqual(maxSide);
  return r;
}

test('a stray read with weight 0 turns the output NaN: the input guard band holds NaN poison', async () => {
  await expectCaught(
    planted.strayRead,
    'mismatch',
    // Any NaN: the payload is the GPU's (0x7fc… on lavapipe, 0x7fffffff on an H100).
    /1 of \d+ values differ \(policy exact, f32 \[\d+\]\)[\s\S]*actual 0x[0-9a-f]{8} \(NaN\)/,
    1,
  );
});

test('a write into an input fails the case with its location', async () => {
  await expectCaught(
    planted.writesInput,
    'input-changed',
    /model_blur3_writes_input: input src changed at (?:element \d+ )?byte \d+ \(buffer offset \d+\): 0x[0-9a-f]{2} then 0x[0-9a-f]{2}; \d+ bytes differ/,
    2,
  );
});

test('a write past the end of a binding without arrayLength lands in the guard band inside it', async () => {
  await expectCaught(
    planted.writesPastEnd,
    'canary',
    /canary: guard band byte [0-3] \(buffer offset \d+\), [1-4] bytes overwritten/,
  );
});

test('one wrong output of two: the failure names it, the other output passes', async () => {
  const r = await expectCaught(
    planted.wrongHistogram,
    'mismatch',
    /values differ \(policy exact, u32 \[16\], output hist\)/,
    // The shrinker drives the content seed to 0, whose sixth word is the first with a top nibble >= 8: 6 pixels.
    6,
  );
  expect(r.failure!.output).toBe('hist');
  expect(r.failure!.result.outputs?.map((o) => [o.output, o.outcome])).toEqual([
    ['image', 'pass'],
    ['hist', 'mismatch'],
  ]);
});

test('a texture output mismatch, read back and located by texel and channel', async () => {
  await expectCaught(
    planted.textureSwapped,
    'mismatch',
    /values differ \(policy exact, rgba8unorm texture unorm8 \[1,1,4\]\)[\s\S]*\[[02]\] \(0,0\) [rb]: expected/,
    1,
  );
});

test('a write past an arrayLength-sized binding lands in the guard band inside it, which arrayLength excludes', async () => {
  const r = await expectCaught(
    planted.writesPastSizedBinding,
    'canary',
    /canary: guard band byte 0 \(buffer offset 12\), \d+ bytes overwritten/,
    1,
  );
  expect(r.failure!.result.protection).toEqual({ pixels: 'guard-inside' });
});

test('a read one element past an arrayLength-sized input reads its guard band: the sum gains its first word', async () => {
  const r = await expectCaught(
    planted.readsPastSizedBinding,
    'mismatch',
    /1 of 1 values differ \(policy exact, u32 \[1\], output partials\)\n {2}worst: \[0\]: expected 0x[0-9a-f]{8}/,
    1,
  );
  const c = r.failure!.input as ImageCase;
  expect(c.width * c.height, 'shrunk to one word: the one past it is the first of the guard band').toBe(1);
  const [expected, actual] = [...renderSweepFailure(r).matchAll(/(?:expected|actual) (0x[0-9a-f]{8})/g)].map((m) =>
    Number(m[1]),
  );
  // words[1] is byte 4 of the input buffer: its canary (salt 1, the case's first input) is what the sum gained.
  const guardWord = new DataView(Uint8Array.from([4, 5, 6, 7], (o) => canaryByte(o, 1)).buffer).getUint32(0, true);
  expect((actual! - expected! + 2 ** 32) % 2 ** 32).toBe(guardWord);
  expect(r.failure!.result.protection).toEqual({ words: 'guard-inside', partials: 'guard-inside' });
});
