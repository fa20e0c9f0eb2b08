/**
 * A failing toMatchOracle case as the report takes it: swept alone as a kernel `<kernel>_to_match_oracle` whose
 * only case is that input (its failure's pictures written by the failure listeners, like any sweep's), the result
 * left on the running test's meta (`twinpathOracleChecks`), where the twinpath reporter adds it as a row.
 */
import { relative } from 'node:path';
import fc from 'fast-check';
import { getCurrentTest } from 'vitest/suite';
import type { Kernel } from '../core/kernel/kernel.ts';
import { sweep, type SweepResult } from '../core/sweep/sweep.ts';

/** The suffix of the sweep a failing toMatchOracle case reports as: its own row and failure folder. */
export const ORACLE_CHECK_SUFFIX = '_to_match_oracle';

/**
 * Sweeps `input` alone (fast-check path 0 of a constant: the case itself, not shrunk) and leaves the result on the
 * running test's meta. Its replay line reruns the test: `npx vitest run <file> -t '<test>'`. Outside a test, only
 * sweeps (nothing to leave it on).
 */
export async function reportOracleCheck<I>(k: Kernel<I>, input: I): Promise<SweepResult> {
  const test = getCurrentTest();
  const rerun = test
    ? `npx vitest run ${relative(process.cwd(), test.file.filepath)} -t '${test.name.replace(/'/g, "'\\''")}'`
    : `toMatchOracle(${JSON.stringify(input)})`;
  // Not exported from the kernel's module under this name: judged on this thread, never a worker's copy.
  const alone: Kernel<I> = { ...k, name: `${k.name}${ORACLE_CHECK_SUFFIX}`, input: fc.constant(input) };
  const r = await sweep(alone, { runs: 1, seed: 0, path: '0', replay: () => rerun });
  if (test) test.meta.twinpathOracleChecks = [...(test.meta.twinpathOracleChecks ?? []), r];
  return r;
}
