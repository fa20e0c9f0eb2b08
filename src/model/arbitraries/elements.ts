/**
 * Random buffer contents of any element type, described compactly (type,
 * length, seed, what floats hold, their edge values, the share of special
 * values) so a shrunk case prints in one line and replays exactly; filled
 * from a fast seeded PRNG, not element by element through fast-check.
 */
import fc from 'fast-check';
import { caseMemo } from './case-memo.ts';
import { ELEMENT_TYPES, type ElementTypeName } from '../elements/element-types.ts';
import { codeStream, prng } from './contents.ts';
import { specialValues } from './special-floats.ts';
import { describeEdges, edgeClasses, edgeDraw, placeEdges, type EdgeOption } from './edge-floats.ts';

/**
 * What float elements hold: every bit pattern (NaNs, infinities and
 * subnormals included, at their natural rate); `finite` patterns (no NaN or
 * infinity); or values uniform over `[min, max]`, rounded to the type.
 */
export type FloatContent = 'bits' | 'finite' | { readonly min: number; readonly max: number };

export interface ElementsSpec {
  readonly type: ElementTypeName;
  readonly length: number;
  readonly seed: number;
  /** For f32 and f16 (default `bits`). */
  readonly floats?: FloatContent;
  /**
   * For f32 and f16: the edge values mixed in, 1 element in 8 (EDGE_SHARE): every class by default, of those
   * `floats` allows (`finite` and a range exclude infinities and NaNs; a range keeps those inside it); `false` for
   * none, or per class, `{ nan: false }`.
   */
  readonly edges?: EdgeOption;
  /**
   * The guaranteed share of special values (specialValues): with 1/8, every
   * run of 8 elements (from 0) holds at least one, at a random place, and the
   * specials cycle so each appears once there are 8 x as many elements as specials.
   */
  readonly specials?: number;
}

/** The typed array a type's codes are returned in: f16 and unorm16 as Uint16Array bits, f32 as Float32Array. */
export type ElementArray = Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array | Int8Array;

const ARRAY: Record<ElementTypeName, (buffer: ArrayBuffer) => ElementArray> = {
  f32: (b) => new Float32Array(b),
  f16: (b) => new Uint16Array(b),
  u32: (b) => new Uint32Array(b),
  i32: (b) => new Int32Array(b),
  u16: (b) => new Uint16Array(b),
  i16: (b) => new Int16Array(b),
  u8: (b) => new Uint8Array(b),
  i8: (b) => new Int8Array(b),
  unorm8: (b) => new Uint8Array(b),
  unorm16: (b) => new Uint16Array(b),
  snorm8: (b) => new Uint8Array(b),
};

/**
 * Random float codes per `floats`: raw patterns, finite patterns (an all-ones
 * exponent loses its top bit), or uniform values.
 */
function floatCodes(type: 'f32' | 'f16', next: () => number, floats: FloatContent): () => number {
  const codec = ELEMENT_TYPES[type].codec;
  const raw = codeStream(next, codec.bits);
  if (floats === 'bits') return raw;
  if (floats === 'finite') {
    const [expMask, expTop] = type === 'f32' ? [0x7f800000, 0x40000000] : [0x7c00, 0x4000];
    return () => {
      const c = raw();
      return (c & expMask) === expMask ? c - expTop : c;
    };
  }
  const { min, max } = floats;
  return () => codec.encode(min + (next() / 2 ** 32) * (max - min));
}

/**
 * Fills a typed array of `spec.length` random elements. Throws naming a spec
 * it cannot fill: `randomElements: specials share 2 is not in (0, 1]`.
 */
export function randomElements(spec: ElementsSpec): ElementArray {
  const share = spec.specials;
  if (share !== undefined && !(share > 0 && share <= 1)) {
    throw new Error(`randomElements: specials share ${share} is not in (0, 1]`);
  }
  const t = ELEMENT_TYPES[spec.type];
  const next = prng(spec.seed);
  const isFloat = spec.type === 'f32' || spec.type === 'f16';
  const code = isFloat
    ? floatCodes(spec.type as 'f32' | 'f16', next, spec.floats ?? 'bits')
    : codeStream(next, t.codec.bits);
  const out = ARRAY[spec.type](new ArrayBuffer(spec.length * t.bytes));
  // Codes are written through an unsigned view: a Float32Array written by value could change NaN payloads.
  const codes =
    t.bytes === 4
      ? new Uint32Array(out.buffer)
      : t.bytes === 2
        ? new Uint16Array(out.buffer)
        : new Uint8Array(out.buffer);
  for (let i = 0; i < spec.length; i++) codes[i] = code();
  if (isFloat) mixEdges(spec as ElementsSpec & { type: 'f32' | 'f16' }, codes as Uint32Array | Uint16Array);
  if (spec.specials !== undefined) placeSpecials(spec, codes, next);
  return out;
}

