import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { packStruct, unpackStruct } from '../model/layout/codec.ts';
import { nestsAttributedStruct, randomStructArb } from '../model/layout/random-structs.ts';
import { reflectStructs } from './reflected.ts';
import { alignOf, layoutStruct, sizeOf } from '../model/layout/rules.ts';
import { array, attr, f16, f32, i32, mat, struct, u32, vec2, vec3, vec4 } from '../model/layout/types.ts';
import { renderUniformViolation, uniformViolations } from '../model/layout/uniform.ts';
import { wgslDeclaration } from '../model/layout/wgsl-text.ts';
import { frameParamsStruct, textureDescStruct } from '../model/surface/desc.ts';

// The WGSL specification's layout examples ("Structure Member Layout").
const A = struct('A', { u: f32, v: f32, w: vec2(f32), x: f32 });
const B = struct('B', { a: vec2(f32), b: vec3(f32), c: f32, d: f32, e: A, f: vec3(f32), g: array(A, 3), h: i32 });
const A2 = struct('A', { u: f32, v: f32, w: vec2(f32), x: attr(f32, { size: 16 }) });
const B2 = struct('B', {
  a: vec2(f32),
  b: vec3(f32),
  c: f32,
  d: f32,
  e: attr(A2, { align: 16 }),
  f: vec3(f32),
  g: array(A2, 3),
  h: i32,
});

describe('WGSL layout rules', () => {
  test('spec golden structs: A = 24, B = 160; with attributes 32 and 208', () => {
    expect(layoutStruct(A)).toMatchObject({ size: 24, align: 8 });
    expect(layoutStruct(B).size).toBe(160);
    expect(layoutStruct(B).members.map((m) => m.offset)).toEqual([0, 16, 28, 32, 40, 64, 80, 152]);
    expect(layoutStruct(A2)).toMatchObject({ size: 32, align: 8 });
    expect(layoutStruct(B2)).toMatchObject({ size: 208, align: 16 });
    expect(layoutStruct(B2).members.map((m) => m.offset)).toEqual([0, 16, 28, 32, 48, 80, 96, 192]);
  });

  test('scalars, vectors (vec3 = align 16, size 12), f16 and matrices', () => {
    expect(
      [f16, u32, vec2(f16), vec3(f16), vec4(f16), vec2(f32), vec3(f32), vec4(f32)].map((t) => [alignOf(t), sizeOf(t)]),
    ).toEqual([
      [2, 2],
      [4, 4],
      [4, 4],
      [8, 6],
      [8, 8],
      [8, 8],
      [16, 12],
      [16, 16],
    ]);
    expect([mat(3, 3), mat(4, 2), mat(2, 3, f16)].map((t) => [alignOf(t), sizeOf(t)])).toEqual([
      [16, 48],
      [8, 32],
      [8, 16],
    ]);
  });

  test('attributes and runtime arrays are checked', () => {
    expect(() => layoutStruct(struct('S', { a: attr(f32, { align: 6 }) }))).toThrow(
      'layout: S.a: @align(6) is not a power of two',
    );
    expect(() => layoutStruct(struct('S', { a: attr(vec4(f32), { size: 8 }) }))).toThrow(
      "layout: S.a: @size(8) is below its type's size 16",
    );
    expect(() => layoutStruct(struct('S', { a: array(f32), b: f32 }))).toThrow(
      'a runtime-sized array must be the last member',
    );
  });
});

