/**
 * twinpath's additions to vitest's types, in one module the package's entry
 * point exports, so that they reach a project through the built .d.ts: the
 * meta parityTest leaves on each sweep's test (a reporter reads
 * `testCase.meta().twinpath`) and the toMatchOracle matcher. The type import
 * of vitest is used by an exported type, so the declaration file keeps it:
 * without it the augmentation does not reach a project file that imports
 * only `vitest/node`.
 */
import type { TaskMeta } from 'vitest';
import type { Kernel } from '../core/kernel/kernel.ts';
import type { KernelSummary } from '../core/kernel/kernel-summary.ts';
import type { SweepResult } from '../core/sweep/sweep.ts';
import type { SweepVerdict } from '../core/gate/verdict.ts';

/** The toMatchOracle matcher's type, which `twinpath` adds to vitest's `expect`. */
export interface ToMatchOracle<R = unknown> {
  /**
   * Runs `input` through the kernel's GPU path and its oracle; passes when the case passes.
   * Fails with the case's diagnostic, e.g. `flip_y: mismatch on 3x1 Unorm8x4/Rgba ... 2 of 12 values differ ...`.
   */
  toMatchOracle(input: R extends Kernel<infer I> ? I : never): Promise<void>;
}

declare module 'vitest' {
  interface TaskMeta {
    /** The sweep's result, for the twinpath reporter. */
    twinpath?: SweepResult;
    /** The sweep's verdict, decided once where the sweep ends; every report renders it. */
    twinpathVerdict?: SweepVerdict;
    /** The kernel as listed (set when the test is registered, so collecting alone sees it). */
    twinpathKernel?: KernelSummary;
    /** Each failing toMatchOracle case of the test, swept alone as `<kernel>_to_match_oracle` (oracle-check.ts). */
    twinpathOracleChecks?: SweepResult[];
  }
  interface Matchers<T = any> extends ToMatchOracle<T> {}
}

/** What twinpath leaves on a sweep's test meta (`testCase.meta()` in a reporter). */
export type TwinpathTaskMeta = Pick<
  TaskMeta,
  'twinpath' | 'twinpathVerdict' | 'twinpathKernel' | 'twinpathOracleChecks'
>;