/** Edge values over float codes, from a stream of their own: the ordinary values of a seed stay as they were. */
function mixEdges(spec: ElementsSpec & { readonly type: 'f32' | 'f16' }, codes: Uint32Array | Uint16Array): void {
  const floats = spec.floats ?? 'bits';
  const classes = edgeClasses(spec.edges, floats !== 'bits');
  const draw = edgeDraw(spec.type, classes, typeof floats === 'object' ? floats : undefined);
  if (draw) placeEdges(codes, prng((spec.seed ^ EDGE_STREAM) >>> 0), draw);
}

/** Seeds the edge stream apart from the values' stream (the 32-bit golden ratio). */
const EDGE_STREAM = 0x9e3779b9;

/** One special value in every run of 1/share elements, cycling through the specials in a shuffled order. */
function placeSpecials(spec: ElementsSpec, codes: Uint32Array | Uint16Array | Uint8Array, next: () => number): void {
  const list = [...specialValues(spec.type)];
  for (let i = list.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  const run = Math.max(1, Math.floor(1 / spec.specials!));
  for (let start = 0, k = 0; start < spec.length; start += run, k++) {
    const span = Math.min(run, spec.length - start);
    codes[start + (next() % span)] = list[k % list.length]!.code;
  }
}

/** The elements of a spec, built once per spec object (the oracle and the GPU share them). */
export const elementsFromSpec: (spec: ElementsSpec) => ElementArray = caseMemo(randomElements, 'elementsFromSpec');

/**
 * `f32[64] bits, 1/8 special #1234`, `u32[3] #7`, `f16[16] uniform [0, 1], no edges #5`: one line, replayable.
 * Edge values are named only where they differ from the default (every class the content allows).
 */
export function describeElements(spec: ElementsSpec): string {
  const floats = spec.floats ?? 'bits';
  const isFloat = spec.type === 'f32' || spec.type === 'f16';
  const edges = isFloat && spec.edges !== undefined && spec.edges !== true ? `, ${describeEdges(spec.edges)}` : '';
  const content = !isFloat
    ? ''
    : typeof floats === 'string'
      ? ` ${floats}${edges}`
      : ` uniform [${floats.min}, ${floats.max}]${edges}`;
  const specials = spec.specials === undefined ? '' : `, 1/${Math.floor(1 / spec.specials)} special`;
  return `${spec.type}[${spec.length}]${content}${specials} #${spec.seed}`;
}

export interface ElementsArbOptions {
  readonly type: ElementTypeName;
  /** A fixed length, or a range (shrinks toward min; default 1..256). */
  readonly length?: number | { readonly min: number; readonly max: number };
  readonly floats?: FloatContent;
  /** Edge values of floats (ElementsSpec.edges): every class by default; `false` or `{ nan: false }` to exclude. */
  readonly edges?: EdgeOption;
  /** Declare that the kernel handles special values: this share of elements is special (e.g. 1 / 8). */
  readonly specials?: number;
}

/** Element specs for a kernel's buffer input; materialize with elementsFromSpec. */
export function elementsArb(o: ElementsArbOptions): fc.Arbitrary<ElementsSpec> {
  const length = typeof o.length === 'number' ? fc.constant(o.length) : fc.integer(o.length ?? { min: 1, max: 256 });
  return fc.record({ length, seed: fc.integer({ min: 0, max: 0xffffffff }) }).map(({ length, seed }): ElementsSpec => ({
    type: o.type,
    length,
    seed,
    ...(o.floats ? { floats: o.floats } : {}),
    ...(o.edges === undefined ? {} : { edges: o.edges }),
    ...(o.specials === undefined ? {} : { specials: o.specials }),
  }));
}
