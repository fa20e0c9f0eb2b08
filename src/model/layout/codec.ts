/**
 * Packing plain objects into a struct's bytes and back, by its layout.
 * Values: numbers for scalars, number arrays for vectors and arrays of
 * scalars, arrays of columns for matrices, objects for structs. f32 and f16
 * members round the number once to nearest, ties to even (subnormals kept,
 * ±infinity, a finite value past the largest one becomes infinity; NaN packs
 * as the quiet NaN, f16 0x7e00); unpacking is exact.
 */
import { decodeSmallFloat, encodeSmallFloat, F16 } from '../elements/small-float.ts';
import { layoutStruct, sizeOf, strideOf, type LayoutRules } from './rules.ts';
import { typeName, type StructDecl, type WgslType } from './types.ts';

export type LayoutValue = number | readonly LayoutValue[] | { readonly [name: string]: LayoutValue };

/** Which missing struct members packing leaves zero: none (every member must be given), members named `_…` (pads), or all. */
export type ZeroFill = 'none' | 'pads' | 'all';

/** How a struct is packed: which rules lay it out, which missing members are left zero. */
interface PackMode {
  readonly rules: LayoutRules;
  readonly zero: ZeroFill;
}

function write(view: DataView, at: number, t: WgslType, v: LayoutValue, path: string, mode: PackMode): void {
  const bad = (want: string) => new Error(`layout: ${path} (${typeName(t)}) needs ${want}, got ${JSON.stringify(v)}`);
  switch (t.kind) {
    case 'scalar':
      if (typeof v !== 'number') throw bad('a number');
      if (t.scalar === 'u32') view.setUint32(at, v, true);
      else if (t.scalar === 'i32') view.setInt32(at, v, true);
      else if (t.scalar === 'f32') view.setFloat32(at, v, true);
      else view.setUint16(at, encodeSmallFloat(F16, v), true);
      return;
    case 'vec':
      if (!Array.isArray(v) || v.length !== t.n) throw bad(`${t.n} numbers`);
      v.forEach((c, i) =>
        write(
          view,
          at + i * sizeOf({ kind: 'scalar', scalar: t.scalar }, mode.rules),
          { kind: 'scalar', scalar: t.scalar },
          c,
          `${path}[${i}]`,
          mode,
        ),
      );
      return;
    case 'mat': {
      if (!Array.isArray(v) || v.length !== t.cols) throw bad(`${t.cols} columns`);
      const col: WgslType = { kind: 'vec', n: t.rows, scalar: t.scalar };
      v.forEach((c, i) => write(view, at + i * strideOf(col, mode.rules), col, c, `${path}[${i}]`, mode));
      return;
    }
    case 'array':
      if (!Array.isArray(v) || (t.count !== undefined && v.length !== t.count))
        throw bad(`${t.count ?? 'any number of'} elements`);
      v.forEach((e, i) => write(view, at + i * strideOf(t.element, mode.rules), t.element, e, `${path}[${i}]`, mode));
      return;
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) throw bad('an object');
      const obj = v as { readonly [name: string]: LayoutValue };
      for (const m of layoutStruct(t.struct, mode.rules).members) {
        if (!(m.name in obj)) {
          if (mode.zero === 'all' || (mode.zero === 'pads' && m.name.startsWith('_'))) continue;
          throw new Error(
            `layout: ${path}.${m.name} is missing${mode.zero === 'none' ? " (packStruct(…, { zeroFill: 'pads' }) leaves pads _… zero)" : ''}`,
          );
        }
        write(view, at + m.offset, m.type, obj[m.name]!, `${path}.${m.name}`, mode);
      }
    }
  }
}

function read(view: DataView, at: number, t: WgslType, runtimeCount: number, rules: LayoutRules): LayoutValue {
  switch (t.kind) {
    case 'scalar':
      if (t.scalar === 'u32') return view.getUint32(at, true);
      if (t.scalar === 'i32') return view.getInt32(at, true);
      if (t.scalar === 'f32') return view.getFloat32(at, true);
      return decodeSmallFloat(F16, view.getUint16(at, true));
    case 'vec':
      return Array.from({ length: t.n }, (_, i) =>
        read(
          view,
          at + i * sizeOf({ kind: 'scalar', scalar: t.scalar }, rules),
          { kind: 'scalar', scalar: t.scalar },
          0,
          rules,
        ),
      );
    case 'mat': {
      const col: WgslType = { kind: 'vec', n: t.rows, scalar: t.scalar };
      return Array.from({ length: t.cols }, (_, i) => read(view, at + i * strideOf(col, rules), col, 0, rules));
    }
    case 'array':
      return Array.from({ length: t.count ?? runtimeCount }, (_, i) =>
        read(view, at + i * strideOf(t.element, rules), t.element, 0, rules),
      );
    case 'struct':
      return Object.fromEntries(
        layoutStruct(t.struct, rules).members.map((m) => [
          m.name,
          read(view, at + m.offset, m.type, runtimeCount, rules),
        ]),
      );
  }
}

/**
 * The bytes of `value` laid out as `s` (padding zero; a runtime-sized last
 * member takes as many elements as given), under `rules` (`wgsl` by default;
 * `c` for native memory). By default every member must be
 * given; `zeroFill: 'pads'` leaves members named `_…` zero, `'all'` any
 * member left out. Throws naming the member:
 * `layout: TextureDesc.mipWidth (array<u32, 5>) needs 5 elements, got [1,2]`,
 * `layout: Params._pad0 is missing (packStruct(…, { zeroFill: 'pads' }) leaves pads _… zero)`.
 */
export function packStruct(
  s: StructDecl,
  value: { readonly [name: string]: LayoutValue },
  options: { readonly zeroFill?: ZeroFill; readonly rules?: LayoutRules } = {},
): Uint8Array {
  const rules = options.rules ?? 'wgsl';
  const layout = layoutStruct(s, rules);
  const last = layout.members[layout.members.length - 1];
  let size = layout.size;
  if (last && last.type.kind === 'array' && last.type.count === undefined) {
    const n = (value[last.name] as readonly LayoutValue[] | undefined)?.length ?? 0;
    size = Math.ceil((last.offset + n * strideOf(last.type.element, rules)) / layout.align) * layout.align;
  }
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer), 0, { kind: 'struct', struct: s }, value, s.name, {
    rules,
    zero: options.zeroFill ?? 'none',
  });
  return bytes;
}

/** The object `bytes` hold, laid out as `s` under `rules`; a runtime-sized array takes `runtimeCount` elements. */
export function unpackStruct(
  s: StructDecl,
  bytes: Uint8Array,
  runtimeCount = 0,
  rules: LayoutRules = 'wgsl',
): { [name: string]: LayoutValue } {
  return read(
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    0,
    { kind: 'struct', struct: s },
    runtimeCount,
    rules,
  ) as { [name: string]: LayoutValue };
}
