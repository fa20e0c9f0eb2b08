/**
 * Planted: a kernel whose describe() throws. The sweep still runs every case
 * and keeps them; its verdict fails naming the kernel and the fix.
 */
import { expect, test } from 'vitest';
import { decideVerdict, defineKernel, sweep } from '../../index.ts';
import texelAddress from '../../../kernels/texel_address/kernel.ts';

test('a throwing describe() names the kernel and keeps the sweep’s results', async () => {
  const k = defineKernel({
    ...texelAddress,
    name: 'texel_address_bad_describe',
    describe: () => {
      throw new Error('boom');
    },
  });
  const r = await sweep(k, { runs: 10, seed: 1 });
  expect(r.runs).toBe(10);
  expect(r.cases).toHaveLength(10);
  expect(r.cases.every((c) => c.outcome === 'pass' && c.case === '(describe() threw: boom)')).toBe(true);
  expect(r.describeError).toBe('boom');
  expect(decideVerdict(r, [])).toEqual({
    status: 'fail',
    reason:
      "texel_address_bad_describe: describe() threw on a case: boom — fix the kernel's describe(); the cases are kept",
  });
}, 120_000);
