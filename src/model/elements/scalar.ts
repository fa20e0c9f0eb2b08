/**
 * One scalar's code <-> value conversion, for every kind of number a buffer
 * element or a texel channel holds. Codes are unsigned integers below
 * 2^bits (f32 bits, two's complement for signed integers); values are what a
 * WGSL load yields (as a JS number) or what an upload stores.
 */
import { bitsFromF32, f32FromBits } from './f32-bits.ts';
import { decodeSmallFloat, encodeSmallFloat, F16, UFLOAT10, UFLOAT11, type SmallFloat } from './small-float.ts';

/**
 * `float`: IEEE (f32, f16); `ufloat`: unsigned 11/10-bit floats; `unorm`/`snorm`:
 * normalized integers; `srgb`: 8-bit unorm with the sRGB transfer function; `uint`/`sint`: integers.
 */
export type ScalarKind = 'float' | 'ufloat' | 'unorm' | 'snorm' | 'srgb' | 'uint' | 'sint';

export interface ScalarCodec {
  readonly kind: ScalarKind;
  readonly bits: number;
  /** `unorm8`, `f16`, `sint32`… — as failure text names a channel's encoding. */
  readonly name: string;
  /** The value a shader reads for a code. */
  decode(code: number): number;
  /** The code an upload stores for a value. Throws RangeError where an integer kind gets a value it cannot hold. */
  encode(value: number): number;
  /** The code as an integer, sign-extended for signed kinds: the number LSB differences count in. */
  integer(code: number): number;
  /** `0x3c00`: the code in hex, zero-padded to the code's width. */
  hex(code: number): string;
}

function hexOf(bits: number): (code: number) => string {
  const digits = Math.ceil(bits / 4);
  return (code) => `0x${code.toString(16).padStart(digits, '0')}`;
}

const signExtend = (bits: number) => (code: number) => (code << (32 - bits)) >> (32 - bits);
const mask = (bits: number) => (bits === 32 ? 0xffffffff : 2 ** bits - 1);

/** Khronos Data Format Spec 1.3 §13.3.1: sRGB EOTF, encoded [0, 1] to linear. */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Khronos Data Format Spec 1.3 §13.3.2: inverse EOTF, linear [0, 1] to encoded. */
export function linearToSrgb(l: number): number {
  return l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
}

/**
 * Unorm encode, Vulkan §"Conversion from Floating-Point to Normalized Fixed-Point" (which WebGPU follows):
 * round(clamp(v, 0, 1) * max), NaN to 0.
 */
function unormEncode(max: number, v: number): number {
  return Number.isNaN(v) ? 0 : Math.floor(0.5 + Math.min(Math.max(v, 0), 1) * max);
}

function integerCodec(kind: 'uint' | 'sint', bits: number): ScalarCodec {
  const lo = kind === 'sint' ? -(2 ** (bits - 1)) : 0;
  const hi = kind === 'sint' ? 2 ** (bits - 1) - 1 : mask(bits);
  const integer = kind === 'sint' ? signExtend(bits) : (code: number) => code;
  const name = `${kind}${bits}`;
  return {
    kind,
    bits,
    name,
    integer,
    hex: hexOf(bits),
    decode: integer,
    encode: (v) => {
      if (!Number.isInteger(v) || v < lo || v > hi)
        throw new RangeError(`${name}: ${v} is not an integer in [${lo}, ${hi}]`);
      return kind === 'sint' ? (v & mask(bits)) >>> 0 : v;
    },
  };
}

function smallFloatCodec(kind: 'float' | 'ufloat', f: SmallFloat, bits: number): ScalarCodec {
  return {
    kind,
    bits,
    name: f.name,
    hex: hexOf(bits),
    integer: (code) => code,
    decode: (code) => decodeSmallFloat(f, code),
    encode: (v) => encodeSmallFloat(f, v),
  };
}

function build(kind: ScalarKind, bits: number): ScalarCodec {
  const hex = hexOf(bits);
  if (kind === 'uint' || kind === 'sint') return integerCodec(kind, bits);
  if (kind === 'float' && bits === 32) {
    return { kind, bits, name: 'f32', hex, integer: (code) => code, decode: f32FromBits, encode: bitsFromF32 };
  }
  if (kind === 'float' && bits === 16) return smallFloatCodec('float', F16, 16);
  if (kind === 'ufloat' && (bits === 11 || bits === 10))
    return smallFloatCodec('ufloat', bits === 11 ? UFLOAT11 : UFLOAT10, bits);
  if (kind === 'unorm') {
    const max = mask(bits);
    return {
      kind,
      bits,
      name: `unorm${bits}`,
      hex,
      integer: (code) => code,
      decode: (code) => Math.fround(code / max),
      encode: (v) => unormEncode(max, v),
    };
  }
  if (kind === 'snorm') {
    // Vulkan §"Conversion from Normalized Fixed-Point to Floating-Point": max(c / (2^(b-1) - 1), -1).
    const max = 2 ** (bits - 1) - 1;
    const integer = signExtend(bits);
    return {
      kind,
      bits,
      name: `snorm${bits}`,
      hex,
      integer,
      decode: (code) => Math.fround(Math.max(integer(code) / max, -1)),
      encode: (v) => {
        const s = Number.isNaN(v) ? 0 : Math.min(Math.max(v, -1), 1) * max;
        return (Math.sign(s) * Math.floor(Math.abs(s) + 0.5)) & mask(bits);
      },
    };
  }
  if (kind === 'srgb' && bits === 8) {
    return {
      kind,
      bits,
      name: 'srgb8',
      hex,
      integer: (code) => code,
      decode: (code) => Math.fround(srgbToLinear(code / 255)),
      encode: (v) => unormEncode(255, linearToSrgb(Number.isNaN(v) ? 0 : Math.min(Math.max(v, 0), 1))),
    };
  }
  throw new Error(`no ${bits}-bit ${kind} scalar`);
}

const codecs = new Map<string, ScalarCodec>();

/** The codec of a scalar kind and width, built once. Throws `no 12-bit float scalar` for a pair no format uses. */
export function scalarCodec(kind: ScalarKind, bits: number): ScalarCodec {
  const key = `${kind}${bits}`;
  let c = codecs.get(key);
  if (!c) codecs.set(key, (c = build(kind, bits)));
  return c;
}

/** Whether a codec holds floating-point values (ULP is its unit), as opposed to integer codes (LSB). */
export function isFloatCodec(c: ScalarCodec): boolean {
  return c.kind === 'float' || c.kind === 'ufloat';
}

/** Code mapped to an integer that orders like the values (sign-magnitude to two's complement; -0 and +0 both 0). */
function orderedCode(c: ScalarCodec, code: number): number {
  const signBit = c.kind === 'float' ? 2 ** (c.bits - 1) : 0;
  const magnitude = signBit ? code % signBit : code;
  return code >= signBit && signBit ? -magnitude : magnitude;
}

/**
 * Signed ULP distance between two float codes of one codec (actual - expected):
 * neighbouring values are 1 apart, -0 and +0 are 0 apart; NaN against a
 * non-NaN is Infinity, NaN against NaN is 0.
 */
export function floatUlpDistance(c: ScalarCodec, expected: number, actual: number): number {
  const e = c.decode(expected);
  const a = c.decode(actual);
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity;
  return orderedCode(c, actual >>> 0) - orderedCode(c, expected >>> 0) || 0;
}
