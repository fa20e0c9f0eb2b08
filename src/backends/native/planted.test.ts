/**
 * Every native-specific check catches its planted bug on each native backend
 * (default runs, a fresh seed): the guard band, the C struct layout, the
 * launch grid, read-only inputs — with the expected diagnostic, shrunk to
 * sides of at most 4. Where CUDA cannot run, its sweeps are unavailable
 * (asserted, then the test is skipped with the reason): never a pass.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test, type TestContext } from 'vitest';
import { renderSweepFailure, runConfig, sweep, type BackendName, type CaseOutcome } from '../../index.ts';
import type { Planted } from '../../fixtures/kernels/plant.ts';
import {
  im2colPastTheEnd,
  im2colStructSwapped,
  mipGridShort,
  photoWritesInput,
} from '../../fixtures/kernels/planted-native.ts';

beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
});

const DEFAULT_RUNS = 100;

function sides(input: unknown): number[] {
  const c = input as { patchSize?: number; npsX?: number; npsY?: number; surface?: { width: number; height: number } };
  if (c.patchSize !== undefined) return [c.npsX! * c.patchSize, c.npsY! * c.patchSize];
  return [c.surface!.width, c.surface!.height];
}

async function expectCaught<I>(
  ctx: TestContext,
  p: Planted<I>,
  backend: BackendName,
  outcomes: readonly CaseOutcome[],
  diagnostic: RegExp,
): Promise<void> {
  const r = await sweep(p.kernel, {
    backend,
    runs: DEFAULT_RUNS,
    replay: (seed, path) => `TWINPATH_SEED=${seed} TWINPATH_PATH='${path}' (planted ${p.kernel.name})`,
  });
  if (r.unavailable) {
    expect(backend).toBe('cuda');
    expect(r.pass).toBe(false);
    ctx.skip(`unavailable: ${r.unavailable}`);
  }
  expect(
    r.pass,
    `${p.kernel.name} [${backend}] (${p.bug}) was not caught in ${DEFAULT_RUNS} cases, seed ${r.seed}`,
  ).toBe(false);
  const text = renderSweepFailure(r);
  console.log(`planted native bug [${backend}]: ${p.bug}\n${text}\n`);
  expect(outcomes).toContain(r.failure!.result.outcome);
  expect(text).toMatch(diagnostic);
  // A failure with values has report data where docs/reports.md says: failures/<kernel>--<backend>/.
  expect(r.failure!.artifacts?.script).toMatch(new RegExp(`^failures/${p.kernel.name}--${backend}/`));
  expect(Math.max(...sides(r.failure!.input)), `shrunk case too large: ${r.failure!.result.case}`).toBeLessThanOrEqual(
    4,
  );
}

/** A planted bug refused before the first case: the sweep's compile-error, 0 cases, nothing shrunk or replayed. */
async function expectRefused<I>(ctx: TestContext, p: Planted<I>, backend: BackendName, diagnostic: RegExp) {
  const r = await sweep(p.kernel, { backend, runs: DEFAULT_RUNS });
  if (r.unavailable) {
    expect(backend).toBe('cuda');
    ctx.skip(`unavailable: ${r.unavailable}`);
  }
  const text = renderSweepFailure(r);
  console.log(`planted native bug [${backend}]: ${p.bug}\n${text}\n`);
  expect(r).toMatchObject({ pass: false, runs: 0, cases: [] });
  expect(r.failure).toBeUndefined();
  expect(text).toMatch(new RegExp(`^${p.kernel.name} \\[${backend}\\]: compile-error \\(0 cases run\\)\n`));
  expect(r.compileError).toMatch(diagnostic);
}

for (const backend of ['cpp', 'cuda'] as const) {
  describe(`native checks on ${backend}`, () => {
    test(`a write one element past the output lands in the guard band: ${im2colPastTheEnd.bug}`, (ctx) =>
      expectCaught(
        ctx,
        im2colPastTheEnd,
        backend,
        ['canary'],
        /canary: guard band byte 0 \(buffer offset \d+\), 4 bytes overwritten/,
      ));

    test(`a C struct whose layout differs from the TS declaration is refused before the first case, naming the fields: ${im2colStructSwapped.bug}`, (ctx) =>
      expectRefused(
        ctx,
        im2colStructSwapped,
        backend,
        new RegExp(
          `im2col_struct_swapped \\[${backend}\\]: C struct Im2colParams differs from its TS declaration \\(C rules\\): nps_x at offset 16 in the compiled source, 12 in TS; nps_y at offset 12 in the compiled source, 16 in TS\\. Fix: declare`,
        ),
      ));

    test(`an input written to is caught and located: ${photoWritesInput.bug}`, (ctx) =>
      expectCaught(
        ctx,
        photoWritesInput,
        backend,
        ['input-changed'],
        /photo_exposure_writes_input: input surface 1 changed at level 0 row 0 byte \d+ \(buffer offset \d+\): 0x[0-9a-f]{2} then 0x[0-9a-f]{2}; \d+ bytes differ/,
      ));
  });
}

test(`a launch grid one block short leaves texels unwritten: ${mipGridShort.bug}`, (ctx) =>
  expectCaught(ctx, mipGridShort, 'cuda', ['mismatch'], /values differ/));
