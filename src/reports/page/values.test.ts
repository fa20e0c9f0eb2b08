import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { ELEMENT_KINDS } from '../failure/element-kinds.ts';

type Page = {
  fmt: (v: number) => string;
  decodeCode: (kind: string, code: number) => number;
  hexCode: (kind: string, code: number) => string;
};

/** The page's value script (then a planted fault, if any) run in a context of its own, its functions returned. */
function loadValues(planted?: URL): Page {
  const context: Record<string, unknown> = { SETTINGS: { kinds: ELEMENT_KINDS }, atob };
  const scripts = [new URL('./client/values.js', import.meta.url), ...(planted ? [planted] : [])];
  runInNewContext(
    `${scripts.map((u) => readFileSync(u, 'utf8')).join('\n')}\nthis.out = { fmt, decodeCode, hexCode };`,
    context,
  );
  return context.out as Page;
}

/** How a u32 or i32 value reads in the failure's table: `0x4434b462 (1144304738)`. */
function cell(p: Page, kind: string, code: number): string {
  return `${p.hexCode(kind, code)} (${p.fmt(p.decodeCode(kind, code))})`;
}

/** Integers in full: two u32 codes one apart never read alike; i32 and differences exact; fractions stay short. */
function integerChecks(p: Page): void {
  expect([cell(p, 'uint32', 0x4434b462), cell(p, 'uint32', 0x4434b463)]).toEqual([
    '0x4434b462 (1144304738)',
    '0x4434b463 (1144304739)',
  ]);
  expect(cell(p, 'uint32', 0xffffffff)).toBe('0xffffffff (4294967295)');
  expect(cell(p, 'sint32', 0x80000001)).toBe('0x80000001 (-2147483647)');
  expect(p.fmt(2 ** 53 - 1)).toBe('9007199254740991');
  expect(p.fmt(4294967295 - -2147483647)).toBe('6442450942');
  expect(p.fmt(1 / 3)).toBe('0.333333');
  expect(p.fmt(0.125)).toBe('2^-3');
}

test('the page shows u32 and i32 values, and their differences, exactly', () => {
  integerChecks(loadValues());
});

test('the check catches a page that rounds integers above 1e9 (fixtures/values-rounds-integers.js)', () => {
  expect(() => integerChecks(loadValues(new URL('./fixtures/values-rounds-integers.js', import.meta.url)))).toThrow(
    /0x4434b462 \(1144300000\)/,
  );
});
