/**
 * `await expect(kernel).toMatchOracle(input)`: one case of a kernel, run on
 * the GPU and judged against its oracle under the kernel's policy, for
 * one-off checks beside the sweeps. The twinpath/vitest preset registers it.
 */
import { expect } from 'vitest';
import type { Kernel } from './kernel.ts';
import { renderCaseResult, runCase } from './run-case.ts';

/** The toMatchOracle matcher's type, which `twinpath` adds to vitest's `expect`. */
export interface ToMatchOracle<R = unknown> {
  /**
   * Runs `input` through the kernel's GPU path and its oracle; passes when the case passes.
   * Fails with the case's diagnostic, e.g. `flip_y: mismatch on 3x1 Unorm8x4/Rgba ... 2 of 12 values differ ...`.
   */
  toMatchOracle(input: R extends Kernel<infer I> ? I : never): Promise<void>;
}

declare module 'vitest' {
  interface Matchers<T = any> extends ToMatchOracle<T> {}
}

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
