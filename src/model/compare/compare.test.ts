import { expect, test } from 'vitest';
import { textureDesc } from '../surface/desc.ts';
import { cloneSurface, createSurface } from '../surface/surface.ts';
import { writeCode } from '../surface/texel.ts';
import { compareSurfaces, errorMaps, renderComparison } from './compare.ts';
import { exact, unormLsb, unormNearTie } from './policy.ts';

const desc = textureDesc({ width: 3, height: 2, format: { storage: 'Unorm8x4', layout: 'Bgra' }, levels: 2 });

test('one record: counts, per-channel stats, worst location and the first mismatches', () => {
  const expected = createSurface(desc);
  const actual = cloneSurface(expected);
  writeCode(actual, 2, 1, 0, 0, 5);
  writeCode(actual, 0, 0, 1, 2, 0xff);
  const r = compareSurfaces(expected, actual, { policy: exact(), levels: [0, 1] });
  expect(r).toMatchObject({ pass: false, compared: (6 + 1) * 4, mismatches: 2, unit: 'LSB', format: 'Unorm8x4/Bgra' });
  expect(r.worst).toMatchObject({
    level: 1,
    x: 0,
    y: 0,
    channel: 'b',
    expectedHex: '0x00',
    actualHex: '0xff',
    error: 255,
  });
  expect(r.channels.r).toMatchObject({ maxAbs: 5, mismatches: 1 });
  expect(r.first.map((v) => `${v.level}:${v.x},${v.y}${v.channel}`)).toEqual(['0:2,1r', '1:0,0b']);
  expect(renderComparison(r)).toBe(
    [
      '2 of 28 values differ (policy exact, Unorm8x4/Bgra)',
      '  worst: level 1 (0,0) b: expected 0x00 (0) actual 0xff (1) +255 LSB',
      '  channel  mismatches  max |err|  mean |err|  bias (LSB)',
      '  r        1           5          0.714286    +0.714286',
      '  g        0           0          0           0',
      '  b        1           255        36.4286     +36.4286',
      '  a        0           0          0           0',
      '  first mismatches:',
      '    level 0 (2,1) r: expected 0x00 (0) actual 0x05 (0.0196078) +5 LSB',
      '    level 1 (0,0) b: expected 0x00 (0) actual 0xff (1) +255 LSB',
    ].join('\n'),
  );
});

test('only the given levels are compared; the exact values reach the policy', () => {
  const expected = createSurface(desc);
  const actual = cloneSurface(expected);
  writeCode(actual, 0, 0, 1, 0, 1);
  expect(compareSurfaces(expected, actual, { policy: exact(), levels: [0] }).pass).toBe(true);
  const onBoundary = new Float64Array(4).fill(1 / 255);
  const r = compareSurfaces(expected, actual, {
    policy: unormNearTie(2 ** -20),
    levels: [1],
    exact: { rounding: 'truncate', levels: [undefined, onBoundary] },
  });
  expect(r.pass).toBe(true);
  expect(r.worst?.error).toBe(1);
  expect(renderComparison(r)).toBe('4 values match (policy unormNearTie(2^-20), Unorm8x4/Bgra)');
});

test('single-channel Float32x1: one channel compared and reported', () => {
  const d = textureDesc({ width: 2, height: 1, format: { storage: 'Float32x1', layout: 'Rgba' } });
  const expected = createSurface(d);
  const actual = cloneSurface(expected);
  writeCode(actual, 1, 0, 0, 0, 0x80000000);
  const r = compareSurfaces(expected, actual, { policy: exact(), levels: [0] });
  expect(r).toMatchObject({ compared: 2, mismatches: 1, unit: 'ULP' });
  expect(Object.keys(r.channels)).toEqual(['r']);
  expect(renderComparison(r)).toContain(
    'level 0 (1,0) r: expected 0x00000000 (0) actual 0x80000000 (0) 0 ULP; equal values, different bits: signed zero',
  );
});

