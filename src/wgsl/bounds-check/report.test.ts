/**
 * The record buffer read back: per variable its first out-of-bounds access
 * (variable and binding, index, bound, line as written, invocation) and how
 * many there were; a negative i32 index shown as such; nothing when clean.
 */
import { expect, test } from 'vitest';
import { wgsl } from '../source.ts';
import { instrumentBounds } from './instrument.ts';
import { RECORD_WORDS } from './prelude.ts';
import { boundsViolations } from './report.ts';

const check = instrumentBounds(wgsl(import.meta.url, '../fixtures/bounds-check.wgsl'));
const FILE = 'src/wgsl/fixtures/bounds-check.wgsl';

/** Record words with `slots` set: slot -> [count, site, index, bound, x, y, z]. */
function record(slots: Record<number, number[]>): Uint32Array {
  const words = new Uint32Array(check.variables.length * RECORD_WORDS);
  for (const [slot, w] of Object.entries(slots)) words.set(w, Number(slot) * RECORD_WORDS);
  return words;
}

test('a clean record says nothing', () => {
  expect(boundsViolations(check, record({}))).toEqual([]);
});

test('each variable accessed out of bounds: its first access, at the line as written, and the count', () => {
  // Slot 3 is w (workgroup), site 5 its write on line 15; slot 2 is a, site 3 its read on line 14.
  const found = boundsViolations(check, record({ 3: [1, 5, 16, 16, 16, 0, 0], 2: [3, 3, 2 ** 32 - 1, 7, 6, 1, 0] }));
  expect(found).toEqual([
    `out-of-bounds read a[4294967295 (-1 as i32)] (bound 7; @group(0) @binding(0) a, storage) at ${FILE}:14 by global invocation (6, 1, 0); 3 out-of-bounds accesses to a in the case`,
    `out-of-bounds write w[16] (bound 16; var<workgroup> w) at ${FILE}:15 by global invocation (16, 0, 0)`,
  ]);
});
