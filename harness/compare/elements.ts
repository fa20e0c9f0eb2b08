/**
 * Compares typed element outputs (f32, f16, u32, i32, unorm codes) in a
 * shape under a policy, into the same ComparisonRecord surfaces produce, so
 * failure text, worst errors and reports read alike. Locations follow the
 * shape: `[n]` is x, `[h, w]` is (x, y), `[h, w, c]` (c <= 4) is (x, y, channel),
 * leading dimensions of a longer shape fold into y. Elements the oracle marks
 * don't-care are skipped and counted.
 */
import { CHANNELS, type Channel, type Storage } from '../surface/format.ts';
import { bitsFromF32, f32FromBits } from '../surface/texel.ts';
import { f16ToNumber, numberToF16 } from '../output/f16.ts';
import { ELEMENT_BYTES, shapeCount, type ElementOutputSpec, type ElementType } from '../output/spec.ts';
import { PolicyError, type Policy } from './policy.ts';
import type { ChannelStats, ComparisonRecord, ValueReport } from './compare.ts';

/** What an oracle gives for an element output: values in the element's natural array (f16 as bits in a Uint16Array, or as numbers). */
export type ElementValues = Float32Array | Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array | readonly number[];

/** An element output's expected values with the elements the math leaves undefined (1 = don't care, same indexing). */
export interface ElementExpectation {
  readonly values: ElementValues;
  readonly dontCare?: Uint8Array;
}

/** The storage whose rules a policy applies to an element type (f16 is judged on its exact f32 value, integers as codes). */
export function policyStorage(e: ElementType): Storage {
  return e === 'f32' || e === 'f16' ? 'Float32x4' : e === 'unorm8' ? 'Unorm8x4' : 'Unorm16x4';
}

/** The codes of element bytes, little-endian: bit patterns for floats, values for integers and unorm. */
export function elementCodes(element: ElementType, bytes: Uint8Array, count: number): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(count);
  const size = ELEMENT_BYTES[element];
  for (let i = 0; i < count; i++) {
    const o = i * size;
    out[i] = element === 'f32' || element === 'u32' ? view.getUint32(o, true) : element === 'i32' ? view.getInt32(o, true) : size === 2 ? view.getUint16(o, true) : view.getUint8(o);
  }
  return out;
}

/** Expected codes from an oracle's values (f16 numbers rounded to nearest even; f32 numbers to their bits). */
function expectedCodes(element: ElementType, values: ElementValues, count: number): Float64Array {
  const out = new Float64Array(count);
  const asBits = values instanceof Uint16Array || values instanceof Uint32Array;
  for (let i = 0; i < count; i++) {
    const v = Number(values[i]);
    if (element === 'f32') out[i] = values instanceof Uint32Array ? v : bitsFromF32(v);
    else if (element === 'f16') out[i] = asBits ? v : numberToF16(v);
    else out[i] = v;
  }
  return out;
}

/** Codes as a policy judges them: f16 bits as the bits of the same f32 value; i32 as their integer. */
function judgedCode(element: ElementType, code: number): number {
  return element === 'f16' ? bitsFromF32(f16ToNumber(code)) : code;
}

function decoded(element: ElementType, code: number): number {
  if (element === 'f32') return f32FromBits(code);
  if (element === 'f16') return f16ToNumber(code);
  if (element === 'unorm8') return code / 255;
  if (element === 'unorm16') return code / 65535;
  return code;
}

function hexOf(element: ElementType, code: number): string {
  const digits = ELEMENT_BYTES[element] * 2;
  return `0x${(element === 'i32' ? code >>> 0 : code).toString(16).padStart(digits, '0')}`;
}

/** The (x, y, channel) of element `i` in a shape, and how many channels a location has. */
export function elementLocation(shape: readonly number[], i: number): { x: number; y: number; c: number; channels: number } {
  const last = shape[shape.length - 1] ?? 1;
  const channels = shape.length >= 3 && last <= 4 ? last : 1;
  const width = channels > 1 ? shape[shape.length - 2]! : last;
  const pixel = Math.floor(i / channels);
  return { x: pixel % width, y: Math.floor(pixel / width), c: i % channels, channels };
}

/**
 * The element type's name in a record's format field: `f32[4, 4, 3]`, `rgba16float texture [2, 2, 4]`.
 */
export function elementFormatName(spec: ElementOutputSpec): string {
  return `${spec.textureFormat ? `${spec.textureFormat} texture ` : ''}${spec.element}[${spec.shape.join(', ')}]`;
}