test('Float32x4: a channel that came back NaN where a number was expected prints NaN in its row', () => {
  const d = textureDesc({ width: 1, height: 1, format: { storage: 'Float32x4', layout: 'Rgba' } });
  const expected = createSurface(d);
  const actual = cloneSurface(expected);
  writeCode(actual, 0, 0, 0, 1, 0x7fc00000);
  writeCode(actual, 0, 0, 0, 2, 0x00000002);
  const r = compareSurfaces(expected, actual, { policy: exact(), levels: [0] });
  expect([r.channels.g?.nanAgainstNumber, r.channels.b?.nanAgainstNumber, r.worst?.channel]).toEqual([
    1,
    undefined,
    'g',
  ]);
  expect(renderComparison(r).split('\n').slice(1, 6)).toEqual([
    '  worst: level 0 (0,0) g: expected 0x00000000 (0) actual 0x7fc00000 (NaN): NaN where a number was expected',
    '  channel  mismatches  max |err|  mean |err|  bias (ULP)',
    '  r        0           0          0           0',
    '  g        1           NaN        NaN         NaN',
    '  b        1           2          2           +2',
  ]);
});

const one = textureDesc({ width: 3, height: 2, format: { storage: 'Unorm8x4', layout: 'Rgba' } });

/** A 3x2 Unorm8x4 surface pair, the actual with `edits` ([x, y, channel, code]) applied over codes 100. */
function pair(edits: ReadonlyArray<readonly [number, number, number, number]>) {
  const expected = createSurface(one);
  for (let y = 0; y < 2; y++)
    for (let x = 0; x < 3; x++) for (let c = 0; c < 4; c++) writeCode(expected, x, y, 0, c, 100);
  const actual = cloneSurface(expected);
  for (const [x, y, c, v] of edits) writeCode(actual, x, y, 0, c, v);
  return { expected, actual };
}

test('all equal: the worst is the first compared value, error 0; no level compared, no worst', () => {
  const { expected, actual } = pair([]);
  expect(compareSurfaces(expected, actual, { policy: exact(), levels: [0] })).toEqual({
    policy: 'exact',
    format: 'Unorm8x4/Rgba',
    unit: 'LSB',
    tolerance: 0,
    pass: true,
    levels: [0],
    compared: 24,
    mismatches: 0,
    channels: Object.fromEntries(
      ['r', 'g', 'b', 'a'].map((ch) => [ch, { maxAbs: 0, meanAbs: 0, signedMean: 0, mismatches: 0 }]),
    ),
    worst: {
      level: 0,
      x: 0,
      y: 0,
      channel: 'r',
      expected: 100,
      actual: 100,
      expectedHex: '0x64',
      actualHex: '0x64',
      expectedValue: Math.fround(100 / 255),
      actualValue: Math.fround(100 / 255),
      error: 0,
    },
    first: [],
  });
  const none = compareSurfaces(expected, actual, { policy: exact(), levels: [] });
  expect(none).toMatchObject({ pass: true, compared: 0 });
  expect(none.worst).toBeUndefined();
});

test('the worst: a refused value beats any accepted one, the largest refused wins, a tie keeps the first', () => {
  // unormLsb(2) accepts +2 at (0,0) r; refuses +3 at (1,0) g, -3 at (2,0) b, and +4 at (0,1) a.
  const policy = unormLsb(2);
  const { expected, actual } = pair([
    [0, 0, 0, 102],
    [1, 0, 1, 103],
    [2, 0, 2, 97],
  ]);
  const tie = compareSurfaces(expected, actual, { policy, levels: [0] });
  expect(tie.worst).toMatchObject({ x: 1, y: 0, channel: 'g', error: 3 });
  expect(tie.first.map((v) => `${v.x},${v.y}${v.channel}${v.error}`)).toEqual(['1,0g3', '2,0b-3']);
  const more = pair([
    [0, 0, 0, 102],
    [1, 0, 1, 103],
    [2, 0, 2, 97],
    [0, 1, 3, 104],
  ]);
  expect(compareSurfaces(more.expected, more.actual, { policy, levels: [0] }).worst).toMatchObject({
    x: 0,
    y: 1,
    channel: 'a',
    error: 4,
  });
  // Nothing refused: the largest accepted is the worst, the first of equals kept; first holds only refused values.
  const accepted = pair([
    [0, 0, 0, 101],
    [1, 0, 1, 98],
    [2, 1, 2, 102],
  ]);
  const r = compareSurfaces(accepted.expected, accepted.actual, { policy, levels: [0] });
  expect(r).toMatchObject({ pass: true, mismatches: 0, first: [] });
  expect(r.worst).toMatchObject({ x: 1, y: 0, channel: 'g', error: -2 });
  expect(r.channels).toMatchObject({
    r: { maxAbs: 1, meanAbs: 1 / 6, signedMean: 1 / 6, mismatches: 0 },
    g: { maxAbs: 2, signedMean: -2 / 6 },
  });
});

