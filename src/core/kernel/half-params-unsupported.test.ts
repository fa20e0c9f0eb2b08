/**
 * The f16 struct kernel on an adapter without shader-f16 (the real adapter
 * with that feature hidden): its sweep is unsupported, the feature named,
 * no case run, never a pass.
 */
import { expect, test, vi } from 'vitest';

vi.mock('../../backends/wgsl/adapter.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../backends/wgsl/adapter.ts')>();
  return {
    ...real,
    requestAdapter: async (choice: Parameters<typeof real.requestAdapter>[0]) => {
      const { adapter, info } = await real.requestAdapter(choice);
      const features = new Set([...adapter.features].filter((f) => f !== 'shader-f16'));
      const withoutF16 = {
        features,
        limits: adapter.limits,
        info: adapter.info,
        requestDevice: (d?: GPUDeviceDescriptor) => adapter.requestDevice(d),
      };
      return { adapter: withoutF16 as unknown as GPUAdapter, info };
    },
  };
});
// The setup file loaded the harness already: load it afresh, over the mock.
vi.resetModules();
const { decideVerdict, loadExpectations, renderSweepFailure, sweep } = await import('../../index.ts');
const { halfParams } = await import('../../fixtures/kernels/half-params.ts');

test('an adapter without shader-f16: the f16 struct kernel is unsupported, the feature named, never a pass', async () => {
  const r = await sweep(halfParams, { runs: 5 });
  expect(r.pass).toBe(false);
  expect(r.runs).toBe(0);
  expect(r.unsupported?.reason).toMatch(/^needs device feature shader-f16, which .* does not offer$/);
  expect(renderSweepFailure(r)).toMatch(/^model_half_params: unsupported on /);
  expect(decideVerdict(r, loadExpectations())).toMatchObject({ status: 'unsupported' });
});
