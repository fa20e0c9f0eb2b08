/**
 * Judging one case from the GPU's output: the oracle, the canary, the
 * comparison. Touches no GPU, so it runs on the main thread or on a judge
 * worker thread alike (judge-pool.ts).
 */
import { checkCanary, type CanaryReport } from './canary.ts';
import { compareSurfaces, type ComparisonRecord } from './compare/compare.ts';
import { PolicyError } from './compare/policy.ts';
import { policyFor, runOracle, type Kernel, type OracleOutput } from './kernel.ts';
import type { TextureDesc } from './surface/desc.ts';
import { describeSurface, wrapSurface } from './surface/surface.ts';

/** What the GPU produced for a case: its output buffer's bytes (chain + guard band) and the levels the kernel owns. */
export interface GpuOutput {
  readonly desc: TextureDesc;
  readonly ownedLevels: readonly number[];
  readonly bytes: Uint8Array;
}

/** The verdict on one case's output. */
export interface Judgement {
  readonly outcome: 'pass' | 'mismatch' | 'canary' | 'oracle-error' | 'setup-error';
  readonly error?: string;
  readonly comparison?: ComparisonRecord;
  readonly canary?: CanaryReport;
  readonly oracleMs: number;
}

function sameDesc(a: TextureDesc, b: TextureDesc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs the oracle on `input` (with the GPU's output, for chained kernels),
 * checks the canary and compares. Errors become outcomes:
 * `mip_downsample: oracle threw: …`, `mip_downsample: oracle and GPU outputs describe different surfaces: …`.
 */
export function judge<I>(k: Kernel<I>, input: I, out: GpuOutput, onOracle?: (expected: OracleOutput) => void): Judgement {
  const actual = wrapSurface(out.desc, out.bytes);
  const run = runOracle(k, input, actual);
  const oracleMs = run.ms;
  if ('error' in run) return { outcome: 'oracle-error', error: `${k.name}: oracle threw: ${run.error}`, oracleMs };
  const oracle = run.output;
  onOracle?.(oracle);
  if (!sameDesc(out.desc, oracle.surface.desc)) {
    return { outcome: 'setup-error', error: `${k.name}: oracle and GPU outputs describe different surfaces: oracle ${describeSurface(oracle.surface.desc)}, GPU ${describeSurface(out.desc)}`, oracleMs };
  }
  const canary = checkCanary(out.bytes, out.desc, out.ownedLevels);
  let comparison: ComparisonRecord;
  try {
    comparison = compareSurfaces(oracle.surface, actual, {
      policy: policyFor(k, out.desc.format.storage),
      levels: out.ownedLevels,
      ...(oracle.exact ? { exact: oracle.exact } : {}),
    });
  } catch (e) {
    if (e instanceof PolicyError) return { outcome: 'setup-error', error: `${k.name}: ${e.message}`, oracleMs };
    throw e;
  }
  return { outcome: !canary.pass ? 'canary' : !comparison.pass ? 'mismatch' : 'pass', comparison, canary, oracleMs };
}
