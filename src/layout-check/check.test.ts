/**
 * The layout check's CPU views (TS against the WGSL source, `gpu: false`) and
 * its text: what the three-way test (three-way.test.ts) adds is the GPU's view.
 */
import { describe, expect, test } from 'vitest';
import { checkLayout, renderLayoutCheck } from './check.ts';
import { array, attr, f32, struct, u32, vec3, vec4 } from '../model/layout/types.ts';

const P = struct('P', { gain: f32, tint: vec3(f32), seed: u32 });
const WGSL = 'struct P { gain: f32, tint: vec3<f32>, seed: u32 }';

describe('checkLayout without the GPU: fields agree, or each one that does not fails at its row', () => {
  test('agreement: one line, sizes and field count', async () => {
    const c = await checkLayout({ ts: P, wgsl: WGSL, gpu: false });
    expect(c).toEqual({
      struct: 'P',
      space: 'storage',
      pass: true,
      rows: [
        {
          index: 0,
          pairing: 'name',
          ts: { name: 'gain', offset: 0, size: 4 },
          wgsl: { name: 'gain', offset: 0, size: 4 },
          ok: true,
        },
        {
          index: 1,
          pairing: 'name',
          ts: { name: 'tint', offset: 16, size: 12 },
          wgsl: { name: 'tint', offset: 16, size: 12 },
          ok: true,
        },
        {
          index: 2,
          pairing: 'name',
          ts: { name: 'seed', offset: 28, size: 4 },
          wgsl: { name: 'seed', offset: 28, size: 4 },
          ok: true,
        },
      ],
      tsSize: 32,
      wgslSize: 32,
      uniform: [],
      problems: [],
    });
    expect(renderLayoutCheck(c)).toBe('P (storage): TS, WGSL and GPU agree: 32 bytes, 3 fields');
  });

  test('planted: a renamed, a moved and a missing field each fail at their row', async () => {
    const renamed = await checkLayout({
      ts: P,
      wgsl: 'struct P { gain: f32, tone: vec3<f32>, seed: u32 }',
      gpu: false,
    });
    expect(renamed).toMatchObject({ pass: false, firstMismatch: 1 });
    expect(renamed.rows.map((r) => r.ok)).toEqual([true, false, true]);
    const moved = await checkLayout({
      ts: P,
      wgsl: 'struct P { gain: f32, @align(32) tint: vec3<f32>, seed: u32 }',
      gpu: false,
    });
    expect(moved).toMatchObject({ pass: false, firstMismatch: 1, tsSize: 32, wgslSize: 64 });
    const resized = await checkLayout({
      ts: P,
      wgsl: 'struct P { gain: f32, tint: vec3<f32>, @size(8) seed: u32 }',
      gpu: false,
    });
    expect(resized).toMatchObject({ pass: false, firstMismatch: 2 });
    const shorter = await checkLayout({ ts: P, wgsl: 'struct P { gain: f32, tint: vec3<f32> }', gpu: false });
    expect(shorter).toMatchObject({ pass: false, firstMismatch: 2 });
    expect(shorter.rows[2]).toEqual({
      index: 2,
      pairing: 'ts-only',
      ts: { name: 'seed', offset: 28, size: 4 },
      ok: false,
    });
    const longer = await checkLayout({
      ts: P,
      wgsl: 'struct P { gain: f32, tint: vec3<f32>, seed: u32, more: u32 }',
      gpu: false,
    });
    expect(longer).toMatchObject({ pass: false, firstMismatch: 3, wgslSize: 48 });
    expect(longer.rows[3]).toEqual({
      index: 3,
      pairing: 'wgsl-only',
      wgsl: { name: 'more', offset: 32, size: 4 },
      ok: false,
    });
    expect(renderLayoutCheck(longer).split('\n')).toEqual([
      'P (storage): first wrong field #3: TS (none), WGSL more; 1 only in WGSL (more at 32); size TS 32, WGSL 48',
      '     #  field  TS off/size  WGSL field  WGSL off/size  GPU off  note',
      '     0  gain   0/4          gain        0/4            -',
      '     1  tint   16/12        tint        16/12          -',
      '     2  seed   28/4         seed        28/4           -',
      '  ✗  3  -      -            more        32/4           -        only in WGSL',
    ]);
  });
});

