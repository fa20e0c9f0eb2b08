/**
 * `await expect(kernel).toMatchOracle(input)`: one case of a kernel, run on
 * the GPU and judged against its oracle under the kernel's policy, for
 * one-off checks beside the sweeps. The twinpath/vitest preset registers it;
 * its type is in vitest-types.ts. A failing case reaches the report as a sweep
 * of that one case (oracle-check.ts).
 */
import { expect } from 'vitest';
import type { Kernel } from '../core/kernel/kernel.ts';
import { renderCaseResult, runCase } from '../core/sweep/case.ts';
import { reportOracleCheck } from './oracle-check.ts';

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
      // A case expected to fail (`.not`) that fails is no failure to report.
      if (r.outcome !== 'pass' && !this.isNot) await reportOracleCheck(received, input);
      return {
        pass: r.outcome === 'pass',
        message: () =>
          r.outcome === 'pass' ? `${received.name}: the case passes (expected it not to)` : renderCaseResult(r),
      };
    },
  });
}
