/**
 * `await expect(kernel).toMatchOracle(input)`: one case of a kernel, run on
 * the GPU and judged against its oracle under the kernel's policy, for
 * one-off checks beside the sweeps. The twinpath/vitest preset registers it;
 * its type is in vitest-types.ts.
 */
import { expect } from 'vitest';
import type { Kernel } from '../core/kernel/kernel.ts';
import { renderCaseResult, runCase } from '../core/sweep/case.ts';

const isKernel = (v: unknown): v is Kernel<unknown> =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Kernel<unknown>).gpu === 'function' &&
  typeof (v as Kernel<unknown>).cpu === 'function';

/** Registers toMatchOracle with vitest's expect (once per worker; the preset's setup file calls it). */
export function registerMatchers(): void {
  expect.extend({
    async toMatchOracle(received: unknown, input: unknown) {
      if (!isKernel(received)) {
        return {
          pass: false,
          message: () => `toMatchOracle: expected a kernel made by defineKernel, got ${typeof received}`,
        };
      }
      const r = await runCase(received, input);
      return {
        pass: r.outcome === 'pass',
        message: () =>
          r.outcome === 'pass' ? `${received.name}: the case passes (expected it not to)` : renderCaseResult(r),
      };
    },
  });
}
