/**
 * The kernels' parameter structs checked three ways (TS, WGSL source, GPU),
 * and planted mismatches caught with the table pointing at the first wrong field.
 */
import { expect, test } from 'vitest';
import { checkLayout, layoutStruct, renderLayoutCheck, wgsl } from 'twinpath';
import { GPU_PARAMETERS } from '../../kernels/agx/gpu-parameters.ts';
import { IM2COL_PARAMS, IM2COL_WGSL } from '../../kernels/im2col/kernel.ts';
import { PHOTO_PARAMS, PHOTO_WGSL } from '../../kernels/photo/kernel.ts';
import { gpuParametersExtraField } from '../fixtures/kernels/planted-layouts.ts';

const GPU_PARAMETERS_WGSL = wgsl(import.meta.url, '../../kernels/agx/gpu-parameters.wgsl');

test('GpuParameters: 400 bytes in 16-byte lanes, TS, WGSL and GPU agree in storage', async () => {
  expect(layoutStruct(GPU_PARAMETERS).size).toBe(400);
  expect(renderLayoutCheck(await checkLayout({ ts: GPU_PARAMETERS, wgsl: GPU_PARAMETERS_WGSL }))).toBe(
    'GpuParameters (storage): TS, WGSL and GPU agree: 400 bytes, 50 fields',
  );
});

test('GpuParameters in uniform: the array<f32, 8> groups must be packed as vec4s', async () => {
  const c = await checkLayout({ ts: GPU_PARAMETERS, wgsl: GPU_PARAMETERS_WGSL, space: 'uniform' });
  expect(c.uniform.map((v) => `${v.path}: ${v.fix}`)).toEqual([
    'GpuParameters.hslHue: bind the struct as var<storage, read>, or pack as array<vec4<f32>, 2>',
    'GpuParameters.hslSaturation: bind the struct as var<storage, read>, or pack as array<vec4<f32>, 2>',
    'GpuParameters.hslLuminance: bind the struct as var<storage, read>, or pack as array<vec4<f32>, 2>',
    'GpuParameters.curve: bind the struct as var<storage, read>, or pack as array<vec4<f32>, 2>',
  ]);
});

test('planted: a field inserted mid-struct in the WGSL only', async () => {
  const c = await checkLayout({ ts: GPU_PARAMETERS, wgsl: gpuParametersExtraField() });
  const text = renderLayoutCheck(c);
  console.log(text);
  expect(c.firstMismatch).toBe(9);
  // Paired by name, the inserted field is the one row only the WGSL has; the fields after it moved.
  expect(text.split('\n')[0]).toBe(
    'GpuParameters (storage): first wrong field #9: TS (none), WGSL hdrBoost; 1 only in WGSL (hdrBoost at 36); ' +
      '41 moved or resized (highlights 36/4 vs 40/4, shadows 40/4 vs 44/4, whites 44/4 vs 48/4, …); size TS 400, WGSL 416',
  );
  expect(text).toMatch(
    /\n +8 {2}contrast +32\/4 +contrast +32\/4 +32\n {2}✗ +9 {2}- +- +hdrBoost +36\/4 +36 +only in WGSL\n {2}✗ +10 {2}highlights +36\/4 +highlights +40\/4 +40 +moved or resized\n/,
  );
});

test('planted: a field inserted mid-struct in the TS only', async () => {
  const m = GPU_PARAMETERS.members;
  const ts = {
    ...GPU_PARAMETERS,
    members: [...m.slice(0, 4), { name: 'exposureBias', type: m[0]!.type }, ...m.slice(4)],
  };
  const c = await checkLayout({ ts, wgsl: GPU_PARAMETERS_WGSL });
  expect(c.firstMismatch).toBe(4);
  expect(renderLayoutCheck(c).split('\n')[0]).toBe(
    'GpuParameters (storage): first wrong field #4: TS exposureBias, WGSL (none); 1 only in TS (exposureBias at 16); ' +
      '46 moved or resized (dehaze 20/4 vs 16/4, denoiseLuma 24/4 vs 20/4, denoiseChroma 28/4 vs 24/4, …); ' +
      'size TS 416, WGSL 400',
  );
});

test('Im2colParams: packed on the host by its declaration, read as a uniform by the WGSL; all three agree', async () => {
  expect(renderLayoutCheck(await checkLayout({ ts: IM2COL_PARAMS, wgsl: IM2COL_WGSL, space: 'uniform' }))).toBe(
    'Im2colParams (uniform): TS, WGSL and GPU agree: 32 bytes, 8 fields',
  );
});

test('PhotoParams: 48 bytes in 16-byte lanes, uniform-valid; all three agree', async () => {
  expect(renderLayoutCheck(await checkLayout({ ts: PHOTO_PARAMS, wgsl: PHOTO_WGSL, space: 'uniform' }))).toBe(
    'PhotoParams (uniform): TS, WGSL and GPU agree: 48 bytes, 9 fields',
  );
});