describe('checkLayout without the GPU: sizes, missing structs and the uniform rules', () => {
  test('the same fields in a struct of another size: fields agree, the sizes do not', async () => {
    const c = await checkLayout({
      ts: P,
      wgsl: 'struct P { gain: f32, tint: vec3<f32>, seed: u32, }\nstruct Q { p: P }',
      gpu: false,
    });
    expect(c.pass).toBe(true);
    const padded = struct('P', { gain: f32, tint: vec3(f32), seed: attr(u32, { size: 4 }) });
    const wide = await checkLayout({
      ts: padded,
      wgsl: 'struct P { gain: f32, tint: vec3<f32>, seed: u32, @size(16) pad: u32 }',
      gpu: false,
    });
    expect(renderLayoutCheck(wide).split('\n')[0]).toBe(
      'P (storage): first wrong field #3: TS (none), WGSL pad; 1 only in WGSL (pad at 32); size TS 32, WGSL 48',
    );
  });

  test('a struct missing from the WGSL is a problem, and named', async () => {
    const c = await checkLayout({ ts: P, wgsl: 'struct Other { x: f32 }', gpu: false });
    // The one struct there is, though it shares no field: named as the likely one.
    const problem = 'WGSL: no struct P in the source (its structs: Other). Fix: name the WGSL struct: --struct Other';
    expect(c).toMatchObject({ pass: false, problems: [`${problem} (checkLayout's struct option)`] });
    expect(c.wgslSize).toBeUndefined();
    expect(c.rows.every((r) => r.ok && !r.wgsl)).toBe(true);
    expect(renderLayoutCheck(c).split('\n')).toEqual([
      'P (storage): no WGSL struct P; size TS 32',
      '    #  field  TS off/size  WGSL field  WGSL off/size  GPU off  note',
      '    0  gain   0/4          -           -              -',
      '    1  tint   16/12        -           -              -',
      '    2  seed   28/4         -           -              -',
      `  ${problem} (checkLayout's struct option)`,
    ]);
    const named = await checkLayout({
      ts: P,
      wgsl: 'struct Renamed { gain: f32, tint: vec3<f32>, seed: u32 }',
      struct: 'Renamed',
      gpu: false,
    });
    expect(named).toMatchObject({ struct: 'Renamed', pass: true });
  });

  test('planted: a TS name the WGSL lacks points at --struct with the struct sharing most of its fields', async () => {
    const wgsl =
      'struct Other { x: f32 }\nstruct GpuP { gain: f32, tint: vec3<f32>, seed: u32 }\nstruct Q { seed: u32 }';
    const c = await checkLayout({ ts: P, wgsl, gpu: false });
    expect(c.problems).toEqual([
      "WGSL: no struct P in the source (its structs: Other, GpuP, Q). Fix: name the WGSL struct: --struct GpuP (checkLayout's struct option)",
    ]);
    const none = await checkLayout({ ts: P, wgsl: 'struct A { x: f32 }\nstruct B { y: f32 }', gpu: false });
    expect(none.problems).toEqual(['WGSL: no struct P in the source (its structs: A, B)']);
  });

  test('uniform space: the TS declaration’s broken rules fail the check and are listed with their fixes', async () => {
    const U = struct('U', { a: f32, b: array(f32, 2), c: vec4(f32) });
    const wgsl = 'struct U { a: f32, b: array<f32, 2>, c: vec4<f32> }';
    expect((await checkLayout({ ts: U, wgsl, gpu: false })).pass).toBe(true);
    const c = await checkLayout({ ts: U, wgsl, gpu: false, space: 'uniform' });
    expect(c).toMatchObject({ pass: false, space: 'uniform' });
    expect(c.uniform.length).toBeGreaterThan(0);
    const text = renderLayoutCheck(c).split('\n');
    expect(text[0]).toBe(`U (uniform): fields agree; size TS 32, WGSL 32; ${c.uniform.length} uniform rule(s) broken`);
    expect(text).toContain(
      '  uniform: U.b: array starts at offset 4; uniform arrays must start at a multiple of 16. Fix: @align(16) on b',
    );
    expect(text.filter((l) => l.startsWith('  uniform: '))).toHaveLength(c.uniform.length);
  });
});

describe('checkLayout pairs fields by name, then by offset: one difference is one wrong row', () => {
  const Padded = struct('Padded', { a: u32, _pad0: u32, b: vec4(f32), c: f32, d: f32, e: f32, f: f32 });

  test('planted: a renamed padding field is one row, renamed, every other field agreeing', async () => {
    const wgsl = 'struct Padded { a: u32, pad: u32, b: vec4<f32>, c: f32, d: f32, e: f32, f: f32 }';
    const c = await checkLayout({ ts: Padded, wgsl, gpu: false });
    expect(c.rows.map((r) => [r.pairing, r.ok])).toEqual([
      ['name', true],
      ['renamed', false],
      ['name', true],
      ['name', true],
      ['name', true],
      ['name', true],
      ['name', true],
    ]);
    expect(renderLayoutCheck(c).split('\n')[0]).toBe(
      'Padded (storage): first wrong field #1: TS _pad0, WGSL pad; 1 renamed (TS _pad0, WGSL pad at 4); size TS 48, WGSL 48',
    );
  });

  test('planted: a field missing from the WGSL is one row only in TS; the fields after it pair by name', async () => {
    const wgsl = 'struct Padded { a: u32, b: vec4<f32>, c: f32, d: f32, e: f32, f: f32 }';
    const c = await checkLayout({ ts: Padded, wgsl, gpu: false });
    expect(c.rows.filter((r) => !r.ok).map((r) => [r.pairing, r.ts?.name, r.wgsl?.name])).toEqual([
      ['ts-only', '_pad0', undefined],
    ]);
    const extra = await checkLayout({
      ts: Padded,
      wgsl: 'struct Padded { a: u32, _pad0: u32, b: vec4<f32>, c: f32, d: f32, e: f32, f: f32, g: f32 }',
      gpu: false,
    });
    const text = renderLayoutCheck(c).split('\n')[0];
    expect(text).toBe(
      'Padded (storage): first wrong field #1: TS _pad0, WGSL (none); 1 only in TS (_pad0 at 4); size TS 48, WGSL 48',
    );
    expect(renderLayoutCheck(extra).split('\n')[0]).toBe(
      'Padded (storage): first wrong field #7: TS (none), WGSL g; 1 only in WGSL (g at 48); size TS 48, WGSL 64',
    );
  });
});
