/**
 * Every planted bug must be caught by the default sweep (default runs, a
 * fresh seed each time), with the right kind of diagnostic, and shrunk to a
 * case with sides of at most 4 pixels.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { renderSweepFailure, runConfig, sweep, type CaseOutcome, type SurfaceCase } from 'twinpath';
import type { Planted } from '../../fixtures/kernels/plant.ts';
import * as planted from '../../fixtures/kernels/planted-kernels.ts';

// Expected failures: their pictures go beside the run's report, not into it.
beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
});

// fast-check's default: fewer cases than the kernels' own sweeps run (300).
const DEFAULT_RUNS = 100;

/** The sides of a shrunk case: the surface case of any kernel input. */
function sides(input: unknown): number[] {
  const grid = input as { patchSize?: number; npsX?: number; npsY?: number };
  if (grid.patchSize !== undefined) return [grid.npsX! * grid.patchSize, grid.npsY! * grid.patchSize];
  const c = input as { width?: number; surface?: SurfaceCase; source?: SurfaceCase };
  const s = (c.width !== undefined ? c : (c.surface ?? c.source)) as SurfaceCase;
  return [s.width, s.height];
}

/**
 * A failure seen in a batch that did not fail again alone: it is kept unshrunk, its note says so. Only a planted bug
 * whose own writes race may end so (`racy`).
 */
const PASSED_ALONE = /^failed in a batch of cases but passed when run again alone: a flaky kernel/;

async function expectCaught<I>(
  p: Planted<I>,
  outcomes: readonly CaseOutcome[],
  diagnostic: RegExp,
  racy = false,
): Promise<void> {
  const r = await sweep(p.kernel, {
    runs: DEFAULT_RUNS,
    replay: (seed, path) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' (planted ${p.kernel.name})`,
  });
  expect(r.pass, `${p.kernel.name} (${p.bug}) was not caught in ${DEFAULT_RUNS} cases, seed ${r.seed}`).toBe(false);
  const text = renderSweepFailure(r);
  console.log(`planted bug: ${p.bug}\n${text}\n`);
  expect(outcomes).toContain(r.failure!.result.outcome);
  expect(text).toMatch(diagnostic);
  if (racy && r.failure!.shrinks === 0 && PASSED_ALONE.test(r.failure!.note ?? '')) return;
  expect(Math.max(...sides(r.failure!.input)), `shrunk case too large: ${r.failure!.result.case}`).toBeLessThanOrEqual(
    4,
  );
}

describe('every comparison policy catches a planted bug', () => {
  test('unormLsb(1): the level pitch bug (exact: the copy kernels below)', () =>
    expectCaught(planted.pitchIgnoredFlatPolicy, ['mismatch'], /policy unormLsb\(1\)/));
  test('ulp(4): box weights off on Float32x4', () =>
    expectCaught(planted.floatWeightsOff, ['mismatch'], /policy ulp\(4\), Float32x4/));
  test('absRel(1e-5, 1e-5): box weights off on Float32x4', () =>
    expectCaught(planted.floatWeightsOffAbsRel, ['mismatch'], /policy absRel\(0\.00001, 0\.00001\)/));
});

