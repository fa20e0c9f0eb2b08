/**
 * 10,000 small cases in one process with flat memory: resident memory after
 * the warm-up (pools, pipelines, judge threads all started) and after the
 * last case may differ by little. The check is shown to catch a leak: a
 * variant whose GPU half keeps 256 KiB per case grows past the same bound.
 */
import { expect, test } from 'vitest';
import { fc, defineKernel, runCases, type Kernel } from 'twinpath';
import im2col from '../../../kernels/im2col/kernel.ts';

/** Growth of resident memory a flat run stays under, from the warm-up's end to the last case (a leak of 9 KiB per case over 7,500 cases exceeds it). */
const FLAT_MIB = 64;

const mib = () => process.memoryUsage().rss / 2 ** 20;

/** Runs `n` cases of `k`, drawn 100 at a time and dropped; resident MiB after `warmUp` cases and at the end. */
async function residentOver<I>(k: Kernel<I>, n: number, warmUp: number): Promise<{ warm: number; end: number }> {
  let warm = 0;
  for (let done = 0; done < n; done += 100) {
    const rs = await runCases(k, fc.sample(k.input, { numRuns: 100, seed: done }), { twice: false });
    const failed = rs.find((r) => !r.pass);
    if (failed) throw new Error(`${k.name}: ${failed.outcome} on ${failed.case}: ${failed.error ?? ''}`);
    if (done + 100 === warmUp) warm = mib();
  }
  return { warm, end: mib() };
}

test('10,000 im2col cases in one process: resident memory stays flat after the warm-up', async () => {
  const r = await residentOver(im2col, 10_000, 2_500);
  console.log(`resident memory: ${r.warm.toFixed(0)} MiB after 2,500 cases, ${r.end.toFixed(0)} MiB after 10,000`);
  expect(r.end - r.warm).toBeLessThan(FLAT_MIB);
}, 300_000);

test('the flat-memory check catches a leak of 256 KiB per case', async () => {
  const kept: Uint8Array[] = [];
  const leaky = defineKernel({
    ...im2col,
    name: 'im2col_leaky',
    gpu: (g, c) => {
      kept.push(new Uint8Array(256 * 1024).fill(1));
      return im2col.gpu!(g, c);
    },
  });
  const r = await residentOver(leaky, 2_000, 1_000);
  expect(r.end - r.warm).toBeGreaterThan(FLAT_MIB);
}, 300_000);
