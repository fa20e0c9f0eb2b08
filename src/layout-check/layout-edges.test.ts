/**
 * The layout engine at its edges: every WGSL type wgsl_reflect hands back,
 * converted to the TS declaration exactly; packing refusals naming the
 * member; the declaration helpers' refusals; uniform rules at their bounds.
 */
import { describe, expect, test } from 'vitest';
import { packStruct, unpackStruct } from '../model/layout/codec.ts';
import { reflectStructs } from './reflected.ts';
import { layoutStruct } from '../model/layout/rules.ts';
import { array, attr, f16, f32, i32, mat, struct, u32, vec2, vec3, vec4 } from '../model/layout/types.ts';
import { uniformViolations } from '../model/layout/uniform.ts';
import { wgslDeclaration } from '../model/layout/wgsl-text.ts';

describe('reflected structs', () => {
  test('every type converts to the declaration a TS author writes, attributes and lines kept', () => {
    const code = [
      'enable f16;',
      'struct Leaf { v: vec2<u32> }',
      'struct S {',
      '  a: f32, b: i32, c: u32, d: f16,',
      '  e: vec2<f32>, f: vec3f, g: vec4h, h: vec3<i32>, i: vec2i, j: vec4u,',
      '  k: mat2x3f, l: mat4x4<f32>, m: mat3x2h, n: mat2x2<f16>,',
      '  @align(16) o: array<u32, 5>, p: array<Leaf, 2>, @size(32) q: Leaf,',
      '  r: array<f32>,',
      '}',
    ].join('\n');
    const [leaf, s] = reflectStructs(code);
    const Leaf = struct('Leaf', { v: vec2(u32) });
    expect(leaf!.decl).toEqual(Leaf);
    expect(leaf!.lines).toEqual([2, 2]);
    expect(s!.lines).toEqual([3, 9]);
    expect(s!.decl).toEqual(
      struct('S', {
        a: f32,
        b: i32,
        c: u32,
        d: f16,
        e: vec2(f32),
        f: vec3(f32),
        g: vec4(f16),
        h: vec3(i32),
        i: vec2(i32),
        j: vec4(u32),
        k: mat(2, 3),
        l: mat(4, 4),
        m: mat(3, 2, f16),
        n: mat(2, 2, f16),
        o: attr(array(u32, 5), { align: 16 }),
        p: array(Leaf, 2),
        q: attr(Leaf, { size: 32 }),
        r: array(f32),
      }),
    );
    // The nested struct is the same declaration object wherever it is used.
    const p = s!.decl.members.find((m) => m.name === 'p')!.type;
    const q = s!.decl.members.find((m) => m.name === 'q')!.type;
    expect(
      p.kind === 'array' && p.element.kind === 'struct' && q.kind === 'struct' && p.element.struct === q.struct,
    ).toBe(true);
    expect(s!.layout.members.map((m) => [m.name, m.offset, m.size])).toEqual(
      layoutStruct(s!.decl).members.map((m) => [m.name, m.offset, m.size]),
    );
    expect(s!.layout).toMatchObject({ name: 'S', size: layoutStruct(s!.decl).size, align: 16 });
  });

  test('unsupported member types are refused, naming struct and member', () => {
    expect(() => reflectStructs('struct S { flag: bool }')).toThrow('layout: S.flag: unsupported type bool');
    expect(() => reflectStructs('struct S { v: vec2<bool> }')).toThrow('layout: S.v: unsupported component type bool');
    expect(() => reflectStructs('struct S { a: array<bool, 2> }')).toThrow('layout: S.a[]: unsupported type bool');
  });
});

