/**
 * fast-check arbitrary of random struct declarations — scalars, vectors,
 * matrices, fixed and runtime arrays, nested structs, @align and @size — for
 * checking the layout engine against wgsl_reflect and the GPU.
 */
import fc from 'fast-check';
import { alignOf, sizeOf } from './rules.ts';
import type { Member, Scalar, StructDecl, WgslType } from './types.ts';

function typeArb(depth: number, structs: fc.Arbitrary<StructDecl>, f16: boolean): fc.Arbitrary<WgslType> {
  const scalar = f16
    ? fc.constantFrom<Scalar>('u32', 'i32', 'f32', 'f16')
    : fc.constantFrom<Scalar>('u32', 'i32', 'f32');
  const matScalar = f16 ? fc.constantFrom<'f32' | 'f16'>('f32', 'f16') : fc.constant<'f32'>('f32');
  const leaf = fc.oneof(
    scalar.map((s): WgslType => ({ kind: 'scalar', scalar: s })),
    fc
      .record({ n: fc.constantFrom<2 | 3 | 4>(2, 3, 4), s: scalar })
      .map(({ n, s }): WgslType => ({ kind: 'vec', n, scalar: s })),
    fc
      .record({ c: fc.constantFrom<2 | 3 | 4>(2, 3, 4), r: fc.constantFrom<2 | 3 | 4>(2, 3, 4), s: matScalar })
      .map(({ c, r, s }): WgslType => ({ kind: 'mat', cols: c, rows: r, scalar: s })),
  );
  if (depth === 0) return leaf;
  return fc.oneof(
    { arbitrary: leaf, weight: 4 },
    {
      arbitrary: fc
        .record({ e: typeArb(depth - 1, structs, f16), n: fc.integer({ min: 1, max: 4 }) })
        .map(({ e, n }): WgslType => ({ kind: 'array', element: e, count: n })),
      weight: 1,
    },
    { arbitrary: structs.map((s): WgslType => ({ kind: 'struct', struct: s })), weight: 1 },
  );
}

function memberArb(depth: number, structs: fc.Arbitrary<StructDecl>, f16: boolean): fc.Arbitrary<Omit<Member, 'name'>> {
  return fc
    .record({
      type: typeArb(depth, structs, f16),
      alignShift: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 4 }),
      extra: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 4 }),
    })
    .map(({ type, alignShift, extra }) => ({
      type,
      ...(alignShift === null ? {} : { align: alignOf(type) << alignShift }),
      ...(extra === null ? {} : { size: sizeOf(type) + 2 * extra }),
    }));
}

function structArb(depth: number, f16: boolean): fc.Arbitrary<StructDecl> {
  const inner: fc.Arbitrary<StructDecl> =
    depth === 0
      ? fc.constant({ name: 'Leaf', members: [{ name: 'm0', type: { kind: 'scalar', scalar: 'f32' } }] })
      : fc.constant(null).chain(() => structArb(depth - 1, f16));
  return fc
    .array(memberArb(depth, inner, f16), { minLength: 1, maxLength: 6 })
    .map((ms) => ({ name: 'S', members: ms.map((m, i) => ({ name: `m${i}`, ...m })) }));
}

/** Gives every distinct struct object a unique name (`S0`, `S1`, …). */
function named(root: StructDecl): StructDecl {
  const names = new Map<StructDecl, StructDecl>();
  let k = 0;
  const visit = (s: StructDecl): StructDecl => {
    const known = names.get(s);
    if (known) return known;
    const out: { name: string; members: Member[] } = { name: `S${k++}`, members: [] };
    names.set(s, out);
    const retype = (t: WgslType): WgslType =>
      t.kind === 'struct'
        ? { kind: 'struct', struct: visit(t.struct) }
        : t.kind === 'array'
          ? { ...t, element: retype(t.element) }
          : t;
    out.members = s.members.map((m) => ({ ...m, type: retype(m.type) }));
    return out;
  };
  return visit(root);
}

/**
 * Random structs up to `depth` levels of nesting; optionally ending in a
 * runtime-sized array. `f16: false` for devices without shader-f16.
 */
export function randomStructArb(depth = 2, o: { readonly f16?: boolean } = {}): fc.Arbitrary<StructDecl> {
  return fc
    .tuple(
      structArb(depth, o.f16 ?? true),
      fc.option(fc.constantFrom<WgslType>({ kind: 'scalar', scalar: 'f32' }, { kind: 'vec', n: 3, scalar: 'u32' }), {
        freq: 4,
      }),
    )
    .map(([s, tail]) =>
      named(
        tail
          ? { ...s, members: [...s.members, { name: `m${s.members.length}`, type: { kind: 'array', element: tail } }] }
          : s,
      ),
    );
}

/**
 * True where a struct nests a struct whose members carry `@size` or `@align`:
 * wgsl_reflect 1.6.0 sizes such a nested struct as if the attributes were
 * absent (a member `@align(16)` must round the struct's size to 16; the GPU
 * agrees with the WGSL rules, see three-way.test.ts), so comparisons with it
 * skip these.
 */
export function nestsAttributedStruct(s: StructDecl): boolean {
  const nested = (t: WgslType): StructDecl[] =>
    t.kind === 'struct' ? [t.struct] : t.kind === 'array' ? nested(t.element) : [];
  return s.members.some((m) =>
    nested(m.type).some(
      (n) => n.members.some((x) => x.size !== undefined || x.align !== undefined) || nestsAttributedStruct(n),
    ),
  );
}