describe('uniform address space', () => {
  test('TextureDesc: every array breaks the stride rule, three start off a 16-byte boundary; each with its fix', () => {
    const v = uniformViolations(textureDescStruct());
    expect(v.map((x) => `${x.path}: ${x.fix}`)).toEqual([
      'TextureDesc.mipOffsetBytes: bind the struct as var<storage, read>, or pack as array<vec4<u32>, 2>',
      'TextureDesc.mipWidth: bind the struct as var<storage, read>, or pack as array<vec4<u32>, 2>',
      'TextureDesc.mipWidth: @align(16) on mipWidth',
      'TextureDesc.mipHeight: bind the struct as var<storage, read>, or pack as array<vec4<u32>, 2>',
      'TextureDesc.mipHeight: @align(16) on mipHeight',
      'TextureDesc.mipPitchBytes: bind the struct as var<storage, read>, or pack as array<vec4<u32>, 2>',
      'TextureDesc.mipPitchBytes: @align(16) on mipPitchBytes',
    ]);
    expect(renderUniformViolation(v[0]!)).toBe(
      'uniform: TextureDesc.mipOffsetBytes: array<u32, 5> has element stride 4; uniform arrays need a stride that is a multiple of 16. ' +
        'Fix: bind the struct as var<storage, read>, or pack as array<vec4<u32>, 2>',
    );
  });

  test('nested structs: member alignment, the gap after a struct member, runtime arrays', () => {
    const inner = struct('Inner', { a: vec2(f32) });
    const v = uniformViolations(struct('S', { x: f32, s: inner, y: f32, r: array(f32) }));
    expect(v.map(renderUniformViolation)).toEqual([
      'uniform: S.s: struct member starts at offset 8; uniform struct members must start at a multiple of 16. Fix: @align(16) on s',
      'uniform: S.s: the next member starts 8 bytes after it; uniform needs at least roundUp(16, 8) = 16. Fix: @size(16) on s',
      'uniform: S.r: array<f32> is runtime-sized; uniform buffers cannot hold one. Fix: bind the struct as var<storage, read>',
    ]);
    expect(uniformViolations(frameParamsStruct()).map((x) => x.path)).toContain('FrameParams.dstDesc.mipPitchBytes');
    expect(uniformViolations(struct('Ok', { a: vec4(f32), b: array(vec4(u32), 2), c: f32 }))).toEqual([]);
  });
});

test('pack and unpack round-trip by the layout; a wrong value names the member', () => {
  const S = struct('S', { a: vec3(f32), b: f32, m: mat(2, 3), n: struct('N', { k: array(u32, 2) }), i: i32 });
  const value = {
    a: [1, 2, 3],
    b: 4,
    m: [
      [1, 2, 3],
      [4, 5, 6],
    ],
    n: { k: [7, 8] },
    i: -9,
  };
  const bytes = packStruct(S, value);
  expect(bytes.length).toBe(layoutStruct(S).size);
  expect(new Float32Array(bytes.buffer, 12, 1)[0]).toBe(4);
  expect(unpackStruct(S, bytes)).toEqual(value);
  expect(() => packStruct(S, { ...value, n: { k: [1] } })).toThrow(
    'layout: S.n.k (array<u32, 2>) needs 2 elements, got [1]',
  );
});

test('WGSL declarations: nested structs first, attributes kept', () => {
  expect(wgslDeclaration(struct('Outer', { a: attr(A2, { align: 16 }), b: array(f32) }))).toBe(
    'struct A {\n  u: f32,\n  v: f32,\n  w: vec2<f32>,\n  @size(16) x: f32,\n}\n\nstruct Outer {\n  @align(16) a: A,\n  b: array<f32>,\n}\n',
  );
});

test('random structs: the engine agrees with wgsl_reflect on every member', () => {
  fc.assert(
    fc.property(randomStructArb(), (s) => {
      fc.pre(!nestsAttributedStruct(s));
      const code = `enable f16;\n${wgslDeclaration(s)}`;
      const reflected = reflectStructs(code).find((r) => r.decl.name === s.name)!;
      const mine = layoutStruct(s);
      expect(reflected.layout.members.map((m) => [m.name, m.offset, m.size])).toEqual(
        mine.members.map((m) => [m.name, m.offset, m.size]),
      );
      expect(reflected.layout.size).toBe(mine.size);
    }),
    { numRuns: 300 },
  );
});