describe('packing', () => {
  const S = struct('S', {
    u: u32,
    i: i32,
    f: f32,
    v: vec3(f32),
    m: mat(2, 2),
    a: array(u32, 2),
    s: struct('T', { x: u32 }),
  });
  const ok = {
    u: 1,
    i: -2,
    f: 0.5,
    v: [1, 2, 3],
    m: [
      [1, 2],
      [3, 4],
    ],
    a: [5, 6],
    s: { x: 7 },
  };

  test('every kind round-trips, at its offset', () => {
    const bytes = packStruct(S, ok);
    expect(bytes.length).toBe(layoutStruct(S).size);
    expect(unpackStruct(S, bytes)).toEqual(ok);
    const view = new DataView(bytes.buffer);
    expect([
      view.getUint32(0, true),
      view.getInt32(4, true),
      view.getFloat32(8, true),
      view.getFloat32(16, true),
    ]).toEqual([1, -2, 0.5, 1]);
  });

  test('each wrong value is refused, naming the member and what it needs', () => {
    const bad = (patch: object) => () => packStruct(S, { ...ok, ...patch } as typeof ok);
    expect(bad({ u: '1' })).toThrow('layout: S.u (u32) needs a number, got "1"');
    expect(bad({ v: [1, 2] })).toThrow('layout: S.v (vec3<f32>) needs 3 numbers, got [1,2]');
    expect(bad({ v: 3 })).toThrow('layout: S.v (vec3<f32>) needs 3 numbers, got 3');
    expect(bad({ m: [[1, 2]] })).toThrow('layout: S.m (mat2x2<f32>) needs 2 columns, got [[1,2]]');
    expect(bad({ m: 1 })).toThrow('needs 2 columns, got 1');
    expect(bad({ m: [[1], [2]] })).toThrow('layout: S.m[0] (vec2<f32>) needs 2 numbers, got [1]');
    expect(bad({ a: [1] })).toThrow('layout: S.a (array<u32, 2>) needs 2 elements, got [1]');
    expect(bad({ a: 1 })).toThrow('needs 2 elements, got 1');
    expect(bad({ s: [1] })).toThrow('layout: S.s (T) needs an object, got [1]');
    expect(bad({ s: 1 })).toThrow('layout: S.s (T) needs an object, got 1');
    expect(bad({ s: {} })).toThrow('layout: S.s.x is missing');
    expect(() => packStruct(struct('H', { h: f16 }), { h: '1' } as never)).toThrow(
      'layout: H.h (f16) needs a number, got "1"',
    );
  });
});

