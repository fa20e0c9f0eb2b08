/**
 * Variables declared by imported modules bind by the names their author
 * wrote: `params` where no other variable of the entry point has that name,
 * `common::io::params` always; an ambiguous or unknown name is a setup error
 * listing the variables as written, never by their composed names.
 */
import { expect, test } from 'vitest';
import { runCase, sweep, renderSweepFailure } from '../../index.ts';
import {
  importedScale,
  importedScaleBias,
  SCALE_PARAMS,
  type ScaleCase,
} from '../../fixtures/kernels/imported-bindings.ts';

const CASE: ScaleCase = { width: 5, seed: 3, scale: 0.75 };

test('short names bind imported variables; protection (results.json too) names them qualified', async () => {
  const r = await sweep(importedScale, { runs: Number(process.env.TWINPATH_RUNS ?? 20) });
  expect(r.pass, renderSweepFailure(r)).toBe(true);
  expect(Object.keys(r.protection ?? {}).sort()).toEqual(['common::io::params', 'common::io::src', 'dst']);
  const one = await runCase(importedScale, CASE);
  expect(one.outcome, one.error).toBe('pass');
  expect(one.protection).toEqual({
    'common::io::src': 'guard-inside',
    'common::io::params': 'guard-inside',
    dst: 'guard-inside',
  });
});

test('qualified names bind where the short name is ambiguous', async () => {
  const r = await runCase(importedScaleBias, CASE);
  expect(r.outcome, r.error).toBe('pass');
});

const USES =
  'main uses:\n' +
  '  @group(0) @binding(0) common::io::src: storage, read array<f32>\n' +
  '  @group(0) @binding(1) common::io::params: storage, read common::io::ScaleParams\n' +
  '  @group(1) @binding(0) dst: storage, read_write array<f32>\n';

test('planted: an ambiguous short name is a setup error listing the qualified candidates', async () => {
  const k = {
    ...importedScaleBias,
    name: 'model_imported_ambiguous',
    gpu: (g: Parameters<NonNullable<typeof importedScaleBias.gpu>>[0], c: ScaleCase) => {
      const dst = g.outputBuffer({ name: 'dst', element: 'f32', shape: [c.width] });
      g.dispatch('main', { src: g.buffer(new Float32Array(c.width)), params: g.uniform([0]), dst }, [c.width]);
      return dst;
    },
  };
  const r = await runCase(k, CASE);
  expect(r.pass).toBe(false);
  expect(r.outcome).toBe('setup-error');
  expect(r.error).toContain(
    "model_imported_ambiguous: bindings for entry point 'main' do not match its WGSL:\n" +
      '  common::io::params (storage) is not given\n' +
      '  common::bias::params (uniform) is not given\n' +
      '  params is ambiguous in main: it may be common::io::params or common::bias::params; give the qualified name\n',
  );
  expect(r.error).not.toMatch(/__common/);
});

test('planted: an unknown name lists the variables as their author wrote them, never composed names', async () => {
  const k = {
    ...importedScale,
    name: 'model_imported_misnamed',
    gpu: (g: Parameters<NonNullable<typeof importedScale.gpu>>[0], c: ScaleCase) => {
      const dst = g.outputBuffer({ name: 'dst', element: 'f32', shape: [c.width] });
      const params = g.struct(SCALE_PARAMS, { scale: c.scale, count: c.width }, { space: 'storage' });
      g.dispatch('main', { source: g.buffer(new Float32Array(c.width)), params, dst }, [c.width]);
      return dst;
    },
  };
  const r = await runCase(k, CASE);
  expect(r.pass).toBe(false);
  expect(r.outcome).toBe('setup-error');
  expect(r.error).toBe(
    "model_imported_misnamed: bindings for entry point 'main' do not match its WGSL:\n" +
      '  common::io::src (storage) is not given\n' +
      '  source is not a variable of main\n' +
      USES +
      'Fix: give every variable the entry point uses, by its WGSL name.',
  );
});

test('planted: a variable given by both its short and its qualified name is named once, with both keys', async () => {
  const k = {
    ...importedScale,
    name: 'model_imported_twice',
    gpu: (g: Parameters<NonNullable<typeof importedScale.gpu>>[0], c: ScaleCase) => {
      const dst = g.outputBuffer({ name: 'dst', element: 'f32', shape: [c.width] });
      const src = g.buffer(new Float32Array(c.width));
      const params = g.struct(SCALE_PARAMS, { scale: c.scale, count: c.width }, { space: 'storage' });
      g.dispatch('main', { src, 'common::io::src': src, params, dst }, [c.width]);
      return dst;
    },
  };
  const r = await runCase(k, CASE);
  expect(r.outcome).toBe('setup-error');
  expect(r.error).toContain('\n  common::io::src is given twice, as src and as common::io::src\n');
});
