/**
 * The C layout rules against the system C compiler: seed structs, where C and WGSL differ, random structs, a planted
 * mismatch.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { frameParamsStruct, textureDescStruct } from '../model/surface/desc.ts';
import { checkCLayout, renderCLayoutCheck } from './c-check.ts';
import { cDeclaration } from '../model/layout/c-text.ts';
import { packStruct } from '../model/layout/codec.ts';
import { randomStructArb } from '../model/layout/random-structs.ts';
import { layoutStruct } from '../model/layout/rules.ts';
import {
  array,
  attr,
  f32,
  mat,
  struct,
  u32,
  vec3,
  type Member,
  type StructDecl,
  type WgslType,
} from '../model/layout/types.ts';

describe('seed structs under C rules', () => {
  test('TextureDesc: 112 bytes in C as in WGSL', () => {
    expect(renderCLayoutCheck(checkCLayout({ ts: textureDescStruct() }))).toBe(
      'TextureDesc (C): TS and the C compiler agree: 112 bytes, align 4, 12 fields',
    );
  });

  test('FrameParams: 352 bytes', () => {
    expect(renderCLayoutCheck(checkCLayout({ ts: frameParamsStruct() }))).toBe(
      'FrameParams (C): TS and the C compiler agree: 352 bytes, align 4, 7 fields',
    );
  });
});

test('where C and WGSL differ: vec3 is float[3] (align 4), a matrix has no padded columns', () => {
  const s = struct('Mixed', { a: f32, v: vec3(f32), m: mat(3, 3), tail: u32 });
  expect(layoutStruct(s).members.map((m) => m.offset)).toEqual([0, 16, 32, 80]);
  expect(layoutStruct(s, 'c').members.map((m) => m.offset)).toEqual([0, 4, 16, 52]);
  expect(checkCLayout({ ts: s }).pass).toBe(true);
  expect(
    packStruct(
      s,
      {
        a: 1,
        v: [2, 3, 4],
        m: [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        tail: 7,
      },
      { rules: 'c' },
    ).length,
  ).toBe(56);
});

test('@size has no C spelling: a clear error', () => {
  expect(() => layoutStruct(struct('P', { x: attr(f32, { size: 12 }) }), 'c')).toThrow(
    'layout: P.x: @size(12) has no C equivalent (C rules); declare the padding as a member',
  );
});

test('planted: a C struct whose member order differs from the TS declaration fails at the first wrong field', () => {
  const ts = textureDescStruct();
  const swapped = cDeclaration(ts).replace(
    '  uint32_t addressMode;\n  uint32_t mipLevelCount;',
    '  uint32_t mipLevelCount;\n  uint32_t addressMode;',
  );
  const r = checkCLayout({ ts, c: swapped });
  expect(r.pass).toBe(false);
  expect(renderCLayoutCheck(r)).toBe(
    'TextureDesc (C): first wrong field addressMode: TS offset 24, C 28; size TS 112, C 112, align TS 4, C 4',
  );
});

/** The random structs without @size (no C spelling). */
function withoutSize(s: StructDecl): StructDecl {
  const retype = (t: WgslType): WgslType =>
    t.kind === 'struct'
      ? { kind: 'struct', struct: withoutSize(t.struct) }
      : t.kind === 'array'
        ? { ...t, element: retype(t.element) }
        : t;
  return { name: s.name, members: s.members.map(({ size: _size, ...m }): Member => ({ ...m, type: retype(m.type) })) };
}

test('random structs (vectors, matrices, arrays, nesting, alignas, f16, flexible arrays): the C rules equal the compiler', () => {
  fc.assert(
    fc.property(randomStructArb(2).map(withoutSize), (s) => {
      const r = checkCLayout({ ts: s });
      expect(r.pass, `${renderCLayoutCheck(r)}\n${cDeclaration(s)}`).toBe(true);
    }),
    { numRuns: Number(process.env.TWINPATH_RUNS ?? 40) },
  );
});

test('an array of structs strides by the struct size', () => {
  const inner = struct('In', { a: u32, b: vec3(f32) });
  expect(checkCLayout({ ts: struct('Out', { xs: array(inner, 3), z: f32 }) }).pass).toBe(true);
});
