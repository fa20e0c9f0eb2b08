/**
 * A named memo's value can come from another thread: what recordMemos saw
 * built (as built, before the caller changed it) is what seedMemos gives the
 * same memo for another copy of the case, found by its path in the case.
 */
import { expect, test } from 'vitest';
import { caseMemo, recordMemos, seedMemos } from './case-memo.ts';

let builds = 0;
const doubled = caseMemo((spec: { readonly n: number }) => {
  builds++;
  return new Uint8Array([spec.n * 2]);
}, 'case-memo.test doubled');
const unnamed = caseMemo((spec: { readonly n: number }) => new Uint8Array([spec.n * 3]));

test('what was built for a nested spec is found by its path and seeded into the copy, as it was built', () => {
  const there = { size: 4, data: { n: 5 } };
  const { result, built } = recordMemos(
    there,
    () => {
      const v = doubled(there.data);
      unnamed(there.data);
      v[0] = 99; // the oracle changes its value after it was built: the copy taken at build time is unchanged
      return 'oracle ran';
    },
    (v) => (v as Uint8Array).slice(),
  );
  expect(result).toBe('oracle ran');
  expect(built).toEqual([{ memo: 'case-memo.test doubled', path: ['data'], value: new Uint8Array([10]) }]);

  const here = structuredClone({ size: 4, data: { n: 5 } });
  const before = builds;
  seedMemos(here, structuredClone(built));
  expect(doubled(here.data)).toEqual(new Uint8Array([10]));
  expect(builds).toBe(before);
});

test('a key the case does not reach is not recorded, and a seed for another memo name changes nothing', () => {
  const there = { n: 1 };
  const { built } = recordMemos(there, () => doubled({ n: 7 }));
  expect(built).toEqual([]);
  const here = { n: 2 };
  seedMemos(here, [{ memo: 'no such memo', path: [], value: new Uint8Array([0]) }]);
  expect(doubled(here)).toEqual(new Uint8Array([4]));
});

test('a second memo of the same name is memoized alone, never seeded', () => {
  const twin = caseMemo((spec: { readonly n: number }) => new Uint8Array([spec.n]), 'case-memo.test doubled');
  const here = { n: 3 };
  seedMemos(here, [{ memo: 'case-memo.test doubled', path: [], value: new Uint8Array([42]) }]);
  expect(twin(here)).toEqual(new Uint8Array([3]));
  expect(doubled(here)).toEqual(new Uint8Array([42]));
});