describe('planted bugs are caught and shrunk', () => {
  // Its extra column lands on the next row's first texel, which another invocation writes too: where that race alone
  // shows the bug (a tight level, no extra row past the chain), a case may pass when run again alone (seed 192 here).
  test('odd size: destination = ceil(src / 2)', () =>
    expectCaught(planted.oddSizeCeil, ['canary', 'mismatch'], /canary: guard band|values differ/, true));
  test('odd size: right tap reads past the last column', () =>
    expectCaught(planted.readPastLastColumn, ['mismatch'], /values differ/));
  test('level-0 pitch taken as width * bpp (generate_mips)', () =>
    expectCaught(planted.pitchIgnored, ['mismatch'], /values differ[\s\S]*level 1 /));
  test('source pitch taken as width * bpp (prepare_mip_source)', () =>
    expectCaught(
      planted.copyPitchIgnored,
      ['mismatch', 'canary'],
      /values differ \(policy exact|canary: level 0 row 0 padding/,
    ));
  test('an #import no root resolves: the sweep is a compile-error before its first case, naming the import, the roots and the fix', async () => {
    const r = await sweep(planted.unresolvedImport.kernel, { runs: DEFAULT_RUNS });
    const text = renderSweepFailure(r);
    console.log(`planted bug: ${planted.unresolvedImport.bug}\n${text}\n`);
    expect(r).toMatchObject({ pass: false, runs: 0, cases: [], outcomes: {} });
    expect(r.failure).toBeUndefined();
    expect(text).toMatch(/^texel_address_unresolved_import: compile-error \(0 cases run\)\n/);
    expect(r.compileError).toMatch(
      new RegExp(
        'WGSL does not compile\\n {2}kernels/texel_address/texel-address\\.wgsl:5:9: cannot resolve #import ' +
          'twinpath::textures::TextureDesc: no module twinpath::textures::TextureDesc \\(nor twinpath::textures\\)\\n' +
          ' {4}import roots searched: src/lib \\(modules: twinpath::frame, twinpath::texture\\)\\n' +
          ' {4}Fix: put a file that starts with `#define_import_path twinpath::textures`',
      ),
    );
  });
  test('GPU addressing with the pitch ignored (texel_address)', () =>
    expectCaught(
      planted.addressPitchIgnored,
      ['mismatch'],
      /values differ \(policy exact, Float32x4\/Rgba\)[\s\S]* a: expected/,
    ));
  test('prgpu 0.1.4: negative floor cast to unsigned before clamping (texture_view)', () =>
    expectCaught(
      planted.negativeFloorCast,
      ['mismatch'],
      /values differ \(policy absRel\(2\^-10, 0\), Float32x4\/Rgba\)/,
    ));
  test('im2col: patch grid split by nps_y instead of nps_x, caught on a rectangular grid', async () => {
    await expectCaught(planted.im2colPatchGrid, ['mismatch'], /values differ \(policy exact, Float32x1\/Rgba\)/);
  });
  test('photo: sRGB encode as a 1/2.2 gamma', () =>
    expectCaught(planted.srgbGammaShortcut, ['mismatch'], /values differ/));
  test('photo: vignette from texel corners instead of centres', () =>
    expectCaught(planted.vignetteCorners, ['mismatch'], /values differ/));
  test('photo: GPU grain stream differs from the CPU one (exact noise catches it)', () =>
    expectCaught(planted.grainStreamDiffers, ['mismatch'], /values differ \(policy exact, Float32x4/));
  test('pyramid blur: lod one level too coarse for the radius', () =>
    expectCaught(planted.blurLevelTooCoarse, ['mismatch'], /values differ[\s\S]*level 0 /));
  test('RGBA/BGRA swapped on store', () => expectCaught(planted.layoutSwapped, ['mismatch'], /\/Bgra/));
  test('rounding instead of truncation (tie-aware policy)', () =>
    expectCaught(planted.roundsInsteadOfTruncating, ['mismatch'], /unormNearTie[\s\S]*LSB from the truncate boundary/));
  test('write into pitch padding: the canary catches it, the comparison does not', async () => {
    await expectCaught(planted.copyWritesPadding, ['canary'], /canary: level 0 row \d+ padding byte/);
    const r = await sweep(planted.copyWritesPadding.kernel, { runs: DEFAULT_RUNS });
    expect(r.failure?.result.comparison?.pass).toBe(true);
  });
});

test('a flat unormLsb(1) hides the rounding bug: why the tie-aware policy exists', async () => {
  const r = await sweep(planted.roundsUnderFlatPolicy.kernel, { runs: DEFAULT_RUNS });
  expect(r.pass, renderSweepFailure(r)).toBe(true);
  expect(r.worst.find((w) => w.unit === 'LSB')?.error).toBe(1);
});

describe("the hardware texture path's tolerance, unormLsb(4), lets through what the storage-buffer path catches", () => {
  test('rounding instead of truncating, and a +3 LSB brightening, both pass under unormLsb(4)', async () => {
    for (const p of [planted.underHardwareTolerance.rounds, planted.underHardwareTolerance.brightens]) {
      const r = await sweep(p.kernel, { runs: DEFAULT_RUNS });
      expect(r.pass, `${p.bug}: ${renderSweepFailure(r)}`).toBe(true);
    }
  });
  test('the storage path catches both (rounding: above; brightening: here)', () =>
    expectCaught(planted.brightens, ['mismatch'], /policy unormNearTie/));
  test('the hardware path still catches gross bugs: sampling texel centres instead of block corners', () =>
    expectCaught(planted.textureTexelCentre, ['mismatch'], /values differ \(policy unormLsb\(4\), Unorm8x4\/Rgba\)/));
});
