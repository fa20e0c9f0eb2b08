/**
 * Details of element comparisons each shown to matter: per-channel means over several chunks, every element
 * counted once, the worst of an all-equal comparison the first element compared, the texts of the refusals, a type
 * given as a type; the per-element error map with no mask and with exact values; a texture comparison's mask,
 * exact values and firstN, and a format of mixed channel widths refused.
 */
import { expect, test } from 'vitest';
import { ELEMENT_TYPES } from '../elements/element-types.ts';
import { elementErrorMap, MAX_REFUSAL_NOTES } from './element-errors.ts';
import { compareElements } from './elements.ts';
import { compareTextures, texelElements } from './texels.ts';
import { textureFormat } from '../elements/texture-formats.ts';
import { exact, unormNearTie } from './policy.ts';

test('past the first chunk of 256: every element counted once, each channel its own mean error', () => {
  // 300 texels x 3 channels of u8, errors 3 in r, 6 in g, 9 in b of texel 299 (in the fourth chunk).
  const n = 900;
  const expected = new Uint8Array(n);
  const actual = expected.slice();
  actual.set([3, 6, 9], 897);
  const r = compareElements(expected, actual, { type: 'u8', shape: [1, 300, 3], policy: exact() });
  expect(r).toMatchObject({ compared: 900, mismatches: 3 });
  expect(Object.values(r.channels!).map((s) => s.meanAbs)).toEqual([3 / 300, 6 / 300, 9 / 300]);
  expect(Object.values(r.channels!).map((s) => s.mismatches)).toEqual([1, 1, 1]);
  expect(r.stats.meanAbs).toBe(18 / 900);
  // A shape whose channels do not divide the chunk: 2 channels over 600 elements, both errors in channel 1.
  const two = new Uint8Array(600);
  two[301] = 4;
  two[599] = 2;
  const r2 = compareElements(new Uint8Array(600), two, { type: 'u8', shape: [1, 300, 2], policy: exact() });
  expect(Object.values(r2.channels!).map((s) => s.meanAbs)).toEqual([0, 6 / 300]);
});

test('all equal: the worst reported is the first element compared, past the masked ones', () => {
  const v = Uint32Array.of(5, 6, 7);
  const r = compareElements(v, v, { type: 'u32', policy: exact(), dontCare: [1, 1, 0] });
  expect(r).toMatchObject({ pass: true, compared: 1, dontCare: 2 });
  expect(r.worst!.location.index).toBe(2);
});

test('refusals name the counts: elements of each side, exact values for the elements', () => {
  expect(() =>
    compareElements(Uint32Array.of(1, 2, 3), Uint32Array.of(1, 2), { type: 'u32', policy: exact() }),
  ).toThrow('compareElements: expected holds 3 u32 elements, actual 2');
  const exactValues = { rounding: 'truncate' as const, values: [0.5] };
  expect(() =>
    compareElements(Uint8Array.of(1, 2), Uint8Array.of(1, 2), { type: 'unorm8', policy: exact(), exact: exactValues }),
  ).toThrow('compareElements: 1 exact values for 2 elements');
});

test('the error map: no mask needed; exact values reach the policy', () => {
  const plain = elementErrorMap(Uint32Array.of(1, 2), Uint32Array.of(1, 5), {
    type: ELEMENT_TYPES.u32,
    policy: exact(),
  });
  expect([...plain.errors]).toEqual([0, 3]);
  expect([...plain.refused]).toEqual([0, 1]);
  expect('dontCare' in plain).toBe(false);
  // Truncating, 20.9999 LSB lies next to the boundary at 21: code 21 for 20 is accepted only knowing that.
  const tie = { type: ELEMENT_TYPES.unorm8, policy: unormNearTie(0.001) };
  const exactValues = { rounding: 'truncate' as const, values: [0, 20.9999 / 255] };
  const m = elementErrorMap(Uint8Array.of(0, 20), Uint8Array.of(0, 21), { ...tie, exact: exactValues });
  expect([...m.refused]).toEqual([0, 0]);
  expect([...m.errors]).toEqual([0, 1]);
});

test('a texture comparison passes on the mask, the exact values and firstN', () => {
  const texture = { format: 'rgba8unorm', width: 2, height: 1 };
  const expected = Uint8Array.of(10, 0, 0, 255, 20, 0, 0, 255);
  const actual = Uint8Array.of(11, 0, 0, 255, 21, 0, 0, 255);
  const all = compareTextures(expected, actual, { ...texture, policy: exact() });
  expect(all).toMatchObject({ mismatches: 2, first: [{}, {}] });
  expect(compareTextures(expected, actual, { ...texture, policy: exact(), firstN: 1 }).first).toHaveLength(1);
  const masked = compareTextures(expected, actual, { ...texture, policy: exact(), dontCare: [1, 0, 0, 0, 1, 0, 0, 0] });
  expect(masked).toMatchObject({ pass: true, dontCare: 2 });
  const exactValues = {
    rounding: 'truncate' as const,
    values: [10.9999, 0, 0, 255, 20.9999, 0, 0, 255].map((v) => v / 255),
  };
  const tie = compareTextures(expected, actual, { ...texture, policy: unormNearTie(0.001), exact: exactValues });
  expect(tie.pass).toBe(true);
});

test('an element type given as a type, not a name, is taken as it is', () => {
  const v = Uint32Array.of(1, 2);
  expect(compareElements(v, v, { type: ELEMENT_TYPES.u32, policy: exact() })).toMatchObject({
    pass: true,
    elementType: 'u32',
  });
});

test('planted: a format whose channels differ in width is refused, even where one channel is a known type', () => {
  const [u8, u16] = [textureFormat('rg8uint'), textureFormat('rg16uint')];
  const mixed = { ...u8, name: 'rg8_16uint', channels: [u8.channels[0]!, u16.channels[1]!] };
  expect(() => texelElements(mixed)).toThrow(
    'rg8_16uint packs channels of different widths (uint8, uint16): ' +
      "compare its 32-bit words exactly (type u32, shape [h, w]) or decodeTexel's values",
  );
});

test('the error map keeps the notes of refused elements only, the first MAX_REFUSAL_NOTES of them', () => {
  const tie = { type: ELEMENT_TYPES.unorm8, policy: unormNearTie(0.001) };
  // Element 1 is accepted next to its boundary (a note, not kept); 2 and 3 are refused with notes.
  const exactValues = { rounding: 'truncate' as const, values: [0, 20.9999 / 255, 20 / 255, 0] };
  const m = elementErrorMap(Uint8Array.of(0, 20, 20, 0), Uint8Array.of(0, 21, 22, 1), { ...tie, exact: exactValues });
  expect([...m.notes.keys()]).toEqual([2, 3]);
  expect(m.notes.get(2)).toBe('exact 20: 2 codes off, past the one neighbour it accepts');
  const n = MAX_REFUSAL_NOTES + 4;
  const many = elementErrorMap(new Uint8Array(n), new Uint8Array(n).fill(2), {
    ...tie,
    exact: { rounding: 'truncate', values: new Float64Array(n) },
  });
  expect(many.notes.size).toBe(MAX_REFUSAL_NOTES);
  expect([many.notes.has(0), many.notes.has(MAX_REFUSAL_NOTES - 1), many.notes.has(MAX_REFUSAL_NOTES)]).toEqual([
    true,
    true,
    false,
  ]);
});
