/** The WGSL declaration of a TS struct declaration, nested structs first. */
import { typeName, type StructDecl, type WgslType } from './types.ts';

function nested(t: WgslType): StructDecl[] {
  if (t.kind === 'struct') return [t.struct];
  if (t.kind === 'array') return nested(t.element);
  return [];
}

/**
 * ```
 * struct A {
 *   u: f32,
 *   @size(16) x: f32,
 * }
 * ```
 * Structs it uses are declared before it, each once.
 */
export function wgslDeclaration(s: StructDecl): string {
  const done = new Set<string>();
  const out: string[] = [];
  const emit = (d: StructDecl) => {
    if (done.has(d.name)) return;
    done.add(d.name);
    d.members.flatMap((m) => nested(m.type)).forEach(emit);
    const members = d.members.map(
      (m) =>
        `  ${m.align !== undefined ? `@align(${m.align}) ` : ''}${m.size !== undefined ? `@size(${m.size}) ` : ''}${m.name}: ${typeName(m.type)},`,
    );
    out.push(`struct ${d.name} {\n${members.join('\n')}\n}`);
  };
  emit(s);
  return `${out.join('\n\n')}\n`;
}
