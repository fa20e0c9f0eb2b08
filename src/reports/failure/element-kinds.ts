/**
 * How the page decodes and displays a stored element: one table for every
 * output kind a report carries (texture formats, typed buffers). The page's
 * script receives the same table, so hex width, decoding and the 8-bit
 * display mapping are decided here only.
 */
import type { ElementTypeName } from '../../model/elements/element-types.ts';
import type { Storage } from '../../model/surface/format.ts';

export type ElementKind =
  | 'unorm8'
  | 'unorm16'
  | 'snorm8'
  | 'float16'
  | 'float32'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'sint8'
  | 'sint16'
  | 'sint32';

export interface ElementKindInfo {
  /** Hex digits of one code. */
  readonly hexDigits: number;
  /** `unorm`: code / max; `snorm`: signed code / max, at least -1; `float`: IEEE bits; `uint`, `sint`: the integer. */
  readonly decode: 'unorm' | 'snorm' | 'float' | 'uint' | 'sint';
  /** Largest code of a unorm kind, largest positive code of an snorm kind. */
  readonly max?: number;
  /** Bits of a signed kind's code (its sign bit is bit bits - 1). */
  readonly bits?: number;
  /** The picture's mapping of a decoded value to 0..255, as the page states it. */
  readonly display: string;
}

export const ELEMENT_KINDS: Readonly<Record<ElementKind, ElementKindInfo>> = {
  unorm8: { hexDigits: 2, decode: 'unorm', max: 255, display: 'codes as they are' },
  unorm16: { hexDigits: 4, decode: 'unorm', max: 65535, display: 'the high byte of each code' },
  snorm8: { hexDigits: 2, decode: 'snorm', max: 127, bits: 8, display: 'clamp(value, 0, 1) x 255' },
  float16: { hexDigits: 4, decode: 'float', display: 'clamp(value, 0, 1) x 255, linear (no tone mapping)' },
  float32: { hexDigits: 8, decode: 'float', display: 'clamp(value, 0, 1) x 255, linear (no tone mapping)' },
  uint8: { hexDigits: 2, decode: 'uint', display: 'codes as they are' },
  uint16: { hexDigits: 4, decode: 'uint', display: 'clamp(value, 0, 255)' },
  uint32: { hexDigits: 8, decode: 'uint', display: 'clamp(value, 0, 255)' },
  sint8: { hexDigits: 2, decode: 'sint', bits: 8, display: 'clamp(value, 0, 255)' },
  sint16: { hexDigits: 4, decode: 'sint', bits: 16, display: 'clamp(value, 0, 255)' },
  sint32: { hexDigits: 8, decode: 'sint', bits: 32, display: 'clamp(value, 0, 255)' },
};

/** The element kind of each of the harness's buffer element types. */
const TYPE_KINDS: Readonly<Record<ElementTypeName, ElementKind>> = {
  f32: 'float32',
  f16: 'float16',
  u32: 'uint32',
  i32: 'sint32',
  u16: 'uint16',
  i16: 'sint16',
  u8: 'uint8',
  i8: 'sint8',
  unorm8: 'unorm8',
  unorm16: 'unorm16',
  snorm8: 'snorm8',
};

/** The element kind of a buffer element type: `f32` -> `float32`, `u32` -> `uint32`. */
export function elementTypeKind(type: ElementTypeName): ElementKind {
  return TYPE_KINDS[type];
}

/** The element kind of a twinpath surface storage: `Unorm16x4` -> `unorm16`. */
export function storageElement(storage: Storage): ElementKind {
  return storage === 'Unorm8x4' ? 'unorm8' : storage === 'Unorm16x4' ? 'unorm16' : 'float32';
}

const scratch = new DataView(new ArrayBuffer(4));

function half(code: number): number {
  const e = (code >>> 10) & 0x1f;
  const m = code & 0x3ff;
  const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
  return code & 0x8000 ? -v : v;
}

/** The value a code stands for: `decodeElement('unorm8', 255) === 1`, `decodeElement('float32', 0x3f800000) === 1`. */
export function decodeElement(kind: ElementKind, code: number): number {
  const k = ELEMENT_KINDS[kind];
  if (k.decode === 'unorm') return code / k.max!;
  if (k.decode === 'uint') return code >>> 0;
  const signed = k.bits ? (code << (32 - k.bits)) >> (32 - k.bits) : 0;
  if (k.decode === 'sint') return signed;
  if (k.decode === 'snorm') return Math.max(-1, signed / k.max!);
  if (kind === 'float16') return half(code);
  scratch.setUint32(0, code, true);
  return scratch.getFloat32(0, true);
}

/** `0x7f`, `0x3f800000`: a code in its kind's width. */
export function hexElement(kind: ElementKind, code: number): string {
  return `0x${(code >>> 0).toString(16).padStart(ELEMENT_KINDS[kind].hexDigits, '0')}`;
}

/** A code as a picture's 8-bit channel: unorm16 by its high byte, floats clamped to [0, 1] (NaN 0), ints clamped. */
export function displayByte(kind: ElementKind, code: number): number {
  if (kind === 'unorm8') return code;
  if (kind === 'unorm16') return code >>> 8;
  const v = decodeElement(kind, code);
  if (Number.isNaN(v)) return 0;
  const fraction = ELEMENT_KINDS[kind].decode === 'float' || ELEMENT_KINDS[kind].decode === 'snorm';
  return fraction ? Math.round(Math.min(Math.max(v, 0), 1) * 255) : Math.min(Math.max(v, 0), 255);
}
