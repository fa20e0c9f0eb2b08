/**
 * The guard band of element outputs and native memory (guardBandReport, checkGuardBand), the NaN poison of float
 * inputs, checkCanary's fast path (canaryIntact) and the guard band's whole elements — each shown to catch its
 * planted corruption with the exact report and text.
 */
import { expect, test } from 'vitest';
import {
  canaryBytes,
  canaryByte,
  canaryIntact,
  checkGuardBand,
  guardElements,
  guardBandReport,
  guardedBytes,
  poisonBytes,
  renderCanary,
} from './canary.ts';
import { textureDesc } from './surface/desc.ts';

const hex = (b: Uint8Array) => [...b].map((v) => v.toString(16).padStart(2, '0')).join(' ');

test('planted: a store past an element output is located in its guard band, counted and shown', () => {
  const bytes = canaryBytes(48 + 32);
  bytes.fill(0x11, 0, 48); // the data: anything
  expect(checkGuardBand(bytes, 48)).toEqual({ pass: true, corruptBytes: 0, violations: [] });
  bytes.fill(0, 48, 60); // 12 bytes past the data
  bytes[70] = canaryByte(70) ^ 1;
  const r = checkGuardBand(bytes, 48);
  expect(r).toEqual({
    pass: false,
    corruptBytes: 13,
    violations: [
      {
        region: 'guard',
        rowByte: 0,
        byteOffset: 48,
        bytes: 12,
        expected: hex(canaryBytes(56).subarray(48, 56)),
        actual: '00 00 00 00 00 00 00 00',
      },
      {
        region: 'guard',
        rowByte: 22,
        byteOffset: 70,
        bytes: 1,
        expected: hex(canaryBytes(72).subarray(70, 71)),
        actual: hex(bytes.subarray(70, 71)),
      },
    ],
  });
  expect(renderCanary(r).split('\n')[0]).toBe(
    `canary: guard band byte 0 (buffer offset 48), 12 bytes overwritten: expected ${r.violations[0]!.expected}, ` +
      'got 00 00 00 00 00 00 00 00',
  );
  const capped = checkGuardBand(bytes, 48, 1);
  expect(capped.violations).toHaveLength(1);
  expect(renderCanary(capped).split('\n')[1]).toBe('canary: … and 1 more bytes');
});

test('native memory: a front guard band is counted back from the data, its text says so', () => {
  // 8 bytes of front guard, then the data from byte 8: rowByte from the guard's origin, offsets from the data.
  const expected = canaryBytes(24, 3);
  const actual = expected.slice();
  actual.fill(0xee, 4, 8);
  const r = guardBandReport(expected, actual, { from: 0, to: 8, origin: 8, base: 8 });
  expect(r).toEqual({
    pass: false,
    corruptBytes: 4,
    violations: [
      {
        region: 'guard',
        rowByte: -4,
        byteOffset: -4,
        bytes: 4,
        expected: hex(expected.subarray(4, 8)),
        actual: 'ee ee ee ee',
      },
    ],
  });
  expect(renderCanary(r)).toBe(
    `canary: guard band before the data, byte -4 (buffer offset -4), 4 bytes overwritten: ` +
      `expected ${hex(expected.subarray(4, 8))}, got ee ee ee ee`,
  );
  // Bytes outside [from, to) are not its business.
  expect(guardBandReport(expected, actual, { from: 8, to: 24, origin: 8, base: 8 }).pass).toBe(true);
});

test('the poison: every word a quiet f32 NaN carrying the canary of its salt, a prefix of any longer poison', () => {
  const words = (b: Uint8Array) => [...new Uint32Array(b.buffer, b.byteOffset, b.length / 4)];
  const short = poisonBytes(16, 7);
  expect(short).toHaveLength(16);
  const canary = words(canaryBytes(16, 7));
  expect(words(short)).toEqual(canary.map((w) => (0x7fc00000 | (w & 0x003fffff)) >>> 0));
  expect(words(short).every((w) => Number.isNaN(new Float32Array(Uint32Array.of(w).buffer)[0]))).toBe(true);
  const long = poisonBytes(8192, 7);
  expect(long).toHaveLength(8192);
  expect(long.subarray(0, 16)).toEqual(short);
  expect(words(long.subarray(8188))).toEqual(
    words(canaryBytes(8192, 7).subarray(8188)).map((w) => (0x7fc00000 | (w & 0x003fffff)) >>> 0),
  );
  // A fresh copy each time: writing into one leaves the next as it was.
  long.fill(0);
  expect(poisonBytes(16, 7)).toEqual(short);
  expect(poisonBytes(16, 8)).not.toEqual(short);
});

test('the fast path: intact when every byte outside the owned texels, levels in any order, holds its canary', () => {
  // 2x2 Unorm8x4 with 4 bytes of padding per row, 2 levels: level 0 rows at 0 and 12, level 1 at 24, chain end 28.
  const desc = textureDesc({
    width: 2,
    height: 2,
    format: { storage: 'Unorm8x4', layout: 'Rgba' },
    pitchBytes: 12,
    levels: 2,
  });
  const written = () => {
    const b = canaryBytes(guardedBytes(desc));
    b.fill(0x11, 0, 8);
    b.fill(0x11, 12, 20);
    b.fill(0x11, 24, 28);
    return b;
  };
  expect(canaryIntact(canaryBytes(guardedBytes(desc)), desc, [])).toBe(true);
  expect(canaryIntact(written(), desc, [1, 0])).toBe(true);
  expect(canaryIntact(written(), desc, [0, 1])).toBe(true);
  expect(canaryIntact(written(), desc, [0])).toBe(false);
  for (const at of [8, 11, 20, 28, 283]) {
    const b = written();
    b[at] = canaryByte(at) ^ 1;
    expect(canaryIntact(b, desc, [1, 0]), `byte ${at}`).toBe(false);
  }
});

test('whole elements the guard band holds: none where one element is larger than the band', () => {
  expect([4, 12, 256, 257].map(guardElements)).toEqual([64, 21, 1, 0]);
});