/**
 * Compares an element output's bytes against the oracle's values. Throws
 * PolicyError for a policy that cannot judge the element type:
 * `absRel(2^-10, 0) compares real values; u32 elements need exact() or unormLsb(k)`.
 * Mismatch text (renderComparison): `2 of 12 values differ (policy exact, f32[2, 2, 3])`.
 */
export function compareElements(spec: ElementOutputSpec, expected: ElementExpectation, actualBytes: Uint8Array, policy: Policy, firstN = 8): ComparisonRecord {
  const element = spec.element;
  const integer = element === 'u32' || element === 'i32';
  if (integer && policy.name.startsWith('absRel')) throw new PolicyError(`${policy.name} compares real values; ${element} elements need exact() or unormLsb(k)`);
  const storage = policyStorage(element);
  const count = shapeCount(spec.shape);
  if (expected.values.length !== count) {
    throw new PolicyError(`output ${spec.name}: the oracle gave ${expected.values.length} values for ${elementFormatName(spec)} (${count} elements)`);
  }
  const want = expectedCodes(element, expected.values, count);
  const have = elementCodes(element, actualBytes, count);
  const swizzle = spec.swizzle;
  const acc = CHANNELS.map(() => ({ maxAbs: 0, sumAbs: 0, sum: 0, mismatches: 0, n: 0 }));
  const first: ValueReport[] = [];
  let worst: ValueReport | undefined;
  let worstRefused = false;
  let compared = 0;
  let mismatches = 0;
  let dontCare = 0;
  let channels = 1;
  for (let i = 0; i < count; i++) {
    const at = elementLocation(spec.shape, i);
    channels = at.channels;
    // Memory slot at.c of a swizzled texel holds logical channel swizzle[at.c]; the oracle's values are logical.
    const logical = swizzle ? i - at.c + swizzle[at.c]! : i;
    const c = swizzle ? swizzle[at.c]! : at.c;
    if (expected.dontCare?.[logical]) {
      dontCare++;
      continue;
    }
    const e = want[logical]!;
    const a = have[i]!;
    compared++;
    const s = acc[c]!;
    s.n++;
    if (e === a) {
      if (!worst) worst = report(spec, i, c, e, a, 0);
      continue;
    }
    const v = policy.judge({ storage, expected: judgedCode(element, e), actual: judgedCode(element, a) });
    const abs = Math.abs(v.error);
    s.sumAbs += abs;
    s.sum += v.error;
    s.maxAbs = Math.max(s.maxAbs, abs);
    if (!v.ok) {
      s.mismatches++;
      mismatches++;
    }
    const better = !v.ok ? !worstRefused || abs > Math.abs(worst!.error) : !worstRefused && (worst === undefined || abs > Math.abs(worst.error));
    if (better || (!v.ok && first.length < firstN)) {
      const r = report(spec, i, c, e, a, v.error, v.note);
      if (!v.ok && first.length < firstN) first.push(r);
      if (better) {
        worst = r;
        worstRefused ||= !v.ok;
      }
    }
  }
  const stats = Object.fromEntries(
    CHANNELS.slice(0, channels).map((ch, c) => {
      const s = acc[c]!;
      const n = s.n || 1;
      return [ch, { maxAbs: s.maxAbs, meanAbs: s.sumAbs / n, signedMean: s.sum / n, mismatches: s.mismatches }];
    }),
  ) as Partial<Record<Channel, ChannelStats>>;
  return {
    output: spec.name,
    policy: policy.name,
    format: elementFormatName(spec),
    unit: integer ? 'LSB' : policy.unit(storage),
    tolerance: policy.tolerance(storage),
    pass: mismatches === 0,
    levels: [0],
    compared,
    mismatches,
    ...(dontCare ? { dontCare } : {}),
    channels: stats,
    ...(worst ? { worst } : {}),
    first,
  };
}

function report(spec: ElementOutputSpec, i: number, c: number, e: number, a: number, error: number, note?: string): ValueReport {
  const at = elementLocation(spec.shape, i);
  return {
    level: 0, x: at.x, y: at.y, channel: CHANNELS[c]!, expected: e, actual: a,
    expectedHex: hexOf(spec.element, e), actualHex: hexOf(spec.element, a),
    expectedValue: decoded(spec.element, e), actualValue: decoded(spec.element, a),
    error, ...(note ? { note } : {}),
  };
}
