/**
 * The WGSL memory layout rules (docs/facts.md#wgsl-layout; WGSL spec "Memory Layout").
 * Storage rules everywhere; the uniform address space's extra constraints
 * are checked separately (uniform.ts).
 */
import type { Member, StructDecl, WgslType } from './types.ts';

const roundUp = (k: number, n: number) => Math.ceil(n / k) * k;

/** AlignOf(T) in the storage address space. */
export function alignOf(t: WgslType): number {
  switch (t.kind) {
    case 'scalar':
      return t.scalar === 'f16' ? 2 : 4;
    case 'vec': {
      const s = t.scalar === 'f16' ? 2 : 4;
      return (t.n === 2 ? 2 : 4) * s;
    }
    case 'mat':
      return alignOf({ kind: 'vec', n: t.rows, scalar: t.scalar });
    case 'array':
      return alignOf(t.element);
    case 'struct':
      return Math.max(...t.struct.members.map(memberAlign));
  }
}

/** SizeOf(T); a runtime-sized array counts as 0 elements. */
export function sizeOf(t: WgslType): number {
  switch (t.kind) {
    case 'scalar':
      return t.scalar === 'f16' ? 2 : 4;
    case 'vec':
      return t.n * (t.scalar === 'f16' ? 2 : 4);
    case 'mat': {
      const col: WgslType = { kind: 'vec', n: t.rows, scalar: t.scalar };
      return t.cols * roundUp(alignOf(col), sizeOf(col));
    }
    case 'array':
      return (t.count ?? 0) * strideOf(t.element);
    case 'struct':
      return layoutStruct(t.struct).size;
  }
}

/** Array element stride: `roundUp(AlignOf(E), SizeOf(E))`. */
export function strideOf(element: WgslType): number {
  return roundUp(alignOf(element), sizeOf(element));
}

/** A member's alignment: `@align` or its type's. */
function memberAlign(m: Member): number {
  return m.align ?? alignOf(m.type);
}

/** A member's size: `@size` or its type's. */
function memberSize(m: Member): number {
  return m.size ?? sizeOf(m.type);
}

export interface MemberLayout {
  readonly name: string;
  readonly type: WgslType;
  readonly offset: number;
  readonly size: number;
  readonly align: number;
}

export interface StructLayout {
  readonly name: string;
  readonly size: number;
  readonly align: number;
  readonly members: readonly MemberLayout[];
}

/**
 * Member offsets `roundUp(align_i, offset_{i-1} + size_{i-1})`, struct align
 * the largest member align, size rounded up to it.
 * Throws on a bad attribute: `layout: A.x: @align(6) is not a power of two`.
 */
export function layoutStruct(s: StructDecl): StructLayout {
  let end = 0;
  const members = s.members.map((m, i) => {
    const align = memberAlign(m);
    const size = memberSize(m);
    if (m.align !== undefined && (m.align < 1 || (m.align & (m.align - 1)) !== 0)) throw new Error(`layout: ${s.name}.${m.name}: @align(${m.align}) is not a power of two`);
    if (m.align !== undefined && m.align < alignOf(m.type)) throw new Error(`layout: ${s.name}.${m.name}: @align(${m.align}) is below its type's alignment ${alignOf(m.type)}`);
    if (m.size !== undefined && m.size < sizeOf(m.type)) throw new Error(`layout: ${s.name}.${m.name}: @size(${m.size}) is below its type's size ${sizeOf(m.type)}`);
    if (m.type.kind === 'array' && m.type.count === undefined && i !== s.members.length - 1) {
      throw new Error(`layout: ${s.name}.${m.name}: a runtime-sized array must be the last member`);
    }
    const offset = roundUp(align, end);
    end = offset + size;
    return { name: m.name, type: m.type, offset, size, align };
  });
  const align = Math.max(1, ...members.map((m) => m.align));
  return { name: s.name, size: roundUp(align, end), align, members };
}
