/**
 * The special values of f32 and f16 (IEEE 754 §3.4 encodings), by name:
 * signed zeros, infinities, quiet and signalling NaNs with payloads,
 * subnormals, the smallest and largest normals, and 1 with its neighbours.
 * And, for integer element types, their edge values.
 */
import { ELEMENT_TYPES, type ElementTypeName } from '../elements/element-types.ts';

export interface SpecialValue {
  /** `-0`, `qNaN payload 1`, `min subnormal`, `1 + ulp`… */
  readonly name: string;
  /** The stored code (f32 or f16 bits, two's complement for signed integers). */
  readonly code: number;
}

function floatSpecials(exponentBits: number, mantissaBits: number): SpecialValue[] {
  const sign = 2 ** (exponentBits + mantissaBits);
  const mantissaMask = 2 ** mantissaBits - 1;
  const quiet = 2 ** (mantissaBits - 1);
  const expMax = (2 ** exponentBits - 1) * 2 ** mantissaBits;
  const one = (2 ** (exponentBits - 1) - 1) * 2 ** mantissaBits;
  const positive: SpecialValue[] = [
    { name: '0', code: 0 },
    { name: 'inf', code: expMax },
    { name: 'min subnormal', code: 1 },
    { name: 'max subnormal', code: mantissaMask },
    { name: 'min normal', code: 2 ** mantissaBits },
    { name: 'max normal', code: expMax - 1 },
    { name: '1', code: one },
    { name: '1 + ulp', code: one + 1 },
    { name: '1 - ulp', code: one - 1 },
  ];
  const nans: SpecialValue[] = [
    { name: 'qNaN', code: expMax + quiet },
    { name: 'qNaN payload 1', code: expMax + quiet + 1 },
    { name: '-qNaN', code: sign + expMax + quiet },
    { name: 'sNaN payload 1', code: expMax + 1 },
    { name: 'sNaN max payload', code: expMax + quiet - 1 },
    { name: '-sNaN payload 1', code: sign + expMax + 1 },
  ];
  return [...positive.flatMap((v) => [v, { name: `-${v.name}`, code: sign + v.code }]), ...nans];
}

function integerSpecials(name: ElementTypeName): SpecialValue[] {
  const c = ELEMENT_TYPES[name].codec;
  const bits = c.bits;
  const values =
    c.kind === 'sint' ? [0, 1, -1, -(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 1, 2 ** bits - 1, 2 ** (bits - 1)];
  return values.map((v) => ({ name: String(v), code: c.kind === 'sint' ? c.encode(v) : v }));
}

const specials = new Map<ElementTypeName, readonly SpecialValue[]>();

/**
 * The special values of an element type: for f32 and f16 every IEEE class
 * (24 values); for integer and unorm types 0, 1, the extremes, the middle (and -1).
 */
export function specialValues(type: ElementTypeName): readonly SpecialValue[] {
  let list = specials.get(type);
  if (!list) {
    list = type === 'f32' ? floatSpecials(8, 23) : type === 'f16' ? floatSpecials(5, 10) : integerSpecials(type);
    specials.set(type, list);
  }
  return list;
}
