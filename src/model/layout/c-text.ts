/** The C declaration of a TS struct declaration (C rules: `vecN<T>` is `T[N]`, `matCxR<T>` is `T[C][R]`). */
import type { StructDecl, WgslType } from './types.ts';

const SCALAR_C: Readonly<Record<string, string>> = { u32: 'uint32_t', i32: 'int32_t', f32: 'float', f16: '_Float16' };

function nested(t: WgslType): StructDecl[] {
  if (t.kind === 'struct') return [t.struct];
  if (t.kind === 'array') return nested(t.element);
  return [];
}

/** The element type and the array suffixes of a member: `float m[3][2]`. */
function cParts(t: WgslType): { base: string; dims: string } {
  switch (t.kind) {
    case 'scalar':
      return { base: SCALAR_C[t.scalar]!, dims: '' };
    case 'vec':
      return { base: SCALAR_C[t.scalar]!, dims: `[${t.n}]` };
    case 'mat':
      return { base: SCALAR_C[t.scalar]!, dims: `[${t.cols}][${t.rows}]` };
    case 'array': {
      const e = cParts(t.element);
      return { base: e.base, dims: `[${t.count ?? ''}]${e.dims}` };
    }
    case 'struct':
      return { base: t.struct.name, dims: '' };
  }
}

/**
 * ```
 * typedef struct A {
 *   float u;
 *   _Alignas(16) uint32_t v[3];
 * } A;
 * ```
 * Structs it uses are declared before it, each once; valid C11 and C++
 * (`_Alignas` is spelled `alignas` when `cxx`). A runtime-sized array is a
 * flexible array member. Throws under `@size`:
 * `layout: A.x: @size(12) has no C equivalent (C rules); declare the padding as a member`.
 */
export function cDeclaration(s: StructDecl, o: { readonly cxx?: boolean } = {}): string {
  const done = new Set<string>();
  const out: string[] = [];
  const emit = (d: StructDecl) => {
    if (done.has(d.name)) return;
    done.add(d.name);
    d.members.flatMap((m) => nested(m.type)).forEach(emit);
    const members = d.members.map((m) => {
      if (m.size !== undefined)
        throw new Error(
          `layout: ${d.name}.${m.name}: @size(${m.size}) has no C equivalent (C rules); declare the padding as a member`,
        );
      const { base, dims } = cParts(m.type);
      const align = m.align !== undefined ? `${o.cxx ? 'alignas' : '_Alignas'}(${m.align}) ` : '';
      return `  ${align}${base} ${m.name}${dims};`;
    });
    out.push(`typedef struct ${d.name} {\n${members.join('\n')}\n} ${d.name};`);
  };
  emit(s);
  return `${out.join('\n\n')}\n`;
}
