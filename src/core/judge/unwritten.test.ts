/**
 * `prefill: 'canary'` catches an output element the kernel never writes:
 * the planted kernel skips the store of a zero result. Under the default
 * zero prefill the same bug passes every case — the reason to choose the
 * canary for a kernel that writes every element.
 */
import { expect, test } from 'vitest';
import { renderSweepFailure, sweep } from '../../index.ts';
import { skipsZeroCanary, skipsZeroZeroed, subFloorCanary } from '../../fixtures/kernels/unwritten.ts';

test('the correct kernel passes with a canary prefill: every element is written', async () => {
  expect((await sweep(subFloorCanary, { runs: 50 })).pass).toBe(true);
});

test('planted: a zero result never stored is a mismatch under the canary prefill, shrunk to one element', async () => {
  const r = await sweep(skipsZeroCanary, { runs: 100 });
  const text = renderSweepFailure(r);
  expect(r.pass, text).toBe(false);
  expect(r.failure!.result.outcome).toBe('mismatch');
  expect(r.failure!.result.case).toMatch(/^\[[0-2]\]$/);
  expect(text).toMatch(/1 of 1 values differ \(policy exact, u32 \[1\], output dst\)/);
  expect(text).toMatch(/expected 0x00000000 \(0\) actual 0x[0-9a-f]{8}/);
});

test('the same bug passes under the default zero prefill: the canary is what sees it', async () => {
  expect((await sweep(skipsZeroZeroed, { runs: 100 })).pass).toBe(true);
});
