/**
 * Memory layout rules, two of them:
 * - `wgsl`: the WGSL rules (docs/facts.md#wgsl-layout; WGSL spec "Memory Layout"), storage
 *   rules everywhere; the uniform address space's extra constraints are
 *   checked separately (uniform.ts).
 * - `c`: `repr(C)` on the x86-64 System V ABI (what gcc, clang and NVRTC lay
 *   out for host and kernel-parameter structs): a scalar aligns to its size,
 *   `vecN<T>` is `T[N]`, `matCxR<T>` is `T[C][R]`, `@align(n)` is
 *   `alignas(n)`; `@size` has no C spelling.
 */
import type { Member, StructDecl, WgslType } from './types.ts';

/** Which rules lay a struct out: WGSL's (GPU buffers) or C's (native memory, kernel parameters). */
export type LayoutRules = 'wgsl' | 'c';

const roundUp = (k: number, n: number) => Math.ceil(n / k) * k;

const scalarBytes = (s: string) => (s === 'f16' ? 2 : 4);

/** AlignOf(T) in the storage address space (`wgsl`), or alignof(T) in C. */
export function alignOf(t: WgslType, rules: LayoutRules = 'wgsl'): number {
  if (rules === 'c') {
    if (t.kind === 'array') return alignOf(t.element, rules);
    if (t.kind === 'struct') return layoutStruct(t.struct, rules).align;
    return scalarBytes(t.scalar);
  }
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
      return Math.max(...t.struct.members.map((m) => memberAlign(m, rules)));
  }
}

/** SizeOf(T), or sizeof(T) in C; a runtime-sized array counts as 0 elements. */
export function sizeOf(t: WgslType, rules: LayoutRules = 'wgsl'): number {
  if (rules === 'c') {
    switch (t.kind) {
      case 'scalar':
        return scalarBytes(t.scalar);
      case 'vec':
        return t.n * scalarBytes(t.scalar);
      case 'mat':
        return t.cols * t.rows * scalarBytes(t.scalar);
      case 'array':
        return (t.count ?? 0) * strideOf(t.element, rules);
      case 'struct':
        return layoutStruct(t.struct, rules).size;
    }
  }
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

/** Array element stride: `roundUp(AlignOf(E), SizeOf(E))` (in C, sizeof(E) is already a multiple of its alignment). */
export function strideOf(element: WgslType, rules: LayoutRules = 'wgsl'): number {
  return roundUp(alignOf(element, rules), sizeOf(element, rules));
}

/** A member's alignment: `@align` (C: `alignas`) or its type's. */
function memberAlign(m: Member, rules: LayoutRules): number {
  return m.align ?? alignOf(m.type, rules);
}

/** A member's size: `@size` or its type's. */
function memberSize(m: Member, rules: LayoutRules): number {
  return m.size ?? sizeOf(m.type, rules);
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
 * the largest member align, size rounded up to it — under both rules.
 * Throws on a bad attribute: `layout: A.x: @align(6) is not a power of two`,
 * or under C rules `layout: A.x: @size(12) has no C equivalent (C rules); declare the padding as a member`.
 */
export function layoutStruct(s: StructDecl, rules: LayoutRules = 'wgsl'): StructLayout {
  let end = 0;
  const members = s.members.map((m, i) => {
    if (rules === 'c' && m.size !== undefined) {
      throw new Error(
        `layout: ${s.name}.${m.name}: @size(${m.size}) has no C equivalent (C rules); declare the padding as a member`,
      );
    }
    const align = memberAlign(m, rules);
    const size = memberSize(m, rules);
    const natural = alignOf(m.type, rules);
    if (m.align !== undefined && (m.align < 1 || (m.align & (m.align - 1)) !== 0))
      throw new Error(`layout: ${s.name}.${m.name}: @align(${m.align}) is not a power of two`);
    if (m.align !== undefined && m.align < natural)
      throw new Error(`layout: ${s.name}.${m.name}: @align(${m.align}) is below its type's alignment ${natural}`);
    if (m.size !== undefined && m.size < sizeOf(m.type))
      throw new Error(`layout: ${s.name}.${m.name}: @size(${m.size}) is below its type's size ${sizeOf(m.type)}`);
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
