/**
 * A struct with f16 members packed by g.struct under `requires:
 * ['shader-f16']`: swept exact where the adapter has the feature, its layout
 * agreed three ways; unsupported (never a pass) where it does not (also shown
 * on this adapter with the feature hidden, half-params-unsupported.test.ts);
 * the planted member declared f32 in the WGSL caught by the sweep and by the layout check.
 */
import { expect, test } from 'vitest';
import { checkLayout, gpuSession, renderLayoutCheck, renderSweepFailure, runCase, sweep } from '../../index.ts';
import { HALF_PARAMS, halfParams, halfParamsWideTint } from '../../fixtures/kernels/half-params.ts';

const runs = Number(process.env.TWINPATH_RUNS ?? 50);
const hasF16 = async () => (await gpuSession()).adapter.features.has('shader-f16');

test('f16 members: the sweep passes exactly where the adapter has shader-f16, is unsupported where not', async () => {
  const r = await sweep(halfParams, { runs });
  if (await hasF16()) {
    expect(r.pass, renderSweepFailure(r)).toBe(true);
    expect(r.runs).toBe(runs);
    return;
  }
  expect(r.pass).toBe(false);
  expect(r.runs).toBe(0);
  expect(r.unsupported?.reason).toMatch(/^needs device feature shader-f16, which .* does not offer$/);
});

test('the f16 struct: TS, WGSL and GPU agree on its layout', async () => {
  if (!(await hasF16())) return;
  const c = await checkLayout({ ts: HALF_PARAMS, wgsl: halfParams.wgsl! });
  expect(renderLayoutCheck(c)).toBe('HalfParams (storage): TS, WGSL and GPU agree: 24 bytes, 5 fields');
});

test('planted: a member the WGSL declares f32 where TS packs f16 fails the case and the layout check', async () => {
  if (!(await hasF16())) return;
  const one = await runCase(halfParamsWideTint.kernel, {
    width: 1,
    seed: 0,
    gain: 1,
    bias: 1,
    tint: [1, 1, 1],
    edge: [1, 1],
  });
  expect(one.pass).toBe(false);
  expect(one.outcome).toBe('mismatch');
  const r = await sweep(halfParamsWideTint.kernel, { runs });
  expect(r.pass).toBe(false);
  const text = renderSweepFailure(r);
  expect(r.failure!.result.outcome, text).toBe('mismatch');
  expect(text).toMatch(/values differ \(policy exact, f32 \[7\], output echo\)/);
  expect((r.failure!.input as { width: number }).width).toBe(1);
  const c = await checkLayout({ ts: HALF_PARAMS, wgsl: halfParamsWideTint.kernel.wgsl! });
  expect(c.pass).toBe(false);
  expect(renderLayoutCheck(c).split('\n')[0]).toMatch(/^HalfParams \(storage\): first wrong field #2: TS tint/);
});
