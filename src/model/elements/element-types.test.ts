import { expect, test } from 'vitest';
import {
  elementBytes,
  elementType,
  ELEMENT_TYPES,
  readElementCode,
  storageElement,
  writeElementCode,
} from './element-types.ts';
import { checkShape, elementLocation, renderLocation, shapeOf } from './shape.ts';

test('byte sizes, WGSL types and surface storages map onto the one table', () => {
  expect(Object.values(ELEMENT_TYPES).map((t) => `${t.name}:${t.bytes}:${t.wgsl ?? '-'}`)).toEqual([
    'f32:4:f32',
    'f16:2:f16',
    'u32:4:u32',
    'i32:4:i32',
    'u16:2:-',
    'i16:2:-',
    'u8:1:-',
    'i8:1:-',
    'unorm8:1:-',
    'unorm16:2:-',
    'snorm8:1:-',
  ]);
  expect([storageElement('Unorm8x4').name, storageElement('Unorm16x4').name, storageElement('Float32x1').name]).toEqual(
    ['unorm8', 'unorm16', 'f32'],
  );
  expect(() => elementType('float')).toThrow(
    "unknown element type 'float'; known: f32, f16, u32, i32, u16, i16, u8, i8, unorm8, unorm16, snorm8",
  );
});

test.each(['u8', 'i8', 'u16', 'i16', 'unorm8', 'unorm16', 'f16'] as const)(
  '%s: every code is read back as written and round-trips its value',
  (name) => {
    const t = ELEMENT_TYPES[name];
    const n = 2 ** (t.bytes * 8);
    const bytes = new Uint8Array(n * t.bytes);
    for (let c = 0; c < n; c++) writeElementCode(t, bytes, c, c);
    for (let c = 0; c < n; c++) {
      if (readElementCode(t, bytes, c) !== c)
        expect.fail(`${name}: code ${c} read back as ${readElementCode(t, bytes, c)}`);
      const v = t.codec.decode(c);
      if (!Number.isNaN(v) && t.codec.encode(v) !== c)
        expect.fail(`${name}: code ${c} (${v}) encoded to ${t.codec.encode(v)}`);
    }
  },
);

test('32-bit elements: views are stored bits (NaN payloads kept), numbers are values', () => {
  const bits = new Uint32Array([0x7fa00001, 0xffc00000, 0x80000000, 0x00000001]);
  expect(elementBytes(ELEMENT_TYPES.f32, new Float32Array(bits.buffer))).toEqual(new Uint8Array(bits.buffer));
  expect(readElementCode(ELEMENT_TYPES.f32, elementBytes(ELEMENT_TYPES.f32, [1, -0]), 1)).toBe(0x80000000);
  expect(readElementCode(ELEMENT_TYPES.i32, elementBytes(ELEMENT_TYPES.i32, [-1]), 0)).toBe(0xffffffff);
  expect(ELEMENT_TYPES.i32.codec.decode(0xffffffff)).toBe(-1);
  expect(readElementCode(ELEMENT_TYPES.f16, elementBytes(ELEMENT_TYPES.f16, new Float64Array([1])), 0)).toBe(0x3c00);
  expect(() => elementBytes(ELEMENT_TYPES.f16, new Float32Array(2))).toThrow(
    'f16 elements: a Float32Array has 4-byte elements; ' +
      'pass 2-byte codes (Uint16Array), bytes (Uint8Array) or values (number[])',
  );
  expect(() => elementBytes(ELEMENT_TYPES.u32, new Uint8Array(6))).toThrow(
    'u32 elements: 6 bytes is not a whole number of 4-byte elements',
  );
  expect(() => elementBytes(ELEMENT_TYPES.u32, [2 ** 32])).toThrow(
    'uint32: 4294967296 is not an integer in [0, 4294967295]',
  );
});

test('shapes: RGB pixels read (x,y) channel, a single-channel image has no channel, a list an index', () => {
  const rgb = shapeOf(12, [2, 2, 3]);
  expect(elementLocation(rgb, 7)).toEqual({ index: 7, coords: [1, 0, 1], x: 0, y: 1, channel: 'g' });
  expect(renderLocation(elementLocation(rgb, 7))).toBe('[7] (0,1) g');
  expect(renderLocation(elementLocation(shapeOf(4, [2, 2]), 3))).toBe('[3] (1,1)');
  expect(renderLocation(elementLocation(shapeOf(5), 3))).toBe('[3]');
  expect(renderLocation(elementLocation({ dims: [3, 4], channels: ['b', 'g', 'r', 'a'] }, 6))).toBe('[6] (1) r');
  expect(renderLocation(elementLocation(shapeOf(24, [2, 2, 2, 3]), 23))).toBe('[23] (1,1,1) b');
  expect(renderLocation(elementLocation(shapeOf(32, [2, 2, 2, 2, 2]), 31))).toBe('[31] [1,1,1,1,1]');
  expect(renderLocation(elementLocation(shapeOf(10, [2, 5]), 9))).toBe('[9] (4,1)');
});

test('a shape that does not fit the data is refused, naming both', () => {
  expect(() => checkShape(shapeOf(9, [2, 2, 3]), 9)).toThrow('shape [2, 2, 3] holds 12 elements, the data 9');
  expect(() => checkShape({ dims: [2, 3], channels: ['b', 'g', 'r', 'a'] }, 6)).toThrow(
    'shape [2, 3]: 4 channel names (b, g, r, a) for an innermost extent of 3',
  );
  expect(() => checkShape(shapeOf(0, []), 0)).toThrow('shape []: extents must be non-negative integers, at least one');
});