test('first mismatches: at most firstN (default 8), in order; every mismatch counted', () => {
  const edits = Array.from({ length: 12 }, (_, i) => [i % 3, Math.floor(i / 3) % 2, Math.floor(i / 6), 0] as const);
  const { expected, actual } = pair(edits);
  const all = compareSurfaces(expected, actual, { policy: exact(), levels: [0] });
  expect(all.mismatches).toBe(12);
  expect(all.first).toHaveLength(8);
  const three = compareSurfaces(expected, actual, { policy: exact(), levels: [0], firstN: 3 });
  expect(three.first).toEqual(all.first.slice(0, 3));
  expect(three.mismatches).toBe(all.mismatches);
  expect(compareSurfaces(expected, actual, { policy: exact(), levels: [0], firstN: 0 }).first).toEqual([]);
});

test('exact values are read per texel and channel: only the value on its tie boundary is accepted', () => {
  // (2,1) g and (1,0) a are both +1; only (2,1) g's exact value sits on the truncate boundary at 101.
  const { expected, actual } = pair([
    [2, 1, 1, 101],
    [1, 0, 3, 101],
  ]);
  const values = new Float64Array(3 * 2 * 4).fill(100.5 / 255);
  values[(1 * 3 + 2) * 4 + 1] = 101 / 255;
  const o = { policy: unormNearTie(2 ** -20), levels: [0], exact: { rounding: 'truncate' as const, levels: [values] } };
  const r = compareSurfaces(expected, actual, o);
  expect(r.mismatches).toBe(1);
  expect(r.first.map((v) => `${v.x},${v.y}${v.channel}`)).toEqual(['1,0a']);
  const [map] = errorMaps(expected, actual, o);
  expect([...map!.refused]).toEqual([0, 1, 0, 0, 0, 0]);
  expect([...map!.ratio]).toEqual([0, 1, 0, 0, 0, 1]);
});

test('error maps: per texel the largest |error| / tolerance and whether any channel was refused; every signed error', () => {
  const { expected, actual } = pair([
    [1, 0, 0, 103],
    [1, 0, 2, 99],
    [0, 1, 3, 90],
  ]);
  const [m] = errorMaps(expected, actual, { policy: unormLsb(2), levels: [0] });
  expect(m).toMatchObject({ level: 0, width: 3, height: 2, channels: 4 });
  expect([...m!.ratio]).toEqual([0, 1.5, 0, 5, 0, 0]);
  expect([...m!.refused]).toEqual([0, 1, 0, 1, 0, 0]);
  const errors = new Float64Array(24);
  errors[4] = 3;
  errors[6] = -1;
  errors[15] = -10;
  expect(m!.errors).toEqual(errors);
  // Tolerance 0: the ratio is |error| itself.
  expect([...errorMaps(expected, actual, { policy: exact(), levels: [0] })[0]!.ratio]).toEqual([0, 3, 0, 10, 0, 0]);
  const d = textureDesc({ width: 4, height: 2, format: { storage: 'Unorm16x4', layout: 'Rgba' }, levels: 2 });
  const e16 = createSurface(d);
  const a16 = cloneSurface(e16);
  writeCode(a16, 1, 0, 1, 2, 5);
  expect(
    errorMaps(e16, a16, { policy: exact(), levels: [1] }).map((x) => [x.level, x.width, x.height, [...x.ratio]]),
  ).toEqual([[1, 2, 1, [0, 5]]]);
  expect(compareSurfaces(e16, a16, { policy: exact(), levels: [1] }).worst).toMatchObject({
    expectedHex: '0x0000',
    actualHex: '0x0005',
    x: 1,
    channel: 'b',
  });
});
