/**
 * The kernel model's shapes, swept and pinned: typed element outputs, two
 * outputs judged apart, a texture read back by the harness, an in-place RGB
 * buffer sized by arrayLength (1x1 cases included), don't-care values, a
 * device requirement the adapter lacks, and bindings by name.
 */
import { describe, expect, test } from 'vitest';
import { decideVerdict, loadExpectations, renderSweepFailure, runCase, sweep, type Kernel } from '../../index.ts';
import { unsupportedFailsGate } from '../gate/verdict.ts';
import {
  blur3,
  histInvert,
  normalize2,
  packRgba8,
  rgbGain,
  rgba16ReadWrite,
} from '../../fixtures/kernels/model-kernels.ts';

const RUNS = Number(process.env.TWINPATH_RUNS ?? 60);

describe('kernels of every output shape pass their sweeps', () => {
  for (const k of [rgbGain, histInvert, packRgba8, blur3, normalize2] as ReadonlyArray<Kernel<unknown>>) {
    test(`${k.name}`, async () => {
      const r = await sweep(k, { runs: RUNS });
      expect(r.pass, renderSweepFailure(r)).toBe(true);
    });
  }
});

test('the in-place RGB f32 kernel sizes itself with arrayLength and passes its 1x1 cases; its guard band lies inside the binding', async () => {
  for (const gain of [
    [1, 0.5, 2],
    [0, 0, 0],
  ] as const) {
    const r = await runCase(rgbGain, { width: 1, height: 1, seed: 3, gain });
    expect(r.outcome, r.error).toBe('pass');
    expect(r.comparison).toMatchObject({ output: 'pixels', compared: 3, format: 'f32 [1,1,3]' });
    expect(r.protection).toEqual({ pixels: 'guard-inside' });
  }
});

test('two outputs are judged apart; worst errors are kept per output; unguarded bindings keep the guard band inside', async () => {
  const r = await sweep(histInvert, { runs: 10 });
  expect(r.pass).toBe(true);
  expect(r.worst.map((w) => w.output).sort()).toEqual(['hist', 'image']);
  expect(r.protection).toEqual({ src: 'guard-inside', image: 'guard-inside', hist: 'guard-inside' });
  const one = await runCase(histInvert, { width: 3, height: 2, seed: 1 });
  expect(one.outputs?.map((o) => [o.output, o.outcome, o.comparison.compared])).toEqual([
    ['image', 'pass', 6],
    ['hist', 'pass', 16],
  ]);
});

test('a texture output is read back by the harness (256-byte row alignment) and compared as rgba8unorm elements', async () => {
  const r = await runCase(packRgba8, { width: 65, height: 3, seed: 9 });
  expect(r.outcome, r.error).toBe('pass');
  expect(r.comparison).toMatchObject({ format: 'rgba8unorm texture unorm8 [3,65,4]', compared: 65 * 3 * 4 });
  expect(r.protection).toEqual({ src: 'guard-inside', dst: 'texture' });
});

test("don't-care values are skipped and counted", async () => {
  const r = await runCase(normalize2, { width: 8, seed: 4 });
  expect(r.outcome, r.error).toBe('pass');
  expect(r.comparison).toMatchObject({ compared: 12, dontCare: 4 });
});

test('a kernel needing a device feature the adapter lacks is unsupported, named, never a pass', async () => {
  const r = await sweep(rgba16ReadWrite, { runs: 5 });
  const session = await import('../../index.ts').then((m) => m.gpuSession());
  if (session.adapter.features.has('texture-formats-tier2' as GPUFeatureName)) {
    expect(r.pass, renderSweepFailure(r)).toBe(true);
    return;
  }
  expect(r.pass).toBe(false);
  expect(r.runs).toBe(0);
  expect(r.unsupported?.reason).toMatch(/^needs device feature texture-formats-tier2, which .* does not offer$/);
  expect(decideVerdict(r, loadExpectations())).toMatchObject({ status: 'unsupported' });
  expect(decideVerdict(r, [{ kernel: 'model_rgba16_*', case: 'unsupported', reason: 'no tier2 here' }])).toMatchObject({
    status: 'unsupported',
    expectation: 0,
  });
  expect(renderSweepFailure(r)).toMatch(/^model_rgba16_rw: unsupported on /);
  const listed = decideVerdict(r, [{ kernel: 'model_rgba16_*', case: 'unsupported', reason: 'no tier2 here' }]);
  expect([
    unsupportedFailsGate(decideVerdict(r, []), 'hardware'),
    unsupportedFailsGate(listed, 'hardware'),
    unsupportedFailsGate(decideVerdict(r, []), 'any'),
  ]).toEqual([true, false, false]);
});

test('a binding name the WGSL lacks, or one left out, is a setup error listing the entry point variables with their types', async () => {
  const k = { ...blur3, gpu: blur3Misnamed, name: 'model_blur3_misnamed' };
  const r = await runCase(k, { width: 4, seed: 1 });
  expect(r.outcome).toBe('setup-error');
  expect(r.error).toBe(
    "model_blur3_misnamed: bindings for entry point 'main' do not match its WGSL:\n" +
      '  dst (storage) is not given\n' +
      '  out is not a variable of main\n' +
      'main uses:\n' +
      '  @group(0) @binding(0) src: storage, read array<f32>\n' +
      '  @group(0) @binding(1) dst: storage, read_write array<f32>\n' +
      '  @group(0) @binding(2) n: uniform vec4<u32>\n' +
      'Fix: give every variable the entry point uses, by its WGSL name.',
  );
});

function blur3Misnamed(g: Parameters<NonNullable<typeof blur3.gpu>>[0], c: { width: number; seed: number }) {
  const out = g.outputBuffer({ element: 'f32', shape: [c.width] });
  g.dispatch('main', { src: g.buffer(new Float32Array(c.width)), out, n: g.uniform([c.width, 0, 0, 0]) }, [c.width]);
  return out;
}

test('a read_write storage texture the device cannot bind is a setup error naming the feature to require', async () => {
  const { requires: _, ...undeclared } = rgba16ReadWrite;
  const k = { ...undeclared, name: 'model_rgba16_rw_undeclared' };
  const session = await import('../../index.ts').then((m) => m.gpuSession());
  const r = await runCase(k, { width: 2, height: 1, seed: 1 });
  if (session.device.features.has('texture-formats-tier2' as GPUFeatureName)) return;
  expect(r.outcome, r.error).toBe('setup-error');
  expect(r.error).toBe(
    'model_rgba16_rw_undeclared: img (texture_storage_2d<rgba16float, read_write>) in main: rgba16float storage textures with read-write access ' +
      "need the device feature texture-formats-tier2. Fix: declare requires: { features: ['texture-formats-tier2'] } " +
      '(an adapter without it then reports the sweep unsupported), or use write access.',
  );
});