describe('packing a runtime-sized array', () => {
  test('a runtime-sized last member takes as many elements as given, the size rounded up to the alignment', () => {
    const R = struct('R', { n: u32, r: array(vec2(f32)) });
    expect(
      packStruct(R, {
        n: 3,
        r: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      }).length,
    ).toBe(32);
    expect(packStruct(R, { n: 0, r: [] }).length).toBe(8);
    expect(() => packStruct(R, { n: 0 } as never)).toThrow('layout: R.r is missing');
    const bytes = packStruct(R, {
      n: 2,
      r: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(unpackStruct(R, bytes, 2)).toEqual({
      n: 2,
      r: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(unpackStruct(R, bytes)).toEqual({ n: 2, r: [] });
    expect(packStruct(struct('V', { a: vec4(f32), r: array(u32) }), { a: [0, 0, 0, 0], r: [1] }).length).toBe(32);
  });
});

describe('declaration helpers refuse what WGSL has no type for', () => {
  test('vectors of vectors, integer matrices, array counts', () => {
    expect(() => vec2(vec2(f32))).toThrow('layout: vectors and matrices take a scalar type, got vec');
    expect(() => vec3(mat(2, 2))).toThrow('got mat');
    expect(() => vec4(array(f32, 2))).toThrow('got array');
    expect(() => mat(2, 2, u32)).toThrow('layout: mat2x2<u32> is not a WGSL type (f32 or f16 only)');
    expect(() => mat(3, 4, i32)).toThrow('layout: mat3x4<i32> is not a WGSL type');
    expect(mat(2, 3, f16)).toEqual({ kind: 'mat', cols: 2, rows: 3, scalar: 'f16' });
    expect(() => array(f32, 0)).toThrow('layout: array count must be a whole number >= 1, got 0');
    expect(() => array(f32, 1.5)).toThrow('got 1.5');
    expect(array(f32, 1)).toEqual({ kind: 'array', element: f32, count: 1 });
    expect(array(f32)).toEqual({ kind: 'array', element: f32 });
    const T = struct('T', { x: u32 });
    expect(array(T, 2)).toEqual({ kind: 'array', element: { kind: 'struct', struct: T }, count: 2 });
    expect(attr(T, { align: 16 })).toEqual({ type: { kind: 'struct', struct: T }, align: 16 });
  });

  test('attributes: a power-of-two @align at least the type’s, an @size at least the type’s; a runtime array last', () => {
    expect(() => layoutStruct(struct('S', { a: attr(f32, { align: 3 }) }))).toThrow(
      'layout: S.a: @align(3) is not a power of two',
    );
    expect(() => layoutStruct(struct('S', { a: attr(f32, { align: 0 }) }))).toThrow('@align(0) is not a power of two');
    expect(() => layoutStruct(struct('S', { a: attr(vec4(f32), { align: 8 }) }))).toThrow(
      "layout: S.a: @align(8) is below its type's alignment 16",
    );
    expect(() => layoutStruct(struct('S', { a: attr(f32, { align: 1 }) }))).toThrow(
      "@align(1) is below its type's alignment 4",
    );
    expect(layoutStruct(struct('S', { x: u32, a: attr(f32, { align: 8 }) })).members[1]!.offset).toBe(8);
    expect(layoutStruct(struct('S', { a: attr(f32, { align: 4 }) })).size).toBe(4);
    expect(() => layoutStruct(struct('S', { a: attr(vec3(f32), { size: 8 }) }))).toThrow(
      "layout: S.a: @size(8) is below its type's size 12",
    );
    expect(layoutStruct(struct('S', { a: attr(vec3(f32), { size: 12 }) })).size).toBe(16);
    expect(() => layoutStruct(struct('S', { r: array(f32), x: f32 }))).toThrow(
      'layout: S.r: a runtime-sized array must be the last member',
    );
  });

  test('WGSL text: attributes in order, nested structs once and first', () => {
    const T = struct('T', { x: u32 });
    const text = wgslDeclaration(
      struct('S', { a: attr(u32, { align: 16, size: 32 }), t: T, ts: array(T, 2), b: attr(f32, { size: 8 }) }),
    );
    expect(text).toBe(
      'struct T {\n  x: u32,\n}\n\nstruct S {\n  @align(16) @size(32) a: u32,\n  t: T,\n  ts: array<T, 2>,\n  @size(8) b: f32,\n}\n',
    );
  });
});

describe('uniform rules at their bounds', () => {
  test('array strides and starts; the vec4 packing fix only for whole-count 32-bit scalars', () => {
    const fixes = (s: Parameters<typeof uniformViolations>[0]) =>
      uniformViolations(s).map((v) => `${v.path}: ${v.rule} / ${v.fix}`);
    expect(fixes(struct('S', { a: array(f32, 5) }))).toEqual([
      'S.a: array<f32, 5> has element stride 4; uniform arrays need a stride that is a multiple of 16 / bind the struct as var<storage, read>, or pack as array<vec4<f32>, 2>',
    ]);
    expect(fixes(struct('S', { a: array(vec2(f32), 2) }))).toEqual([
      'S.a: array<vec2<f32>, 2> has element stride 8; uniform arrays need a stride that is a multiple of 16 / bind the struct as var<storage, read>',
    ]);
    expect(fixes(struct('S', { a: array(f16, 8) }))[0]).toMatch(/ \/ bind the struct as var<storage, read>$/);
    expect(fixes(struct('S', { x: f32, a: array(vec4(f32), 2) }))).toEqual([]);
    expect(fixes(struct('S', { a: array(vec4(f32), 1), s: struct('T', { v: vec4(f32) }) }))).toEqual([]);
  });

  test('a struct member needs its size rounded to 16 before the next member, exactly', () => {
    const T = struct('T', { a: f32, b: f32, c: f32 });
    expect(uniformViolations(struct('S', { t: T, y: attr(f32, { align: 16 }) }))).toEqual([]);
    expect(uniformViolations(struct('S', { t: T, y: f32 })).map((v) => v.rule)).toEqual([
      'the next member starts 12 bytes after it; uniform needs at least roundUp(16, 12) = 16',
    ]);
    expect(uniformViolations(struct('S', { t: T }))).toEqual([]);
    expect(uniformViolations(struct('S', { x: f32, t: attr(T, { align: 16 }) }))).toEqual([]);
    expect(
      uniformViolations(struct('S', { ts: array(struct('E', { v: vec4(f32), x: array(f32, 2) }), 2) })).map(
        (v) => v.path,
      ),
    ).toEqual(['S.ts[].x']);
  });
});
