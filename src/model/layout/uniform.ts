/**
 * The uniform address space's extra layout constraints (WGSL core rules,
 * docs/facts.md#wgsl-layout): every rule a struct breaks, with the member and the fix.
 * Dawn ships the `uniform_buffer_standard_layout` language extension, which
 * lifts these rules, so Dawn compiles such structs; other implementations
 * without it reject them — a struct that breaks them is not portable.
 */
import { layoutStruct, strideOf } from './rules.ts';
import { typeName, type StructDecl, type WgslType } from './types.ts';

const roundUp = (k: number, n: number) => Math.ceil(n / k) * k;

export interface UniformViolation {
  /** `FrameParams.outDesc.mipOffsetBytes` */
  readonly path: string;
  readonly rule: string;
  readonly fix: string;
}

function vec4Packing(t: Extract<WgslType, { kind: 'array' }>): string {
  const e = t.element;
  if (e.kind === 'scalar' && e.scalar !== 'f16' && t.count !== undefined)
    return `, or pack as array<vec4<${e.scalar}>, ${Math.ceil(t.count / 4)}>`;
  return '';
}

/** Every uniform-space rule `s` breaks, nested structs and struct array elements included. */
export function uniformViolations(s: StructDecl, path = s.name): UniformViolation[] {
  const out: UniformViolation[] = [];
  const layout = layoutStruct(s);
  layout.members.forEach((m, i) => {
    const at = `${path}.${m.name}`;
    const t = m.type;
    if (t.kind === 'array') {
      if (t.count === undefined) {
        out.push({
          path: at,
          rule: `${typeName(t)} is runtime-sized; uniform buffers cannot hold one`,
          fix: 'bind the struct as var<storage, read>',
        });
        return;
      }
      const stride = strideOf(t.element);
      if (stride % 16 !== 0) {
        out.push({
          path: at,
          rule: `${typeName(t)} has element stride ${stride}; uniform arrays need a stride that is a multiple of 16`,
          fix: `bind the struct as var<storage, read>${vec4Packing(t)}`,
        });
      }
      if (m.offset % 16 !== 0)
        out.push({
          path: at,
          rule: `array starts at offset ${m.offset}; uniform arrays must start at a multiple of 16`,
          fix: `@align(16) on ${m.name}`,
        });
      if (t.element.kind === 'struct') out.push(...uniformViolations(t.element.struct, `${at}[]`));
    }
    if (t.kind === 'struct') {
      if (m.offset % 16 !== 0)
        out.push({
          path: at,
          rule: `struct member starts at offset ${m.offset}; uniform struct members must start at a multiple of 16`,
          fix: `@align(16) on ${m.name}`,
        });
      const next = layout.members[i + 1];
      const need = roundUp(16, layoutStruct(t.struct).size);
      if (next && next.offset - m.offset < need) {
        out.push({
          path: at,
          rule: `the next member starts ${next.offset - m.offset} bytes after it; uniform needs at least roundUp(16, ${layoutStruct(t.struct).size}) = ${need}`,
          fix: `@size(${need}) on ${m.name}`,
        });
      }
      out.push(...uniformViolations(t.struct, at));
    }
  });
  return out;
}

/** `uniform: TextureDesc.mipWidth: array<u32, 5> has element stride 4; … Fix: bind the struct as var<storage, read>, or pack as array<vec4<u32>, 2>` */
export function renderUniformViolation(v: UniformViolation): string {
  return `uniform: ${v.path}: ${v.rule}. Fix: ${v.fix}`;
}
