import { expect, test } from 'vitest';
import { canaryByte, canaryBytes, checkCanary, GUARD_BYTES, guardedBytes, locateByte, renderCanary } from './canary.ts';
import { textureDesc } from './surface/desc.ts';

// 2x2 Unorm8x4 with 4 bytes of padding per row, 2 levels: level 0 rows at 0 and 12, level 1 at 24, chain end 28.
const desc = textureDesc({
  width: 2,
  height: 2,
  format: { storage: 'Unorm8x4', layout: 'Rgba' },
  pitchBytes: 12,
  levels: 2,
});

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
  expect(renderCanary(r)).toMatch(
    /^canary: level 0 row 1 padding byte 8 \(buffer offset 20\), 1 bytes overwritten: expected [0-9a-f]{2}, got 00$/,
  );
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

test('the pattern: pinned bytes per salt, the same at every length, grown on demand', () => {
  const hex = (b: Uint8Array) => [...b].map((v) => v.toString(16).padStart(2, '0')).join(' ');
  expect(hex(canaryBytes(8, 0))).toBe('af d2 26 54 7c 58 7f f6');
  expect(hex(canaryBytes(8, 1))).toBe('f2 bc cd 1a 83 3a 02 a5');
  expect([0, 1, 2, 3, 4, 7].map((o) => canaryByte(o))).toEqual([0xaf, 0xd2, 0x26, 0x54, 0x7c, 0xf6]);
  expect([canaryByte(4100), canaryByte(4100, 3)]).toEqual([0x7c, 0x0d]);
  // A short pattern first, then one longer than any made so far: each is the prefix of the next, at its own length.
  const short = canaryBytes(12, 5);
  const long = canaryBytes(64 * 1024, 5);
  expect(long.length).toBe(64 * 1024);
  expect(long.subarray(0, 12)).toEqual(short);
  expect([0, 4097, 40_000, 65_535].map((o) => long[o])).toEqual([0, 4097, 40_000, 65_535].map((o) => canaryByte(o, 5)));
  // A fresh copy: writing into one leaves the next untouched.
  long.fill(0);
  expect([...canaryBytes(16, 5)]).toEqual(Array.from({ length: 16 }, (_, o) => canaryByte(o, 5)));
  expect(guardedBytes(desc)).toBe(28 + GUARD_BYTES);
});

test('locating a byte: texel or padding of a level by row, or the guard band counted from the chain end', () => {
  expect(locateByte(desc, 0)).toEqual({ region: 'level', level: 0, row: 0, rowByte: 0 });
  expect(locateByte(desc, 8)).toEqual({ region: 'padding', level: 0, row: 0, rowByte: 8 });
  expect(locateByte(desc, 19)).toEqual({ region: 'level', level: 0, row: 1, rowByte: 7 });
  expect(locateByte(desc, 23)).toEqual({ region: 'padding', level: 0, row: 1, rowByte: 11 });
  expect(locateByte(desc, 27)).toEqual({ region: 'level', level: 1, row: 0, rowByte: 3 });
  expect(locateByte(desc, 30)).toEqual({ region: 'guard', rowByte: 2 });
  expect(locateByte(desc, 30, 29)).toEqual({ region: 'guard', rowByte: 1 });
});

test('planted: every corruption fails the check, with the exact runs, bytes and counts', () => {
  const b = buffer();
  b[8] = canaryByte(8) ^ 0xff; // padding of row 0, one byte
  b.fill(0, 22, 26); // padding of row 1 (2 bytes) then level 1 (2 bytes): split at the level boundary
  b[283] = canaryByte(283) ^ 1; // the guard band's last byte
  const r = checkCanary(b, desc, [0]);
  const at = (o: number, n: number) =>
    Array.from({ length: n }, (_, k) =>
      canaryByte(o + k)
        .toString(16)
        .padStart(2, '0'),
    ).join(' ');
  expect(r).toEqual({
    pass: false,
    corruptBytes: 6,
    violations: [
      {
        region: 'padding',
        level: 0,
        row: 0,
        rowByte: 8,
        byteOffset: 8,
        bytes: 1,
        expected: at(8, 1),
        actual: (canaryByte(8) ^ 0xff).toString(16).padStart(2, '0'),
      },
      {
        region: 'padding',
        level: 0,
        row: 1,
        rowByte: 10,
        byteOffset: 22,
        bytes: 2,
        expected: at(22, 2),
        actual: '00 00',
      },
      { region: 'level', level: 1, row: 0, rowByte: 0, byteOffset: 24, bytes: 2, expected: at(24, 2), actual: '00 00' },
      {
        region: 'guard',
        rowByte: 255,
        byteOffset: 283,
        bytes: 1,
        expected: at(283, 1),
        actual: (canaryByte(283) ^ 1).toString(16).padStart(2, '0'),
      },
    ],
  });
  expect(renderCanary(r).split('\n')).toEqual([
    `canary: level 0 row 0 padding byte 8 (buffer offset 8), 1 bytes overwritten: expected ${at(8, 1)}, got ${r.violations[0]!.actual}`,
    `canary: level 0 row 1 padding byte 10 (buffer offset 22), 2 bytes overwritten: expected ${at(22, 2)}, got 00 00`,
    `canary: level 1 row 0 texel byte 0 (a level the kernel must not touch) (buffer offset 24), 2 bytes overwritten: expected ${at(24, 2)}, got 00 00`,
    `canary: guard band byte 255 (buffer offset 283), 1 bytes overwritten: expected ${at(283, 1)}, got ${r.violations[3]!.actual}`,
  ]);
});

