import { expect, test } from 'vitest';
import { canaryBytes, checkCanary, guardedBytes, renderCanary } from './canary.ts';
import { textureDesc } from './surface/desc.ts';

// 2x2 Unorm8x4 with 4 bytes of padding per row, 2 levels: level 0 rows at 0 and 12, level 1 at 24, chain end 28.
const desc = textureDesc({ width: 2, height: 2, format: { storage: 'Unorm8x4', layout: 'Rgba' }, pitchBytes: 12, levels: 2 });

function buffer(): Uint8Array {
  const b = canaryBytes(guardedBytes(desc));
  b.fill(0x11, 0, 8);
  b.fill(0x11, 12, 20);
  return b;
}

test('untouched canary passes; owned texels may hold anything', () => {
  expect(checkCanary(buffer(), desc, [0]).pass).toBe(true);
});

test('a write into padding is located by level, row and byte', () => {
  const b = buffer();
  b[13 + 7] = 0;
  const r = checkCanary(b, desc, [0]);
  expect(r.corruptBytes).toBe(1);
  expect(r.violations[0]).toMatchObject({ region: 'padding', level: 0, row: 1, rowByte: 8, byteOffset: 20, bytes: 1 });
  expect(renderCanary(r)).toMatch(/^canary: level 0 row 1 padding byte 8 \(buffer offset 20\), 1 bytes overwritten: expected [0-9a-f]{2}, got 00$/);
});

test('a level the kernel must not touch, and the guard band', () => {
  const b = buffer();
  b.fill(0, 24, 36);
  const r = checkCanary(b, desc, [0]);
  expect(r.violations.map((v) => `${v.region}:${v.bytes}`)).toEqual(['level:4', 'guard:8']);
  expect(renderCanary(r)).toContain('canary: level 1 row 0 texel byte 0 (a level the kernel must not touch)');
});

test('canary is salted per buffer, so one copied from an input is caught', () => {
  expect(canaryBytes(16, 1)).not.toEqual(canaryBytes(16, 0));
  const b = buffer();
  b.set(canaryBytes(guardedBytes(desc), 1).subarray(8, 12), 8);
  expect(checkCanary(b, desc, [0]).violations[0]).toMatchObject({ region: 'padding', level: 0, row: 0 });
});
