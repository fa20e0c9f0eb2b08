/**
 * Edge values of f32 and f16 inputs, drawn at random within their class: signed zeros, subnormals, infinities,
 * quiet and signalling NaNs with random payloads, and values next to a power of two (2^k and its two neighbours,
 * any k of the normal range). Float generators mix them in at EDGE_SHARE; a kernel whose input domain excludes a
 * class says so (`edges: false`, or `edges: { nan: false }`).
 */
import { ELEMENT_TYPES } from '../elements/element-types.ts';

/** The classes of edge values: `nan` covers quiet and signalling NaNs, `pow2` the neighbours of powers of two. */
export const EDGE_CLASSES = ['zero', 'subnormal', 'infinity', 'nan', 'pow2'] as const;

export type EdgeClass = (typeof EDGE_CLASSES)[number];

/**
 * Which edge classes a float input holds: all (`true`, the default), none (`false`), or per class
 * (`{ nan: false }`).
 */
export type EdgeOption = boolean | Readonly<Partial<Record<EdgeClass, boolean>>>;

/**
 * The share of float elements drawn from the edge classes: 1 in 8. A 64-element case then holds about 8 edge
 * values and each of the five classes with probability 1 - (39/40)^64 ≈ 0.8, while 7 of 8 values stay ordinary, so
 * the arithmetic between ordinary values is still swept.
 */
export const EDGE_SHARE = 1 / 8;

/** The classes `option` enables, of those the content allows (`finite` excludes infinities and NaNs). */
export function edgeClasses(option: EdgeOption | undefined, finite: boolean): readonly EdgeClass[] {
  if (option === false) return [];
  const allowed = EDGE_CLASSES.filter((c) => !(finite && (c === 'infinity' || c === 'nan')));
  return option === undefined || option === true ? allowed : allowed.filter((c) => option[c] ?? true);
}

/** `edges`, `no edges`, `edges zero+pow2`: the edge classes as a case's one line prints them. */
export function describeEdges(option: EdgeOption | undefined): string {
  if (option === false) return 'no edges';
  if (option === undefined || option === true) return 'edges';
  const on = EDGE_CLASSES.filter((c) => option[c] ?? true);
  return on.length === EDGE_CLASSES.length ? 'edges' : on.length ? `edges ${on.join('+')}` : 'no edges';
}

/** A float type's fields: mantissa bits, the all-ones exponent, the quiet bit and the sign bit. */
function fields(type: 'f32' | 'f16') {
  const bits = ELEMENT_TYPES[type].codec.bits;
  const mantissa = type === 'f32' ? 23 : 10;
  const exponentMax = 2 ** (bits - 1 - mantissa) - 1;
  return { mantissa, exponentMax, quiet: 2 ** (mantissa - 1), sign: 2 ** (bits - 1) };
}

/** A uniform integer in [0, n) from a u32 stream. */
const below = (next: () => number, n: number) => Math.floor((next() / 2 ** 32) * n);

/**
 * One random code of `cls` for `type`, either sign: ±0; a subnormal (the smallest, the largest, or any); ±inf; a
 * NaN, quiet or signalling, with a random payload (a signalling one never 0, which would be infinity); or 2^k, one
 * ULP below or above it, for k over the normal range.
 */
export function edgeCode(type: 'f32' | 'f16', cls: EdgeClass, next: () => number): number {
  const { mantissa, exponentMax, quiet, sign } = fields(type);
  const signBit = next() & 1 ? sign : 0;
  const inf = exponentMax * 2 ** mantissa;
  const mantissaMask = 2 ** mantissa - 1;
  switch (cls) {
    case 'zero':
      return signBit;
    case 'subnormal': {
      const pick = below(next, 4);
      return signBit + (pick === 0 ? 1 : pick === 1 ? mantissaMask : 1 + below(next, mantissaMask));
    }
    case 'infinity':
      return signBit + inf;
    case 'nan':
      // Half quiet (any payload below the quiet bit), half signalling (a payload of 1 .. quiet - 1).
      return signBit + inf + (next() & 1 ? quiet + below(next, quiet) : 1 + below(next, quiet - 1));
    case 'pow2': {
      const exponent = 1 + below(next, exponentMax - 1);
      return signBit + exponent * 2 ** mantissa + (below(next, 3) - 1);
    }
  }
}

/**
 * The edge codes of each of `classes` that decode into [min, max], one list per class that has any: ±0; the
 * extreme subnormals; ±2^k and their neighbours, for 2^k no smaller than 2^-24 of the range's largest magnitude
 * (smaller ones are 0 at the range's scale, which the zero and subnormal classes cover).
 */
export function edgeCodesIn(
  type: 'f32' | 'f16',
  classes: readonly EdgeClass[],
  min: number,
  max: number,
): ReadonlyArray<readonly number[]> {
  const { mantissa, exponentMax, sign } = fields(type);
  const decode = ELEMENT_TYPES[type].codec.decode;
  const inRange = (codes: number[]) =>
    [...codes, ...codes.map((c) => c + sign)].filter((c) => {
      const v = decode(c);
      return v >= min && v <= max;
    });
  const smallest = Math.max(Math.abs(min), Math.abs(max)) * 2 ** -24;
  const pow2: number[] = [];
  for (let e = 1; e < exponentMax; e++) {
    const code = e * 2 ** mantissa;
    if (decode(code) >= smallest) pow2.push(code - 1, code, code + 1);
  }
  const byClass: Partial<Record<EdgeClass, number[]>> = { zero: [0], subnormal: [1, 2 ** mantissa - 1], pow2 };
  return classes.map((c) => inRange(byClass[c] ?? [])).filter((codes) => codes.length > 0);
}

/**
 * How one edge code is drawn: a class of `classes` uniformly, then a code of it (edgeCode); where the content is a
 * range, a class that has codes inside it, then one of those (edgeCodesIn). Undefined where there is none to draw.
 */
export function edgeDraw(
  type: 'f32' | 'f16',
  classes: readonly EdgeClass[],
  range?: { readonly min: number; readonly max: number },
): ((next: () => number) => number) | undefined {
  if (classes.length === 0) return undefined;
  if (!range) return (next) => edgeCode(type, classes[below(next, classes.length)]!, next);
  const groups = edgeCodesIn(type, classes, range.min, range.max);
  if (groups.length === 0) return undefined;
  return (next) => {
    const group = groups[below(next, groups.length)]!;
    return group[below(next, group.length)]!;
  };
}

/** Replaces each element of `codes` by a drawn edge code with probability EDGE_SHARE; deterministic per `next`. */
export function placeEdges(
  codes: Uint32Array | Uint16Array,
  next: () => number,
  draw: (next: () => number) => number,
): void {
  const threshold = EDGE_SHARE * 2 ** 32;
  for (let i = 0; i < codes.length; i++) if (next() < threshold) codes[i] = draw(next);
}
