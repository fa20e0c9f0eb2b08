/**
 * WGSL host-shareable types, declared once in TypeScript:
 * `struct('A', { u: f32, v: f32, w: vec2(f32), x: attr(f32, { size: 16 }) })`.
 */

export type Scalar = 'i32' | 'u32' | 'f32' | 'f16';

export type WgslType =
  | { readonly kind: 'scalar'; readonly scalar: Scalar }
  | { readonly kind: 'vec'; readonly n: 2 | 3 | 4; readonly scalar: Scalar }
  | { readonly kind: 'mat'; readonly cols: 2 | 3 | 4; readonly rows: 2 | 3 | 4; readonly scalar: 'f32' | 'f16' }
  | { readonly kind: 'array'; readonly element: WgslType; /** undefined: runtime-sized */ readonly count?: number }
  | { readonly kind: 'struct'; readonly struct: StructDecl };

export interface Member {
  readonly name: string;
  readonly type: WgslType;
  /** `@align(n)` */
  readonly align?: number;
  /** `@size(n)` */
  readonly size?: number;
}

export interface StructDecl {
  readonly name: string;
  readonly members: readonly Member[];
}

/** A member type with its `@align` / `@size` attributes. */
export interface Attributed {
  readonly type: WgslType;
  readonly align?: number;
  readonly size?: number;
}

export const i32: WgslType = { kind: 'scalar', scalar: 'i32' };
export const u32: WgslType = { kind: 'scalar', scalar: 'u32' };
export const f32: WgslType = { kind: 'scalar', scalar: 'f32' };
export const f16: WgslType = { kind: 'scalar', scalar: 'f16' };

const scalarOf = (t: WgslType): Scalar => {
  if (t.kind !== 'scalar') throw new Error(`layout: vectors and matrices take a scalar type, got ${t.kind}`);
  return t.scalar;
};

export const vec2 = (s: WgslType): WgslType => ({ kind: 'vec', n: 2, scalar: scalarOf(s) });
export const vec3 = (s: WgslType): WgslType => ({ kind: 'vec', n: 3, scalar: scalarOf(s) });
export const vec4 = (s: WgslType): WgslType => ({ kind: 'vec', n: 4, scalar: scalarOf(s) });

/** `matCxR<s>`: C columns of vecR. */
export function mat(cols: 2 | 3 | 4, rows: 2 | 3 | 4, s: WgslType = f32): WgslType {
  const scalar = scalarOf(s);
  if (scalar !== 'f32' && scalar !== 'f16')
    throw new Error(`layout: mat${cols}x${rows}<${scalar}> is not a WGSL type (f32 or f16 only)`);
  return { kind: 'mat', cols, rows, scalar };
}

/** `array<E, N>`, or runtime-sized `array<E>` without a count; E may be a struct declaration. */
export function array(of: WgslType | StructDecl, count?: number): WgslType {
  const element: WgslType = 'members' in of ? { kind: 'struct', struct: of } : of;
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    throw new Error(`layout: array count must be a whole number >= 1, got ${count}`);
  return count === undefined ? { kind: 'array', element } : { kind: 'array', element, count };
}

/** A member type with `@align` and/or `@size`. */
export function attr(type: WgslType | StructDecl, a: { align?: number; size?: number }): Attributed {
  return { type: 'members' in type ? { kind: 'struct', struct: type } : type, ...a };
}

/**
 * Declares a struct; members in object order. A member is a type, a struct
 * declaration (nested), or an {@link attr}-ibuted type.
 */
export function struct(name: string, members: Record<string, WgslType | StructDecl | Attributed>): StructDecl {
  return {
    name,
    members: Object.entries(members).map(([n, m]) => {
      if ('members' in m) return { name: n, type: { kind: 'struct', struct: m } };
      if ('kind' in m) return { name: n, type: m };
      return { name: n, ...m };
    }),
  };
}

/** `vec3<f32>`, `array<u32, 5>`, `TextureDesc`: the WGSL spelling of a type. */
export function typeName(t: WgslType): string {
  switch (t.kind) {
    case 'scalar':
      return t.scalar;
    case 'vec':
      return `vec${t.n}<${t.scalar}>`;
    case 'mat':
      return `mat${t.cols}x${t.rows}<${t.scalar}>`;
    case 'array':
      return t.count === undefined ? `array<${typeName(t.element)}>` : `array<${typeName(t.element)}, ${t.count}>`;
    case 'struct':
      return t.struct.name;
  }
}