test('owned texels are free; the bytes right beside them are not', () => {
  const b = buffer();
  b.fill(0x22, 0, 8);
  b.fill(0x22, 12, 20);
  expect(checkCanary(b, desc, [0])).toEqual({ pass: true, corruptBytes: 0, violations: [] });
  for (const edge of [7 + 1, 12 - 1, 20, 24 - 1]) {
    const c = buffer();
    c[edge] = canaryByte(edge) ^ 0x80;
    expect(checkCanary(c, desc, [0]), `byte ${edge}`).toMatchObject({
      pass: false,
      corruptBytes: 1,
      violations: [{ byteOffset: edge, bytes: 1 }],
    });
  }
  // Owned levels given in any order.
  const both = buffer();
  both.fill(0x33, 24, 28);
  expect(checkCanary(both, desc, [1, 0]).pass).toBe(true);
  expect(checkCanary(both, desc, [0]).pass).toBe(false);
});

test('long runs: at most 8 bytes shown, runs capped by maxViolations, the rest counted', () => {
  const b = buffer();
  b.fill(0, 28, 28 + 20); // 20 guard bytes
  const r = checkCanary(b, desc, [0]);
  expect(r.violations).toHaveLength(1);
  expect(r.violations[0]).toMatchObject({
    region: 'guard',
    rowByte: 0,
    byteOffset: 28,
    bytes: 20,
    actual: '00 00 00 00 00 00 00 00',
  });
  expect(r.violations[0]!.expected.split(' ')).toHaveLength(8);
  const many = buffer();
  for (const o of [8, 20, 24, 40, 60]) many[o] = canaryByte(o) ^ 1;
  const capped = checkCanary(many, desc, [0], 2);
  expect(capped).toMatchObject({ pass: false, corruptBytes: 5 });
  expect(capped.violations.map((v) => v.byteOffset)).toEqual([8, 20]);
  expect(renderCanary(capped).split('\n').at(-1)).toBe('canary: … and 3 more bytes');
  expect(renderCanary(checkCanary(b, desc, [0])).split('\n')).toHaveLength(1);
});

test('runs split at every row, level and region boundary, each boundary alone', () => {
  const lost = (d: ReturnType<typeof textureDesc>, from: number, to: number) => {
    const b = canaryBytes(guardedBytes(d));
    for (let o = from; o < to; o++) b[o] = canaryByte(o) ^ 0x55;
    return checkCanary(b, d, []).violations.map((v) => `${v.region} ${v.level} ${v.row} ${v.rowByte}+${v.bytes}`);
  };
  const rgba8 = { storage: 'Unorm8x4', layout: 'Rgba' } as const;
  // Rows only: a tight 2x2 level, bytes 6..9 span the end of row 0 and the start of row 1.
  expect(lost(textureDesc({ width: 2, height: 2, format: rgba8 }), 6, 10)).toEqual(['level 0 0 6+2', 'level 0 1 0+2']);
  // Levels only: a 2x1 level 0 and its 1x1 level 1 follow each other in row 0 of each.
  expect(lost(textureDesc({ width: 2, height: 1, format: rgba8, levels: 2 }), 6, 10)).toEqual([
    'level 0 0 6+2',
    'level 1 0 0+2',
  ]);
  // Regions only: texel bytes then padding of the same row.
  expect(lost(desc, 6, 10)).toEqual(['level 0 0 6+2', 'padding 0 0 8+2']);
});

test('a level whose offset is not a multiple of its pitch: rows and bytes counted from the level start', () => {
  const d = textureDesc({
    width: 8,
    height: 3,
    format: { storage: 'Unorm8x4', layout: 'Rgba' },
    pitchBytes: 36,
    levels: 2,
  });
  expect(d.levels[1]).toMatchObject({ offsetBytes: 108, pitchBytes: 16 });
  expect(locateByte(d, 111)).toEqual({ region: 'level', level: 1, row: 0, rowByte: 3 });
  expect(locateByte(d, 107)).toEqual({ region: 'padding', level: 0, row: 2, rowByte: 35 });
});
