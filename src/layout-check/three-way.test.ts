/**
 * TS declaration vs WGSL source (wgsl_reflect) vs the GPU (probe), on the
 * reference systems' structs (docs/facts.md#reference-systems), on random structs, and on planted mismatches.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gpuSession } from '../backends/wgsl/session.ts';
import { wgsl } from '../wgsl/source.ts';
import { frameParamsStruct, textureDescStruct } from '../model/surface/desc.ts';
import { checkLayout, renderLayoutCheck } from './check.ts';
import { randomStructArb } from '../model/layout/random-structs.ts';
import { array, attr, f32, mat, struct, u32, vec2 } from '../model/layout/types.ts';
import { wgslDeclaration } from '../model/layout/wgsl-text.ts';

const library = wgsl(import.meta.url, '../lib/texture.wgsl');
const frame = wgsl(import.meta.url, '../lib/frame.wgsl');

describe('the seed structs, as src/lib declares them', () => {
  test('TextureDesc in storage: TS, WGSL and GPU agree on 112 bytes', async () => {
    const c = await checkLayout({ ts: textureDescStruct(), wgsl: library });
    expect(renderLayoutCheck(c)).toBe('TextureDesc (storage): TS, WGSL and GPU agree: 112 bytes, 12 fields');
  });

  test('TextureDesc in uniform: the broken rules are reported with their fixes; Dawn lays it out as in storage', async () => {
    const c = await checkLayout({ ts: textureDescStruct(), wgsl: library, space: 'uniform' });
    expect(c.pass).toBe(false);
    expect(c.rows.every((r) => r.ok)).toBe(true);
    expect(c.problems).toEqual([]);
    const text = renderLayoutCheck(c);
    expect(text).toMatch(/^TextureDesc \(uniform\): fields agree; size TS 112, WGSL 112; 7 uniform rule\(s\) broken/);
    expect(text).toContain(
      'uniform: TextureDesc.mipWidth: array<u32, 5> has element stride 4; uniform arrays need a stride that is a multiple of 16. Fix: bind the struct as var<storage, read>, or pack as array<vec4<u32>, 2>',
    );
  });

  test('FrameParams in storage: 352 bytes; in uniform its nested descriptors break the rules', async () => {
    expect(renderLayoutCheck(await checkLayout({ ts: frameParamsStruct(), wgsl: frame }))).toBe(
      'FrameParams (storage): TS, WGSL and GPU agree: 352 bytes, 7 fields',
    );
    const u = await checkLayout({ ts: frameParamsStruct(), wgsl: frame, space: 'uniform' });
    expect(u.uniform.map((v) => v.path)).toContain('FrameParams.inDesc.mipHeight');
  });

  test('MAX_MIP 7 with flipY: 148 bytes, from the generated declaration', async () => {
    const ts = textureDescStruct(7, { flipY: true });
    expect(renderLayoutCheck(await checkLayout({ ts, wgsl: wgslDeclaration(ts) }))).toBe(
      'TextureDesc (storage): TS, WGSL and GPU agree: 148 bytes, 13 fields',
    );
  });
});

describe('planted mismatches are caught, pointing at the first wrong field', () => {
  test('a field inserted mid-struct on the TS side only', async () => {
    const base = textureDescStruct();
    const ts = {
      ...base,
      members: [...base.members.slice(0, 7), { name: 'flipY', type: u32 }, ...base.members.slice(7)],
    };
    const c = await checkLayout({ ts, wgsl: library });
    expect(c.pass).toBe(false);
    expect(c.firstMismatch).toBe(7);
    const text = renderLayoutCheck(c);
    expect(text.split('\n')[0]).toBe(
      'TextureDesc (storage): first wrong field #7: TS flipY, WGSL (none); 1 only in TS (flipY at 28); ' +
        '5 moved or resized (mipLevelCount 32/4 vs 28/4, mipOffsetBytes 36/20 vs 32/20, mipWidth 56/20 vs 52/20, …); ' +
        'size TS 116, WGSL 112',
    );
    expect(text).toMatch(/\n {2}✗ +7 {2}flipY +28\/4 +- +- +- +only in TS\n/);
    expect(text).toMatch(/\n {2}✗ +12 {2}mipPitchBytes +96\/20 +mipPitchBytes +92\/20 +92 +moved or resized$/);
  });

  test('wgsl_reflect 1.6.0 mis-sizes a nested struct whose members carry @size; the GPU sides with the WGSL rules', async () => {
    const inner = struct('Inner', { a: attr(struct('Leaf', { v: vec2(u32) }), { size: 10 }), b: array(mat(2, 2), 1) });
    const ts = struct('Outer', { inner, after: f32 });
    const c = await checkLayout({ ts, wgsl: wgslDeclaration(ts) });
    expect(c.rows.map((r) => [r.ts?.offset, r.wgsl?.offset, r.gpu?.offset])).toEqual([
      [0, 0, 0],
      [32, 24, 32],
    ]);
    expect(c.firstMismatch).toBe(0);
  });
});

test('random structs: TS, WGSL and GPU agree (storage; f16 members where the device has shader-f16)', async () => {
  const f16 = (await gpuSession()).device.features.has('shader-f16');
  await fc.assert(
    fc.asyncProperty(randomStructArb(2, { f16 }), async (s) => {
      const c = await checkLayout({ ts: s, wgsl: wgslDeclaration(s) });
      const gpuAgrees = c.problems.length === 0 && c.rows.every((r) => r.gpu && r.ts && r.gpu.offset === r.ts.offset);
      expect(gpuAgrees, renderLayoutCheck(c)).toBe(true);
    }),
    { numRuns: 60 },
  );
});
