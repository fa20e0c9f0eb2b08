/**
 * Buffer element types: the scalars a storage or uniform buffer holds, each
 * with its byte size and its code <-> value conversion. The one table of
 * them; surfaces' storage kinds map onto it too.
 */
import type { Storage } from '../surface/format.ts';
import { scalarCodec, type ScalarCodec } from './scalar.ts';

export type ElementTypeName =
  'f32' | 'f16' | 'u32' | 'i32' | 'u16' | 'i16' | 'u8' | 'i8' | 'unorm8' | 'unorm16' | 'snorm8';

export interface ElementType {
  readonly name: ElementTypeName;
  /** Bytes one element occupies in memory (little-endian). */
  readonly bytes: number;
  readonly codec: ScalarCodec;
  /**
   * The WGSL scalar a shader reads it as (WGSL §"Scalar Types"); absent for
   * 8- and 16-bit integers, which WGSL has no type for (pack them in `u32` words).
   */
  readonly wgsl?: 'f32' | 'f16' | 'u32' | 'i32';
}

const entry = (name: ElementTypeName, codec: ScalarCodec, wgsl?: ElementType['wgsl']): ElementType => ({
  name,
  bytes: Math.ceil(codec.bits / 8),
  codec,
  ...(wgsl ? { wgsl } : {}),
});

/** Every buffer element type. f16 needs the `shader-f16` device feature in WGSL (WebGPU §"shader-f16"). */
export const ELEMENT_TYPES: Readonly<Record<ElementTypeName, ElementType>> = {
  f32: entry('f32', scalarCodec('float', 32), 'f32'),
  f16: entry('f16', scalarCodec('float', 16), 'f16'),
  u32: entry('u32', scalarCodec('uint', 32), 'u32'),
  i32: entry('i32', scalarCodec('sint', 32), 'i32'),
  u16: entry('u16', scalarCodec('uint', 16)),
  i16: entry('i16', scalarCodec('sint', 16)),
  u8: entry('u8', scalarCodec('uint', 8)),
  i8: entry('i8', scalarCodec('sint', 8)),
  unorm8: entry('unorm8', scalarCodec('unorm', 8)),
  unorm16: entry('unorm16', scalarCodec('unorm', 16)),
  snorm8: entry('snorm8', scalarCodec('snorm', 8)),
};

/**
 * The element type of a name. An unknown one throws
 * `unknown element type 'float'; known: f32, f16, u32, i32, u16, i16, u8, i8, unorm8, unorm16, snorm8`.
 */
export function elementType(name: string): ElementType {
  const t = (ELEMENT_TYPES as Record<string, ElementType>)[name];
  if (!t) throw new Error(`unknown element type '${name}'; known: ${Object.keys(ELEMENT_TYPES).join(', ')}`);
  return t;
}

/** The element type of one channel of a surface storage: Unorm8x4 unorm8, Unorm16x4 unorm16, Float32x* f32. */
export function storageElement(storage: Storage): ElementType {
  return storage === 'Unorm8x4'
    ? ELEMENT_TYPES.unorm8
    : storage === 'Unorm16x4'
      ? ELEMENT_TYPES.unorm16
      : ELEMENT_TYPES.f32;
}

/** The code of element `index` of little-endian `bytes`. */
export function readElementCode(t: ElementType, bytes: Uint8Array, index: number): number {
  const at = index * t.bytes;
  if (t.bytes === 1) return bytes[at]!;
  if (t.bytes === 2) return bytes[at]! | (bytes[at + 1]! << 8);
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/**
 * The codes of little-endian `bytes` as an unsigned typed array of the type's
 * width (a view where the bytes are aligned, else an aligned copy): the fast
 * way to read every element. Assumes a little-endian host, as WebGPU's data is.
 */
export function elementCodes(t: ElementType, bytes: Uint8Array): Uint8Array | Uint16Array | Uint32Array {
  if (t.bytes === 1) return bytes;
  const aligned = bytes.byteOffset % t.bytes === 0 ? bytes : bytes.slice();
  const n = aligned.length / t.bytes;
  return t.bytes === 2
    ? new Uint16Array(aligned.buffer, aligned.byteOffset, n)
    : new Uint32Array(aligned.buffer, aligned.byteOffset, n);
}

/** Stores the code of element `index` into little-endian `bytes`. */
export function writeElementCode(t: ElementType, bytes: Uint8Array, index: number, code: number): void {
  const at = index * t.bytes;
  for (let i = 0; i < t.bytes; i++) bytes[at + i] = (code >>> (8 * i)) & 0xff;
}

/**
 * Elements as the engine and oracles hand them over: a typed array (or
 * Uint8Array of bytes) holds the stored codes; a plain number array holds
 * values, encoded on the way in.
 */
const codeArray: Record<number, string> = { 1: 'Uint8Array', 2: 'Uint16Array', 4: 'Uint32Array' };

export type ElementData = ArrayBufferView | readonly number[];

/**
 * The little-endian bytes of `data` as elements of `t`. A view is taken as
 * stored memory: a Uint8Array (any type) or a typed array of the type's width
 * (Float32Array or Uint32Array for f32, Uint16Array for f16's bits), never
 * converted — NaN payloads survive. A Float64Array or number array holds
 * values and is encoded. Throws naming the mismatch:
 * `f16 elements: a Float32Array has 4-byte elements; pass 2-byte codes (Uint16Array), bytes (Uint8Array) or values
 * (number[])`.
 */
export function elementBytes(t: ElementType, data: ElementData): Uint8Array {
  if (ArrayBuffer.isView(data) && !(data instanceof Float64Array)) {
    const width =
      'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (width !== 1 && width !== t.bytes) {
      throw new Error(
        `${t.name} elements: a ${data.constructor.name} has ${width}-byte elements; ` +
          `pass ${t.bytes}-byte codes (${codeArray[t.bytes]}), bytes (Uint8Array) or values (number[])`,
      );
    }
    if (bytes.length % t.bytes !== 0)
      throw new Error(`${t.name} elements: ${bytes.length} bytes is not a whole number of ${t.bytes}-byte elements`);
    return bytes;
  }
  const values = data as ArrayLike<number>;
  const out = new Uint8Array(values.length * t.bytes);
  for (let i = 0; i < values.length; i++) writeElementCode(t, out, i, t.codec.encode(values[i]!));
  return out;
}

const TYPED_ARRAY_ELEMENTS: Readonly<Record<string, ElementTypeName>> = {
  Float32Array: 'f32',
  Uint32Array: 'u32',
  Int32Array: 'i32',
  Uint16Array: 'u16',
  Int16Array: 'i16',
  Uint8Array: 'u8',
  Uint8ClampedArray: 'u8',
  Int8Array: 'i8',
};

/** The element type a typed array holds (`f32` for a Float32Array); undefined for others (Float64Array, DataView). */
export function typedArrayElement(data: ArrayBufferView): ElementTypeName | undefined {
  return TYPED_ARRAY_ELEMENTS[data.constructor.name];
}
