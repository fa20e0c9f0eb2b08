/**
 * Details of a surface comparison each shown to matter: rows whose bytes are equal are not judged; a per-case
 * policy is marked in the record; a record names its output only when that is not the default one; the error
 * map marks the refused channel of the refused texel.
 */
import { expect, test } from 'vitest';
import { textureDesc } from '../surface/desc.ts';
import { cloneSurface, createSurface } from '../surface/surface.ts';
import { writeCode } from '../surface/texel.ts';
import { compareSurfaces, errorMaps, outputNote } from './compare.ts';
import { exact, ulp, unormNearTie, type Policy } from './policy.ts';
import { MAX_REFUSAL_NOTES } from './element-errors.ts';

const desc = textureDesc({ width: 2, height: 2, format: { storage: 'Unorm8x4', layout: 'Rgba' } });

test('rows whose bytes are equal are counted as compared but never judged', () => {
  const expected = createSurface(desc);
  const actual = cloneSurface(expected);
  writeCode(actual, 1, 1, 0, 2, 9);
  const judged: number[] = [];
  const counting: Policy = { ...exact(), judge: (s) => (judged.push(s.actual), exact().judge(s)) };
  const r = compareSurfaces(expected, actual, { policy: counting, levels: [0] });
  expect(r).toMatchObject({ compared: 16, mismatches: 1 });
  // Row 0 is equal: only row 1's 2 texels x 4 channels reach the policy.
  expect(judged).toHaveLength(8);
});

test('a policy sized for the case is marked perCase in the record; a fixed one is not', () => {
  const f32 = textureDesc({ width: 1, height: 1, format: { storage: 'Float32x4', layout: 'Rgba' } });
  const s = createSurface(f32);
  const sized = compareSurfaces(s, cloneSurface(s), { policy: ulp((n: number) => n).forCase!(3), levels: [0] });
  expect(sized).toMatchObject({ policy: 'ulp(3 per case)', perCase: true });
  expect('perCase' in compareSurfaces(s, cloneSurface(s), { policy: ulp(3), levels: [0] })).toBe(false);
});

test('a record names its output only where that is not the default output', () => {
  const s = createSurface(desc);
  const r = compareSurfaces(s, cloneSurface(s), { policy: exact(), levels: [0] });
  expect(outputNote({ ...r, output: 'hist' })).toBe(', output hist');
  expect(outputNote({ ...r, output: 'out' })).toBe('');
  expect(outputNote(r)).toBe('');
});

test('the error map marks the refused channel of the refused texel, and only it', () => {
  const expected = createSurface(desc);
  const actual = cloneSurface(expected);
  writeCode(actual, 1, 1, 0, 2, 9);
  const [map] = errorMaps(expected, actual, { policy: exact(), levels: [0] });
  expect([...map!.refused]).toEqual([0, 0, 0, 1]);
  expect([...map!.refusedChannels]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
  expect(map!.errors[14]).toBe(9);
});

test('the error map keeps the notes of refused channels only, by channel index, the first MAX_REFUSAL_NOTES', () => {
  const tie = unormNearTie(0.001);
  const expected = createSurface(desc);
  const actual = cloneSurface(expected);
  writeCode(actual, 1, 0, 0, 2, 2); // refused, with a note
  writeCode(actual, 0, 1, 0, 1, 1); // next to its boundary: accepted, with a note
  const exactLevel = new Float64Array(16);
  exactLevel[9] = 0.9999 / 255;
  const [map] = errorMaps(expected, actual, {
    policy: tie,
    levels: [0],
    exact: { rounding: 'truncate', levels: [exactLevel] },
  });
  expect([...map!.notes.entries()]).toEqual([[6, 'exact 0: 2 codes off, past the one neighbour it accepts']]);
  const wide = textureDesc({
    width: MAX_REFUSAL_NOTES / 4 + 1,
    height: 1,
    format: { storage: 'Unorm8x4', layout: 'Rgba' },
  });
  const zeros = createSurface(wide);
  const twos = createSurface(wide);
  twos.bytes.fill(2);
  const all = { rounding: 'truncate' as const, levels: [new Float64Array(MAX_REFUSAL_NOTES + 4)] };
  const [capped] = errorMaps(zeros, twos, { policy: tie, levels: [0], exact: all });
  expect(capped!.notes.size).toBe(MAX_REFUSAL_NOTES);
  expect([capped!.notes.has(MAX_REFUSAL_NOTES - 1), capped!.notes.has(MAX_REFUSAL_NOTES)]).toEqual([true, false]);
});
