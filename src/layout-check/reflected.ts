/**
 * Structs as `wgsl_reflect` reads them from WGSL source: their offsets and
 * sizes, and the same struct as a TS declaration (for the GPU probe and the
 * uniform rules). wgsl_reflect computes offsets but does not enforce the
 * uniform rules (docs/facts.md#wgsl-layout).
 */
import { WgslReflect } from '../wgsl/reflect.ts';
import type { StructLayout } from '../model/layout/rules.ts';
import type { Member, Scalar, StructDecl, WgslType } from '../model/layout/types.ts';

type Info = WgslReflect['structs'][number];
type TypeInfo = Info['members'][number]['type'];

const SHORT: Record<string, Scalar> = { f: 'f32', i: 'i32', u: 'u32', h: 'f16' };

function scalarOf(t: TypeInfo | null | undefined, where: string): Scalar {
  const n = t?.name;
  if (n === 'f32' || n === 'i32' || n === 'u32' || n === 'f16') return n;
  throw new Error(`layout: ${where}: unsupported component type ${n ?? '?'}`);
}

function convert(t: TypeInfo, where: string, structs: Map<string, StructDecl>): WgslType {
  const n = t.name;
  const format = (t as { format?: TypeInfo | null }).format;
  if (n === 'f32' || n === 'i32' || n === 'u32' || n === 'f16') return { kind: 'scalar', scalar: n };
  const vec = /^vec([234])([fihu])?$/.exec(n);
  if (vec)
    return { kind: 'vec', n: Number(vec[1]) as 2 | 3 | 4, scalar: vec[2] ? SHORT[vec[2]]! : scalarOf(format, where) };
  const mat = /^mat([234])x([234])([fh])?$/.exec(n);
  if (mat)
    return {
      kind: 'mat',
      cols: Number(mat[1]) as 2 | 3 | 4,
      rows: Number(mat[2]) as 2 | 3 | 4,
      scalar: (mat[3] ? SHORT[mat[3]]! : scalarOf(format, where)) as 'f32' | 'f16',
    };
  if (t.isArray) {
    const a = t as TypeInfo & { format: TypeInfo; count: number };
    const element = convert(a.format, `${where}[]`, structs);
    return a.count > 0 ? { kind: 'array', element, count: a.count } : { kind: 'array', element };
  }
  if (t.isStruct) return { kind: 'struct', struct: declOf(t as Info, structs) };
  throw new Error(`layout: ${where}: unsupported type ${n}`);
}

function attribute(
  m: { attributes: Array<{ name: string; value: unknown }> | null },
  name: string,
): number | undefined {
  const a = m.attributes?.find((x) => x.name === name);
  return a === undefined ? undefined : Number(Array.isArray(a.value) ? a.value[0] : a.value);
}

function declOf(s: Info, structs: Map<string, StructDecl>): StructDecl {
  const known = structs.get(s.name);
  if (known) return known;
  const members: Member[] = s.members.map((m) => {
    const align = attribute(m, 'align');
    const size = attribute(m, 'size');
    return {
      name: m.name,
      type: convert(m.type, `${s.name}.${m.name}`, structs),
      ...(align === undefined ? {} : { align }),
      ...(size === undefined ? {} : { size }),
    };
  });
  const d = { name: s.name, members };
  structs.set(s.name, d);
  return d;
}

export interface ReflectedStruct {
  /** Offsets and sizes as wgsl_reflect computes them. */
  readonly layout: StructLayout;
  /** The same struct as a declaration. */
  readonly decl: StructDecl;
  /** 1-based lines of the declaration in the source. */
  readonly lines: readonly [number, number];
}

/** Every struct of a WGSL source, in source order. */
export function reflectStructs(code: string): ReflectedStruct[] {
  const r = new WgslReflect(code);
  const structs = new Map<string, StructDecl>();
  return r.structs.map((s) => {
    const decl = declOf(s, structs);
    return {
      decl,
      lines: [s.startLine, s.endLine],
      layout: {
        name: s.name,
        size: s.size,
        align: s.align,
        members: s.members.map((m, i) => ({
          name: m.name,
          type: decl.members[i]!.type,
          offset: m.offset,
          size: m.size,
          align: m.align,
        })),
      },
    };
  });
}
